//! An edge props function with `Send` extractors: a typed query and app state when the app
//! registers a `web::Data<Greeting>`.
use actix_web::web;
use next_runtime::prelude::*;
use serde::{Deserialize, Serialize};

use crate::Greeting;

#[derive(Deserialize)]
pub struct Search {
    pub q: String,
}

#[derive(Serialize)]
pub struct Props {
    pub q: String,
    pub greeting: Option<String>,
}

#[get_server_side_props(runtime = "edge")]
pub async fn props(
    _ctx: EdgeContext,
    web::Query(search): web::Query<Search>,
    greeting: Option<web::Data<Greeting>>,
) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props {
        q: search.q,
        greeting: greeting.map(|greeting| greeting.0.clone()),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { p #q { (props.q) } }
}
