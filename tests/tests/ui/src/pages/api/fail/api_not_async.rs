use actix_web::{HttpRequest, HttpResponse};
use next_runtime::prelude::*;

#[api]
pub fn handler(_req: HttpRequest) -> HttpResponse {
    HttpResponse::Ok().finish()
}

fn main() {}
