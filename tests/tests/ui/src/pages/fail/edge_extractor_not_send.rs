use actix_web::HttpRequest;
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub path: String,
}

#[get_server_side_props(runtime = "edge")]
pub async fn get_server_side_props(
    _ctx: EdgeContext,
    req: HttpRequest,
) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props { path: req.path().to_owned() }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { p { (props.path) } }
}

fn main() {}
