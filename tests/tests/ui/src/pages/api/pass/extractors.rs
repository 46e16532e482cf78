// An API handler with actix-web extractors.
use actix_web::{web, HttpRequest, HttpResponse};
use next_runtime::prelude::*;

#[api]
pub async fn handler(req: HttpRequest, id: web::Path<u32>) -> HttpResponse {
    HttpResponse::Ok().body(format!("{} {}", req.method(), id.into_inner()))
}

fn main() {}
