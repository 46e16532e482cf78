use actix_web::HttpRequest;
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub path: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context, req: &HttpRequest) -> Result<ServerSideProps<Props>, Error> {
    let _ = ctx;
    Ok(ServerSideProps::props(Props { path: req.path().to_owned() }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { p { (props.path) } }
}

fn main() {}
