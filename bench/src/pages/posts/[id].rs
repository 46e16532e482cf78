//! The benchmark page: `/posts/[id]` with a props function.
use next_runtime::prelude::*;

use crate::content::{post, render_post, Post};

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Post>, Error> {
    let Some(id) = ctx.params.get("id").and_then(|id| id.parse::<u64>().ok()) else {
        return Ok(ServerSideProps::not_found());
    };
    Ok(ServerSideProps::props(post(id)))
}

#[page]
pub fn page(props: Post) -> Markup {
    render_post(&props)
}
