//! Shows what a rewritten request's page sees.

use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    slug: String,
    resolved_url: String,
    /// `ctx.req`'s path: the URL as requested.
    req_path: String,
    query: Vec<(String, Vec<String>)>,
    /// The header the middleware adds to the request, if it did.
    from_middleware: Option<String>,
}

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props {
        slug: ctx.params.get("slug").unwrap_or_default().to_owned(),
        resolved_url: ctx.resolved_url.clone(),
        req_path: ctx.req.path().to_owned(),
        query: ctx
            .query
            .iter()
            .map(|(key, values)| (key.to_owned(), values.to_vec()))
            .collect(),
        from_middleware: ctx
            .req
            .headers()
            .get("x-from-mw")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { "Echo " (props.slug) } p #resolved { (props.resolved_url) } }
}
