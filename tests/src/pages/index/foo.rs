//! `/index/foo`: its data URL is `/_next/data/{id}/index/index/foo.json`.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub here: &'static str,
}

#[get_server_side_props]
pub async fn props(_ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props { here: "/index/foo" }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { p { (props.here) } }
}
