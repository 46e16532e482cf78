use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub title: String,
}

pub struct Db;

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context, id: u64, db: Db) -> Result<ServerSideProps<Props>, Error> {
    let _ = (ctx, db);
    Ok(ServerSideProps::props(Props { title: id.to_string() }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { (props.title) } }
}

fn main() {}
