//! `/ssg`: a page of a static props function without params, generated once. With
//! `NEXT_TEST_SSG_FAIL=1` its function fails (a start-up failure); `NEXT_TEST_SSG_LABEL`
//! is shown, so a restart can tell a stored page from a fresh one.
use actix_web::web;
use next_runtime::prelude::*;
use serde::Serialize;

use crate::Cms;

#[derive(Serialize)]
pub struct Props {
    pub generation: usize,
    pub label: String,
}

#[get_static_props]
pub async fn get_static_props(
    _ctx: StaticContext,
    cms: web::Data<Cms>,
) -> Result<StaticProps<Props>, Error> {
    if std::env::var("NEXT_TEST_SSG_FAIL").is_ok_and(|fail| fail == "1") {
        return Err(Error::msg("the CMS is unreachable"));
    }
    Ok(StaticProps::props(Props {
        generation: cms.count("/ssg"),
        label: std::env::var("NEXT_TEST_SSG_LABEL").unwrap_or_default(),
    }))
}

#[page]
pub fn page(props: Props) -> Page {
    Page::new(html! {
        h1 { "Generated " (props.generation) }
        p.label { (props.label) }
    })
    .title("Static")
}
