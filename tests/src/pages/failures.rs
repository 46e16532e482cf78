//! Fails in the way the query string asks:
//! `?mode=error|panic|bad-header|bad-redirect|temporary|js-redirect|missing`.
use actix_web::http::StatusCode;
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {}

#[get_server_side_props]
pub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    match ctx.query.get("mode") {
        Some("error") => {
            "not a number".parse::<u32>()?;
            Ok(ServerSideProps::props(Props {}))
        }
        Some("panic") => panic!("secret panic detail"),
        Some("bad-header") => {
            ctx.res.set_header("x-bad", "line\nbreak");
            Ok(ServerSideProps::props(Props {}))
        }
        Some("bad-redirect") => Ok(ServerSideProps::redirect(Redirect::with_status(
            "/",
            StatusCode::OK,
        ))),
        Some("temporary") => Ok(ServerSideProps::redirect(Redirect::temporary("/elsewhere?x=1"))),
        // What a client router must never follow.
        Some("js-redirect") => Ok(ServerSideProps::redirect(Redirect::temporary(
            "javascript:window.__pwned=true//",
        ))),
        Some("missing") => {
            ctx.res.set_cookie(actix_web::cookie::Cookie::new("seen", "1"));
            Ok(ServerSideProps::not_found())
        }
        _ => Ok(ServerSideProps::props(Props {})),
    }
}

#[page]
pub fn page(_props: Props) -> Markup {
    html! { p { "fine" } }
}
