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

#[get_server_side_props]
pub async fn more_props(_ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::not_found())
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { (props.title) } }
}

fn main() {}
