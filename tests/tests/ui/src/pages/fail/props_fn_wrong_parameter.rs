use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub title: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(id: u64) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props { title: id.to_string() }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { (props.title) } }
}

fn main() {}
