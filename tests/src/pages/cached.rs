//! A page for the shared cache. `?k=` names the test (its renders are counted), `?cc=` sets
//! `Cache-Control` (default `public, s-maxage=1, stale-while-revalidate=2`), `?delay=` slows
//! the props function (ms), `?cookie=1` sets a cookie, `?vary=` a `Vary` header and
//! `?status=` the status, `?fail=1` makes it fail (after the delay), as does
//! `next_tests::set_backend_down(k, true)`. The page names the instance that rendered it
//! (`NEXT_TEST_SSG_LABEL`), for the scale-out tests.
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    /// This render's number for its key: 1 for the first.
    pub render: usize,
    pub generated_at_ms: u128,
    pub by: String,
}

#[get_server_side_props]
pub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let key = ctx.query.get("k").unwrap_or_default();
    let render = crate::count_cached_run(key);
    if let Some(delay) = ctx.query.get("delay").and_then(|ms| ms.parse().ok()) {
        let _in_flight = crate::InFlight::enter(key);
        actix_web::rt::time::sleep(Duration::from_millis(delay)).await;
    }
    if ctx.query.get("fail").is_some() || crate::backend_down(key) {
        return Err(Error::msg("the backend is down"));
    }
    let cache_control = ctx
        .query
        .get("cc")
        .unwrap_or("public, s-maxage=1, stale-while-revalidate=2");
    ctx.res.set_header("Cache-Control", cache_control);
    if ctx.query.get("cookie").is_some() {
        ctx.res.set_cookie(Cookie::new("seen", "1"));
    }
    if let Some(vary) = ctx.query.get("vary") {
        ctx.res.set_header("Vary", vary);
    }
    if let Some(status) = ctx.query.get("status").and_then(|s| s.parse().ok()) {
        ctx.res.set_status(StatusCode::from_u16(status)?);
    }
    let generated_at_ms = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis();
    Ok(ServerSideProps::props(Props {
        render,
        generated_at_ms,
        by: std::env::var("NEXT_TEST_SSG_LABEL").unwrap_or_default(),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! {
        p #render { (props.render) }
        p #by { "rendered by " (props.by) }
    }
}
