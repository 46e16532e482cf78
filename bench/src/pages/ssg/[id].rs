//! The benchmark post as a page of a static props function, generated before the first
//! request and kept: what a generated page costs against a static page.
use next_runtime::prelude::*;

use crate::content::{post, render_post, Post};

#[get_static_paths]
pub async fn get_static_paths(_ctx: StaticPathsContext) -> Result<StaticPaths, Error> {
    Ok(crate::generated_posts())
}

#[get_static_props]
pub async fn get_static_props(ctx: StaticContext) -> Result<StaticProps<Post>, Error> {
    let Some(id) = ctx.params.get("id").and_then(|id| id.parse::<u64>().ok()) else {
        return Ok(StaticProps::not_found());
    };
    Ok(StaticProps::props(post(id)))
}

#[page]
pub fn page(props: Post) -> Markup {
    render_post(&props)
}
