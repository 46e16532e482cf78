use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {}

#[get_server_side_props(runtime = "edge")]
pub async fn get_server_side_props(ctx: EdgeContext) -> Result<ServerSideProps<Props>, Error> {
    ctx.res.set_header("Cache-Control", "public, s-maxage=10");
    ctx.res.set_status(actix_web::http::StatusCode::CREATED);
    ctx.res.set_cookie(actix_web::cookie::Cookie::new("a", "1"));
    Ok(ServerSideProps::props(Props {}))
}

#[page]
pub fn page(props: Props) -> Markup {
    let Props {} = props;
    html! {}
}

fn main() {}
