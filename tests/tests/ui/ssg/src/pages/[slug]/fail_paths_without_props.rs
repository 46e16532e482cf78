use next_runtime::prelude::*;

#[get_static_paths]
pub async fn paths(_ctx: StaticPathsContext) -> Result<StaticPaths, Error> {
    Ok(StaticPaths::new([], Fallback::False))
}

#[page]
pub fn render() -> Markup {
    html! {}
}

fn main() {}
