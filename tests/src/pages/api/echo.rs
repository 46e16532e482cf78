//! `/api/echo`: a required JSON body, returned as it came.
use actix_web::web;
use next_runtime::prelude::*;

#[api]
pub async fn echo(body: web::Json<serde_json::Value>) -> web::Json<serde_json::Value> {
    body
}
