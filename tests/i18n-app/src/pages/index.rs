//! Shows everything the context knows about the locale, as Next's i18n `gssp` test page.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Props {
    locale: Option<String>,
    locales: Vec<String>,
    default_locale: Option<String>,
    resolved_url: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    // `?shared=1`: shareable, for the shared-cache tests.
    if ctx.query.get("shared").is_some() {
        crate::SHARED_RENDERS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        ctx.res.set_header("Cache-Control", "public, s-maxage=60");
    }
    Ok(ServerSideProps::props(Props {
        locale: ctx.locale.map(str::to_owned),
        locales: ctx.locales.iter().map(|l| l.to_string()).collect(),
        default_locale: ctx.default_locale.map(str::to_owned),
        resolved_url: ctx.resolved_url.clone(),
    }))
}

#[page]
pub fn page(props: Props) -> Page {
    Page::new(html! {
        h1 #locale { (props.locale.unwrap_or_default()) }
        (link("/posts/1", "First post"))
    })
    .title("Home")
}
