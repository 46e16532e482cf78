//! A props function with actix-web extractors: app state (when the app registers a
//! `web::Data<Greeting>`), a typed query (`?page=N`, required), and a form the page posts to
//! itself (`None` on GET).
use actix_web::web;
use next_runtime::prelude::*;
use serde::{Deserialize, Serialize};

use crate::Greeting;

#[derive(Deserialize)]
pub struct Paging {
    pub page: u32,
}

#[derive(Deserialize)]
pub struct Note {
    pub text: String,
}

#[derive(Serialize)]
pub struct Props {
    pub greeting: Option<String>,
    pub page: u32,
    pub posted: Option<String>,
    pub method: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(
    ctx: Context,
    greeting: Option<web::Data<Greeting>>,
    web::Query(paging): web::Query<Paging>,
    note: Option<web::Form<Note>>,
) -> Result<ServerSideProps<Props>, Error> {
    crate::EXTRACTOR_PAGE_RUNS.with(|runs| runs.set(runs.get() + 1));
    Ok(ServerSideProps::props(Props {
        greeting: greeting.map(|greeting| greeting.0.clone()),
        page: paging.page,
        posted: note.map(|note| note.into_inner().text),
        method: ctx.req.method().to_string(),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! {
        p #greeting { (props.greeting.unwrap_or_default()) }
        p #page { (props.page) }
        p #posted { (props.posted.unwrap_or_default()) }
        form method="post" { input name="text"; button { "Post" } }
    }
}
