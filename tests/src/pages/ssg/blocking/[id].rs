//! `/ssg/blocking/[id]`: nothing listed; each post is generated on its first request,
//! which waits for it (`fallback: 'blocking'`). `moved` redirects; `slow-NAME` takes
//! 300 ms and names the instance that generated it (`NEXT_TEST_SSG_LABEL`).
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
    if let Some(rest) = id.strip_prefix("slow-") {
        // A slow CMS: long enough for a stampede to pile up behind the first request.
        actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
        let label = std::env::var("NEXT_TEST_SSG_LABEL").unwrap_or_default();
        let title = format!("{rest} by {label}");
        return Ok(StaticProps::props(Props { title, generation }));
    }
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
