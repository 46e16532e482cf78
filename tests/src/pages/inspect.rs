//! A props page on a static route: reports what its context holds.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub params: usize,
    pub resolved_url: String,
    pub req_url: String,
    pub locale: Option<&'static str>,
    pub locales: usize,
    pub default_locale: Option<&'static str>,
}

#[get_server_side_props]
pub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props {
        params: ctx.params.iter().count(),
        resolved_url: ctx.resolved_url.clone(),
        req_url: ctx.req.uri().to_string(),
        locale: ctx.locale,
        locales: ctx.locales.len(),
        default_locale: ctx.default_locale,
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { p { (props.resolved_url) } }
}
