//! `/api/cms-draft?secret=..&slug=..`: the draft-mode entry of docs/draft-mode.md, as a
//! CMS calls it. Fails closed without `CMS_SECRET`, compares in constant time.
use actix_web::{http::header, web, HttpResponse};
use next_runtime::prelude::*;
use next_runtime::DraftMode;
use serde::Deserialize;
use subtle::ConstantTimeEq;

#[derive(Deserialize)]
pub struct Query {
    secret: String,
    slug: String,
}

#[api]
pub async fn handler(draft: DraftMode, query: web::Query<Query>) -> HttpResponse {
    // Fail closed: without a configured secret, nobody enters draft mode.
    let Some(expected) = std::env::var("CMS_SECRET").ok().filter(|s| !s.is_empty()) else {
        return HttpResponse::ServiceUnavailable().body("draft mode is not configured");
    };
    // In constant time, so response times say nothing about how much of a guess was right.
    if !bool::from(query.secret.as_bytes().ct_eq(expected.as_bytes())) {
        return HttpResponse::Unauthorized().body("Invalid token");
    }
    // Only a plain slug: the redirect must stay on this site.
    if query.slug.is_empty() || !query.slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return HttpResponse::BadRequest().body("Invalid slug");
    }
    let mut response = HttpResponse::TemporaryRedirect();
    draft.enable(&mut response);
    response
        .insert_header((header::LOCATION, format!("/posts/{}", query.slug)))
        .finish()
}
