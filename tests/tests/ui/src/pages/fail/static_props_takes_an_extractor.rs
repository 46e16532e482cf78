use actix_web::web;
use next_runtime::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Search {
    pub q: String,
}

#[get_static_props]
pub async fn load(_ctx: StaticContext, search: web::Query<Search>) -> Result<StaticProps<String>, Error> {
    Ok(StaticProps::props(search.q.clone()))
}

#[page]
pub fn render(props: String) -> Markup {
    html! { (props) }
}

fn main() {}
