//! Sets a status, a header and a cookie through `ctx.res`, and renders props that try to
//! close the `__NEXT_DATA__` script tag.
use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub evil: String,
}

#[get_server_side_props]
pub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    ctx.res.set_status(StatusCode::CREATED);
    ctx.res.set_header("x-custom", "yes");
    ctx.res.set_cookie(Cookie::new("visited", "1"));
    Ok(ServerSideProps::props(Props {
        evil: "</script><script>alert(1)</script>&\u{2028}".into(),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { p { (props.evil) } }
}
