//! `/guides/[slug]`: paths listed per locale; a path in a locale it was not listed in is
//! 404 (`fallback: false`).
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub slug: String,
    pub locale: String,
}

#[get_static_paths]
pub async fn get_static_paths(ctx: StaticPathsContext) -> Result<StaticPaths, Error> {
    assert_eq!(ctx.default_locale, Some("en-US"));
    let paths = [
        StaticPath::params().param("slug", "start"),
        StaticPath::params().param("slug", "start").locale("fr"),
        StaticPath::params().param("slug", "only-dutch").locale("nl-NL"),
    ];
    Ok(StaticPaths::new(paths, Fallback::False))
}

#[get_static_props]
pub async fn get_static_props(ctx: StaticContext) -> Result<StaticProps<Props>, Error> {
    Ok(StaticProps::props(Props {
        slug: ctx.params.get("slug").unwrap_or_default().to_owned(),
        locale: ctx.locale.unwrap_or_default().to_owned(),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { (props.slug) " in " (props.locale) } }
}
