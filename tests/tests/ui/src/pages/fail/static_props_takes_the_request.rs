use next_runtime::prelude::*;

#[get_static_props]
pub async fn load(ctx: Context) -> Result<StaticProps<String>, Error> {
    Ok(StaticProps::props(ctx.resolved_url))
}

#[page]
pub fn render(props: String) -> Markup {
    html! { (props) }
}

fn main() {}
