// A page of a static props function that takes app state, with `revalidate`.
use actix_web::web;
use next_runtime::prelude::*;
use serde::Serialize;

pub struct Db {
    pub greeting: String,
}

#[derive(Serialize)]
pub struct Props {
    pub greeting: String,
}

#[get_static_props]
pub async fn load(_ctx: StaticContext, db: web::Data<Db>) -> Result<StaticProps<Props>, Error> {
    Ok(StaticProps::props(Props { greeting: db.greeting.clone() }).revalidate(60))
}

#[page]
pub fn render(props: Props) -> Markup {
    html! { p { (props.greeting) } }
}

fn main() {}
