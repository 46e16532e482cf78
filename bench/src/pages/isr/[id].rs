//! The benchmark post regenerated every second (`revalidate(1)`): served like a generated
//! page, with one regeneration per second under load; generations are counted at
//! `/_bench/generations`.
use next_runtime::prelude::*;

use crate::content::{post, render_post, Post};

#[get_static_paths]
pub async fn get_static_paths(_ctx: StaticPathsContext) -> Result<StaticPaths, Error> {
    Ok(crate::generated_posts())
}

#[get_static_props]
pub async fn get_static_props(ctx: StaticContext) -> Result<StaticProps<Post>, Error> {
    crate::GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let Some(id) = ctx.params.get("id").and_then(|id| id.parse::<u64>().ok()) else {
        return Ok(StaticProps::not_found());
    };
    Ok(StaticProps::props(post(id)).revalidate(1))
}

#[page]
pub fn page(props: Post) -> Markup {
    render_post(&props)
}
