//! The sign-in gate: `/dashboard` and the API it reads need a session (see
//! [`crate::session`]). A visitor without one is sent to `/sign-in`, which brings them
//! back; on a client-side transition the router follows the redirect the same way.

use actix_web::{HttpRequest, HttpResponse};
use next_runtime::middleware::{NextResponse, NextUrl};
use next_runtime::prelude::*;

use crate::session;

#[middleware(matcher = ["/dashboard", "/api/stats"])]
pub async fn middleware(req: HttpRequest, url: NextUrl) -> Result<NextResponse, Error> {
    if let Some(name) = session::user(&req) {
        return Ok(NextResponse::next().request_header("x-user", &name));
    }
    if url.pathname.starts_with("/api/") {
        let refused = HttpResponse::Unauthorized().json(serde_json::json!({ "error": "sign in first" }));
        return Ok(NextResponse::respond(refused));
    }
    // Back to the page in the visitor's locale (`/fr/dashboard` stays French).
    let prefix = match url.locale {
        Some(locale) if locale != "en" => format!("/{locale}"),
        _ => String::new(),
    };
    Ok(NextResponse::redirect(format!("{prefix}/sign-in?next={prefix}{}", url.pathname)))
}
