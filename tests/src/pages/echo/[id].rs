//! Shows what the context holds: params, merged query, resolved URL, method and a cookie.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub id: String,
    pub query_id: Vec<String>,
    pub tags: Vec<String>,
    pub resolved_url: String,
    pub req_url: String,
    pub method: String,
    pub session: Option<String>,
}

#[get_server_side_props]
pub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props {
        id: ctx.params.get("id").unwrap_or_default().to_owned(),
        query_id: ctx.query.get_all("id").unwrap_or_default().to_vec(),
        tags: ctx.query.get_all("tag").unwrap_or_default().to_vec(),
        resolved_url: ctx.resolved_url.clone(),
        req_url: ctx.req.uri().to_string(),
        method: ctx.req.method().to_string(),
        session: ctx.req.cookie("session").map(|c| c.value().to_owned()),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { pre { (props.resolved_url) } }
}
