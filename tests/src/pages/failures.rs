//! Fails in the way the query string asks:
//! `?mode=error|panic|bad-header|bad-redirect|temporary|js-redirect|external|missing|error-after-headers`.
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
        Some("error-after-headers") => {
            ctx.res.set_header("x-partial", "1");
            ctx.res.set_header("Cache-Control", "public, max-age=3600");
            ctx.res.set_cookie(actix_web::cookie::Cookie::new("partial", "1"));
            Err(Error::msg("failed after setting headers"))
        }
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
        // Another origin: this server under the name `localhost`, so a browser test can
        // see the router hand the redirect to the browser.
        Some("external") => {
            let host = ctx.req.connection_info().host().replace("127.0.0.1", "localhost");
            Ok(ServerSideProps::redirect(Redirect::temporary(format!(
                "http://{host}/about"
            ))))
        }
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
