//! `/api/hello`: a plain handler.
use actix_web::{HttpRequest, HttpResponse};
use next_runtime::prelude::*;

#[api]
pub async fn handler(req: HttpRequest) -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "hello": "world", "method": req.method().as_str() }))
}
