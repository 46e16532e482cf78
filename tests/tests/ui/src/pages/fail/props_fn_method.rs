use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub title: String,
}

pub struct Page;

impl Page {
    #[get_server_side_props]
    pub async fn get_server_side_props(&self, _ctx: Context) -> Result<ServerSideProps<Props>, Error> {
        Ok(ServerSideProps::props(Props { title: "x".into() }))
    }
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { (props.title) } }
}

fn main() {}
