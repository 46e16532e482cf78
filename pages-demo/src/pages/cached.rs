//! `/cached`: a page the shared cache keeps for 10 seconds, then serves stale for 30 more
//! while it renders a fresh one in the background. Reload it and watch the time (and the
//! `x-nextjs-cache` and `Age` response headers).
use std::time::{SystemTime, UNIX_EPOCH};

use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    /// Seconds since the Unix epoch when the props function ran.
    generated_at: u64,
    locale: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    ctx.res.set_header("Cache-Control", "public, s-maxage=10, stale-while-revalidate=30");
    Ok(ServerSideProps::props(Props {
        generated_at: SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs(),
        locale: ctx.locale.unwrap_or_default().to_owned(),
    }))
}

#[page]
pub fn page(props: Props) -> Page {
    let (h, m, s) = (
        props.generated_at / 3600 % 24,
        props.generated_at / 60 % 60,
        props.generated_at % 60,
    );
    Page::new(html! {
        h1 { "A cached page" }
        p { "Generated at " strong #generated { (format!("{h:02}:{m:02}:{s:02}")) } " UTC, in locale " (props.locale) "." }
        p { "It is served from the shared cache for 10 s, then stale for up to 30 s while one background render refreshes it." }
        p { small { "Dev mode (a debug build) never caches: run the demo with NEXT_DEV=0 to see it." } }
    })
    .title("Cached | pages-demo")
}
