//! `/api/stats`: JSON for the dashboard, fetched on the client.
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use actix_web::HttpResponse;
use next_runtime::prelude::*;

static CALLS: AtomicU64 = AtomicU64::new(0);

#[api]
pub async fn stats() -> HttpResponse {
    let calls = CALLS.fetch_add(1, Ordering::Relaxed) + 1;
    let time = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    HttpResponse::Ok().json(serde_json::json!({
        "posts": crate::content::POSTS.len(),
        "calls": calls,
        "time": time,
    }))
}
