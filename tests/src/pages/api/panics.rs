//! `/api/panics`: an API route that panics.
use actix_web::HttpResponse;
use next_runtime::prelude::*;

#[api]
pub async fn handler() -> HttpResponse {
    panic!("the API route exploded")
}
