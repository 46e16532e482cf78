use actix_web::HttpResponse;
use next_runtime::prelude::*;

#[get_static_props]
pub async fn load(_ctx: StaticContext) -> Result<StaticProps<()>, Error> {
    Ok(StaticProps::props(()))
}

#[api]
pub async fn handler() -> HttpResponse {
    HttpResponse::Ok().finish()
}

fn main() {}
