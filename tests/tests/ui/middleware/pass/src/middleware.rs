use actix_web::HttpRequest;
use next_runtime::middleware::{NextResponse, NextUrl};
use next_runtime::prelude::*;

#[middleware(matcher = ["/dashboard/:path*", "/api/private/:path*", "/((?!_next).*)"])]
pub async fn middleware(req: HttpRequest, url: NextUrl) -> Result<NextResponse, Error> {
    match req.cookie("session") {
        Some(_) => Ok(NextResponse::next().request_header("x-path", &url.pathname)),
        None => Ok(NextResponse::redirect("/sign-in")),
    }
}

fn main() {}
