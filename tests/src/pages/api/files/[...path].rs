//! `/api/files/[...path]`: a catch-all API route; `web::Path<String>` gets `a/b`.
use actix_web::web;
use next_runtime::prelude::*;

#[api]
pub async fn files(path: web::Path<String>) -> String {
    format!("file: {}", path.into_inner())
}
