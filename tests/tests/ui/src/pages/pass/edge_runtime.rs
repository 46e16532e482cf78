use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub agent: String,
}

#[get_server_side_props(runtime = "edge")]
pub async fn get_server_side_props(ctx: EdgeContext) -> Result<ServerSideProps<Props>, Error> {
    let agent = ctx.headers.get("user-agent").map(|v| format!("{v:?}")).unwrap_or_default();
    std::future::ready(()).await;
    Ok(ServerSideProps::props(Props { agent }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { p { (props.agent) } }
}

fn main() {}
