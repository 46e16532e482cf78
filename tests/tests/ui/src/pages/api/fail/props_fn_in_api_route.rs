use actix_web::{HttpRequest, HttpResponse};
use next_runtime::prelude::*;

#[get_server_side_props]
pub async fn get_server_side_props(_ctx: Context) -> Result<ServerSideProps<()>, Error> {
    Ok(ServerSideProps::props(()))
}

#[api]
pub async fn handler(_req: HttpRequest) -> HttpResponse {
    HttpResponse::Ok().finish()
}

fn main() {}
