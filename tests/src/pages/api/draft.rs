//! `/api/draft`: turns draft mode on (`?mode=on`), off (`?mode=off`), or sets preview data
//! (`?mode=data`, `?mode=too-big`).
use actix_web::{web, HttpResponse};
use next_runtime::prelude::*;
use next_runtime::DraftMode;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Mode {
    mode: String,
}

#[api]
pub async fn handler(draft: DraftMode, query: web::Query<Mode>) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    let set = match query.mode.as_str() {
        "on" => {
            draft.enable(&mut response);
            Ok(())
        }
        "off" => {
            draft.disable(&mut response);
            Ok(())
        }
        "data" => draft.set_preview_data(&mut response, &serde_json::json!({"lets": "goooo"}), None),
        "too-big" => draft.set_preview_data(&mut response, &"x".repeat(3000), None),
        _ => return HttpResponse::BadRequest().finish(),
    };
    match set {
        Ok(()) => response.body(format!("draft mode was {}", draft.is_enabled())),
        Err(error) => HttpResponse::InternalServerError().body(error.to_string()),
    }
}
