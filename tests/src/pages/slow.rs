//! A props function that takes 400 ms: long enough for the router's progress bar.
use std::time::Duration;

use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub waited_ms: u64,
}

#[get_server_side_props]
pub async fn props(_ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    actix_web::rt::time::sleep(Duration::from_millis(400)).await;
    Ok(ServerSideProps::props(Props { waited_ms: 400 }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { "Slow (" (props.waited_ms) " ms)" } }
}
