//! A slow props function: 400 ms, long enough for the router's progress bar, or, with
//! `?gate=NAME`, until a test calls `next_tests::open_gate(NAME)`.
use std::time::Duration;

use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub waited: String,
}

#[get_server_side_props]
pub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let waited = match ctx.query.get("gate") {
        Some(gate) => {
            while !crate::gate_open(gate) {
                actix_web::rt::time::sleep(Duration::from_millis(5)).await;
            }
            "until released".to_owned()
        }
        None => {
            actix_web::rt::time::sleep(Duration::from_millis(400)).await;
            "400 ms".to_owned()
        }
    };
    Ok(ServerSideProps::props(Props { waited }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { "Slow (" (props.waited) ")" } }
}
