//! The benchmark post, shareable: `public, s-maxage=3600`, for the shared-cache runs.
//! `?delay=` (ms) slows its props function, for the stampede run; renders are counted.
use std::time::Duration;

use next_runtime::prelude::*;

use crate::content::{post, render_post, Post};

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Post>, Error> {
    crate::RENDERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let Some(id) = ctx.params.get("id").and_then(|id| id.parse::<u64>().ok()) else {
        return Ok(ServerSideProps::not_found());
    };
    if let Some(delay) = ctx.query.get("delay").and_then(|ms| ms.parse().ok()) {
        actix_web::rt::time::sleep(Duration::from_millis(delay)).await;
    }
    ctx.res.set_header("Cache-Control", "public, s-maxage=3600");
    Ok(ServerSideProps::props(post(id)))
}

#[page]
pub fn page(props: Post) -> Markup {
    render_post(&props)
}
