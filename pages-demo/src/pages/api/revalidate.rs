//! `POST /api/revalidate?path=/posts/1`: the CMS webhook. It regenerates the page now when
//! the `x-revalidate-secret` header holds `DEMO_REVALIDATE_SECRET` (compared in constant
//! time); without that variable the webhook is off.
use actix_web::{web, HttpRequest, HttpResponse};
use next_runtime::prelude::*;
use serde::Deserialize;
use subtle::ConstantTimeEq;

/// The variable that holds the webhook's secret.
pub const SECRET_ENV: &str = "DEMO_REVALIDATE_SECRET";

#[derive(Deserialize)]
pub struct Hook {
    pub path: String,
}

#[api]
pub async fn handler(req: HttpRequest, hook: web::Query<Hook>) -> HttpResponse {
    let Some(secret) = std::env::var(SECRET_ENV).ok().filter(|s| !s.is_empty()) else {
        return HttpResponse::ServiceUnavailable()
            .json(serde_json::json!({ "message": format!("the webhook is off: set {SECRET_ENV}") }));
    };
    let given = req
        .headers()
        .get("x-revalidate-secret")
        .map(|value| value.as_bytes())
        .unwrap_or_default();
    if !bool::from(given.ct_eq(secret.as_bytes())) {
        return HttpResponse::Unauthorized().json(serde_json::json!({ "message": "Invalid token" }));
    }
    match next_runtime::revalidate(&hook.path).await {
        Ok(_) => HttpResponse::Ok().json(serde_json::json!({ "revalidated": true })),
        Err(error) => HttpResponse::InternalServerError()
            .json(serde_json::json!({ "message": error.to_string() })),
    }
}
