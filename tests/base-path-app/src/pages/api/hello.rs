use actix_web::HttpResponse;
use next_runtime::prelude::*;

#[api]
pub async fn handler() -> HttpResponse {
    HttpResponse::Ok().body("hello")
}
