use actix_web::web;
use next_runtime::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct Search {
    pub q: String,
}

pub struct Index;

#[derive(Serialize)]
pub struct Props {
    pub q: String,
}

// `Send` extractors cross to an edge props function.
#[get_server_side_props(runtime = "edge")]
pub async fn get_server_side_props(
    _ctx: EdgeContext,
    search: web::Query<Search>,
    _index: web::Data<Index>,
) -> Result<ServerSideProps<Props>, Error> {
    std::future::ready(()).await;
    Ok(ServerSideProps::props(Props { q: search.into_inner().q }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { p { (props.q) } }
}

fn main() {}
