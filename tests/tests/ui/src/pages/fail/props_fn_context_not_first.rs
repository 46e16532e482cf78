use actix_web::web;
use next_runtime::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct Paging {
    pub page: u32,
}

#[derive(Serialize)]
pub struct Props {
    pub page: u32,
}

#[get_server_side_props]
pub async fn get_server_side_props(
    paging: web::Query<Paging>,
    ctx: Context,
) -> Result<ServerSideProps<Props>, Error> {
    let _ = ctx;
    Ok(ServerSideProps::props(Props { page: paging.page }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { p { (props.page) } }
}

fn main() {}
