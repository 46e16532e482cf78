//! An edge props function: reports what its `EdgeContext` snapshot holds, after an await
//! point that only a `Send` future may cross.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    id: String,
    method: String,
    uri: String,
    agent: Option<String>,
    theme: Option<String>,
    tag: Option<String>,
    resolved_url: String,
}

#[get_server_side_props(runtime = "edge")]
pub async fn get_server_side_props(ctx: EdgeContext) -> Result<ServerSideProps<Props>, Error> {
    let id = ctx.params.get("id").unwrap_or_default().to_owned();
    if id == "missing" {
        return Ok(ServerSideProps::not_found());
    }
    std::future::ready(()).await;
    Ok(ServerSideProps::props(Props {
        id,
        method: ctx.method.to_string(),
        uri: ctx.uri.to_string(),
        agent: ctx.headers.get("user-agent").and_then(|v| v.to_str().ok()).map(str::to_owned),
        theme: ctx.cookie("theme").map(|c| c.value().to_owned()),
        tag: ctx.query.get("tag").map(str::to_owned),
        resolved_url: ctx.resolved_url.clone(),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { "Edge " (props.id) } }
}
