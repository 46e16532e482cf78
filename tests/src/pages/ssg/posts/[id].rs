//! `/ssg/posts/[id]`: the posts the CMS has at start-up, generated then; any other path is
//! 404 (`fallback: false`). Kept until revalidated on demand.
use actix_web::web;
use next_runtime::prelude::*;
use serde::Serialize;

use crate::Cms;

#[derive(Serialize)]
pub struct Props {
    pub id: String,
    pub title: String,
    pub draft: bool,
}

#[get_static_paths]
pub async fn get_static_paths(
    _ctx: StaticPathsContext,
    _cms: web::Data<Cms>,
) -> Result<StaticPaths, Error> {
    let paths = [
        StaticPath::params().param("id", "1"),
        StaticPath::path("/ssg/posts/2"),
        StaticPath::params().param("id", "a b/c"),
        StaticPath::from("/ssg/posts/d"),
    ];
    Ok(StaticPaths::new(paths, Fallback::False))
}

#[get_static_props]
pub async fn get_static_props(
    ctx: StaticContext,
    cms: web::Data<Cms>,
) -> Result<StaticProps<Props>, Error> {
    let id = ctx.params.get("id").unwrap_or_default().to_owned();
    cms.count(&format!("/ssg/posts/{id}"));
    let Some(title) = cms.title(&id) else {
        return Ok(StaticProps::not_found());
    };
    Ok(StaticProps::props(Props {
        id,
        title,
        draft: ctx.draft_mode,
    }))
}

#[page]
pub fn page(props: Props) -> Page {
    Page::new(html! {
        h1 { (props.title) }
        @if props.draft { p.draft { "Draft" } }
    })
    .title(props.title.clone())
}
