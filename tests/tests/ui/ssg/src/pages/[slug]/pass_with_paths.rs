// A dynamic page of a static props function, with its paths.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub slug: String,
}

#[get_static_paths]
pub async fn paths(_ctx: StaticPathsContext) -> Result<StaticPaths, std::io::Error> {
    Ok(StaticPaths::new([StaticPath::params().param("slug", "a")], Fallback::Blocking))
}

#[get_static_props]
pub async fn load(ctx: StaticContext) -> Result<StaticProps<Props>, Error> {
    let slug = ctx.params.get("slug").unwrap_or_default().to_owned();
    Ok(StaticProps::props(Props { slug }))
}

#[page]
pub fn render(props: Props) -> Markup {
    html! { p { (props.slug) } }
}

fn main() {}
