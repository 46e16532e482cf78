//! `/ssg/isr/[id]`: regenerated in the background 10 seconds after it was made
//! (`revalidate: 10`), on the first request after that; generated on first request.
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
    let generation = cms.count(&format!("/ssg/isr/{id}"));
    if cms.failing(id) {
        return Err(Error::msg(format!("the CMS is down for post {id}")));
    }
    let props = match cms.title(id) {
        Some(title) => StaticProps::props(Props { title, generation }),
        None => StaticProps::not_found(),
    };
    Ok(props.revalidate(10))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { (props.title) } p.generation { (props.generation) } }
}
