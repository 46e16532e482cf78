//! `/ssg/fallback/[id]`: nothing listed; a visitor's first request gets the loading page
//! at once and the browser fills in the post when it is generated (`fallback: true`).
//! Posts whose id starts with `gated-` wait at the gate of that name until a test opens it.
use std::time::Duration;

use actix_web::web;
use next_runtime::prelude::*;
use serde::Serialize;

use crate::Cms;

#[derive(Serialize)]
pub struct Props {
    pub title: String,
}

#[get_static_paths]
pub async fn get_static_paths(_ctx: StaticPathsContext) -> Result<StaticPaths, Error> {
    Ok(StaticPaths::new([], Fallback::True(loading)))
}

/// What the first visitor sees while the post is generated.
fn loading() -> Page {
    Page::new(html! { p #loading { "Loading…" } }).title("Loading")
}

#[get_static_props]
pub async fn get_static_props(
    ctx: StaticContext,
    cms: web::Data<Cms>,
) -> Result<StaticProps<Props>, Error> {
    let id = ctx.params.get("id").unwrap_or_default();
    cms.count(&format!("/ssg/fallback/{id}"));
    if id.starts_with("gated-") {
        while !crate::gate_open(id) {
            actix_web::rt::time::sleep(Duration::from_millis(5)).await;
        }
    }
    Ok(StaticProps::props(Props {
        title: format!("Post {id}"),
    }))
}

#[page]
pub fn page(props: Props) -> Page {
    Page::new(html! { h1 #post { (props.title) } }).title(props.title.clone())
}
