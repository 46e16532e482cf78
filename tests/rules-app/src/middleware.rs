//! The rules app's middleware: one path per decision, and paths that show where it runs
//! in Next's order.

use actix_web::HttpResponse;
use next_runtime::middleware::{NextResponse, NextUrl};
use next_runtime::prelude::*;

#[middleware(matcher = ["/mw/:path*", "/order", "/mw-before", "/private.txt", "/api/hello"])]
pub async fn middleware(url: NextUrl) -> Result<NextResponse, Error> {
    Ok(match url.pathname.as_str() {
        "/mw/redirect" => NextResponse::redirect("/about?from=mw"),
        "/mw/rewrite" => NextResponse::rewrite("/echo/from-mw?via=mw"),
        "/mw/respond" => NextResponse::respond(HttpResponse::Ok().body("from middleware")),
        "/mw/headers" => NextResponse::rewrite("/echo/headers")
            .request_header("x-from-mw", "1")
            .header("x-mw-answer", "yes"),
        "/mw/error" => return Err(Error::msg("the session store is down")),
        "/mw/panic" => panic!("middleware panicked on purpose"),
        "/mw/bad-header" => NextResponse::next().header("bad header", "x"),
        // A redirect rule answers `/order` first: the middleware never sees it.
        "/order" => NextResponse::respond(HttpResponse::Ok().body("the middleware saw /order")),
        // The beforeFiles rewrites run after the middleware, on the path it wrote.
        "/mw-before" => NextResponse::rewrite("/chain-a"),
        // Public files and API routes are in its way too.
        "/private.txt" => NextResponse::respond(HttpResponse::Forbidden().body("not for you")),
        "/api/hello" => NextResponse::next().header("x-mw-api", "1"),
        _ => NextResponse::next(),
    })
}
