use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub title: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(_ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props { title: "x".into() }))
}

#[page]
pub fn app(page: Markup) -> Markup {
    html! { main { (page) } }
}

fn main() {}
