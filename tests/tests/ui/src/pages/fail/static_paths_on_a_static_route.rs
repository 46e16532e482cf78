use next_runtime::prelude::*;

#[get_static_paths]
pub async fn paths(_ctx: StaticPathsContext) -> Result<StaticPaths, Error> {
    Ok(StaticPaths::new([], Fallback::False))
}

#[get_static_props]
pub async fn load(_ctx: StaticContext) -> Result<StaticProps<()>, Error> {
    Ok(StaticProps::props(()))
}

#[page]
pub fn render(_props: ()) -> Markup {
    html! {}
}

fn main() {}
