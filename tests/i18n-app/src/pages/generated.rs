//! `/generated`: a page of a static props function without params, generated once per
//! locale.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub locale: String,
    pub locales: Vec<String>,
    pub default_locale: String,
}

#[get_static_props]
pub async fn get_static_props(ctx: StaticContext) -> Result<StaticProps<Props>, Error> {
    Ok(StaticProps::props(Props {
        locale: ctx.locale.unwrap_or_default().to_owned(),
        locales: ctx.locales.iter().map(|l| l.to_string()).collect(),
        default_locale: ctx.default_locale.unwrap_or_default().to_owned(),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { "Generated in " (props.locale) } p { (link("/about", "About")) } }
}
