//! `/api/draft?enable=1` enters draft mode, `?enable=0` leaves it; both go back to `/draft`.
//! A real app would check a secret from its CMS here before enabling.
use actix_web::{http::header, web, HttpResponse};
use next_runtime::prelude::*;
use next_runtime::DraftMode;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Switch {
    enable: u8,
}

#[api]
pub async fn handler(draft: DraftMode, switch: web::Query<Switch>) -> HttpResponse {
    let mut response = HttpResponse::TemporaryRedirect();
    if switch.enable == 1 {
        draft.enable(&mut response);
    } else {
        draft.disable(&mut response);
    }
    response.insert_header((header::LOCATION, "/draft")).finish()
}
