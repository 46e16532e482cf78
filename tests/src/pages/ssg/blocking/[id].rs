//! `/ssg/blocking/[id]`: nothing listed; each post is generated on its first request,
//! which waits for it (`fallback: 'blocking'`). `moved` redirects.
use actix_web::web;
use next_runtime::prelude::*;
use serde::Serialize;

use crate::Cms;

#[derive(Serialize)]
pub struct Props {
    pub title: String,
    pub generation: usize,
}

#[get_static_paths]
pub async fn get_static_paths(_ctx: StaticPathsContext) -> Result<StaticPaths, Error> {
    Ok(StaticPaths::new([], Fallback::Blocking))
}

#[get_static_props]
pub async fn get_static_props(
    ctx: StaticContext,
    cms: web::Data<Cms>,
) -> Result<StaticProps<Props>, Error> {
    let id = ctx.params.get("id").unwrap_or_default();
    let generation = cms.count(&format!("/ssg/blocking/{id}"));
    if id == "moved" {
        return Ok(StaticProps::redirect(Redirect::temporary("/ssg")));
    }
    match cms.title(id) {
        Some(title) => Ok(StaticProps::props(Props { title, generation })),
        None => Ok(StaticProps::not_found()),
    }
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { (props.title) } p.generation { (props.generation) } }
}
