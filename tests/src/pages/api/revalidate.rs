//! `POST /api/revalidate?path=/ssg/posts/1`: a CMS webhook. The secret is compared in
//! constant time; the page is regenerated before the answer, which says how it went.
use actix_web::{web, HttpRequest, HttpResponse};
use next_runtime::prelude::*;
use serde::Deserialize;
use subtle::ConstantTimeEq;

/// The webhook's secret (a real app reads it from its environment).
pub const SECRET: &str = "webhook secret";

#[derive(Deserialize)]
pub struct Hook {
    pub path: String,
}

#[api]
pub async fn handler(req: HttpRequest, hook: web::Query<Hook>) -> HttpResponse {
    let given = req
        .headers()
        .get("x-webhook-secret")
        .map(|value| value.as_bytes())
        .unwrap_or_default();
    if !bool::from(given.ct_eq(SECRET.as_bytes())) {
        return HttpResponse::Unauthorized().json(serde_json::json!({ "message": "Invalid token" }));
    }
    match next_runtime::revalidate(&hook.path).await {
        Ok(done) => HttpResponse::Ok().json(serde_json::json!({ "revalidated": format!("{done:?}") })),
        Err(error) => HttpResponse::InternalServerError()
            .json(serde_json::json!({ "message": error.to_string() })),
    }
}
