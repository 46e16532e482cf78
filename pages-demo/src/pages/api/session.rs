//! `POST /api/session`: signs in (`name`, then back to `next`) or out (`action=sign-out`).
use actix_web::{http::header, web, HttpResponse};
use next_runtime::prelude::*;
use serde::Deserialize;

use crate::session;

#[derive(Deserialize)]
pub struct Form {
    #[serde(default)]
    name: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    action: String,
}

#[api]
pub async fn handler(form: web::Form<Form>) -> HttpResponse {
    if form.action == "sign-out" {
        return HttpResponse::SeeOther()
            .cookie(session::sign_out())
            .insert_header((header::LOCATION, "/"))
            .finish();
    }
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return HttpResponse::BadRequest().body("a name of 1 to 40 characters, please");
    }
    HttpResponse::SeeOther()
        .cookie(session::sign_in(name))
        .insert_header((header::LOCATION, session::local_path(&form.next)))
        .finish()
}
