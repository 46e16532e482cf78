//! Middleware: the one `#[middleware]` function of `src/middleware.rs`, run before every
//! page, data route, API route and public file its matcher matches, after the header and
//! redirect rules and before the rewrites (Next's order). It reads the request's head
//! (method, URL, headers, cookies) through any actix-web extractors, [`NextUrl`] among
//! them, and returns a [`NextResponse`].
//!
//! ```ignore
//! // src/middleware.rs
//! use next_runtime::middleware::NextResponse;
//! use next_runtime::prelude::*;
//!
//! #[middleware(matcher = ["/dashboard/:path*"])]
//! pub async fn middleware(req: HttpRequest) -> Result<NextResponse, Error> {
//!     match req.cookie("session") {
//!         Some(_) => Ok(NextResponse::next()),
//!         None => Ok(NextResponse::redirect("/sign-in")),
//!     }
//! }
//! ```

mod response;
mod url;

use std::panic::AssertUnwindSafe;

use actix_web::dev::Payload;
use actix_web::{FromRequest, Handler, HttpRequest, HttpResponse};
use futures_util::future::LocalBoxFuture;
use futures_util::FutureExt;
use next_conventions::pattern::Pattern;
use percent_encoding::percent_decode_str;

pub(crate) use response::Decision;
pub use response::NextResponse;
pub use url::NextUrl;

use crate::Error;

/// What the middleware's run came to.
#[doc(hidden)]
pub enum Ran {
    /// Its decision.
    Decided(NextResponse),
    /// An extractor refused the request: its answer, as in any actix-web handler.
    Rejected(HttpResponse),
    /// It returned an error, or misused `NextResponse`: the 500 page.
    Failed(Error),
    /// It panicked: the 500 page.
    Panicked(Box<dyn std::any::Any + Send>),
}

/// The middleware as the generated code hands it over.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct MiddlewareDef {
    /// The matcher's patterns; empty: every request.
    pub matcher: &'static [&'static str],
    pub run: fn(HttpRequest) -> LocalBoxFuture<'static, Ran>,
}

/// What a middleware function may return.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "a `#[middleware]` function returns `NextResponse` or `Result<NextResponse, Error>`, not `{Self}`",
    label = "the middleware's future gives `{Self}`"
)]
pub trait MiddlewareOutput {
    fn into_result(self) -> Result<NextResponse, Error>;
}

impl MiddlewareOutput for NextResponse {
    fn into_result(self) -> Result<NextResponse, Error> {
        Ok(self)
    }
}

impl<E: Into<Error>> MiddlewareOutput for Result<NextResponse, E> {
    fn into_result(self) -> Result<NextResponse, Error> {
        self.map_err(Into::into)
    }
}

/// Extracts the middleware's arguments from the request's head (it gets no body: the
/// page still reads that) and runs it, catching a panic.
#[doc(hidden)]
pub fn call_middleware<F, Args>(handler: F, req: HttpRequest) -> LocalBoxFuture<'static, Ran>
where
    F: Handler<Args>,
    F::Output: MiddlewareOutput,
    Args: FromRequest + 'static,
{
    Box::pin(async move {
        let run = async move {
            let args = match Args::from_request(&req, &mut Payload::None).await {
                Ok(args) => args,
                Err(error) => return Ran::Rejected(HttpResponse::from_error(error.into())),
            };
            match handler.call(args).await.into_result() {
                Ok(response) if !response.errors.is_empty() => {
                    Ran::Failed(Error::msg(response.errors.join("\n")))
                }
                Ok(response) => Ran::Decided(response),
                Err(error) => Ran::Failed(error),
            }
        };
        match AssertUnwindSafe(run).catch_unwind().await {
            Ok(ran) => ran,
            Err(panic) => Ran::Panicked(panic),
        }
    })
}

/// The middleware, its matcher compiled.
pub(crate) struct Middleware {
    pub def: MiddlewareDef,
    matcher: Vec<Pattern>,
}

impl Middleware {
    /// The matcher was checked when the app compiled; an error here means a generated file
    /// and a runtime of different versions.
    pub fn new(def: MiddlewareDef) -> Result<Self, String> {
        let matcher = def
            .matcher
            .iter()
            .map(|source| {
                Pattern::matcher(source).map_err(|error| format!("matcher {source:?}: {error}"))
            })
            .collect::<Result<_, _>>()?;
        Ok(Middleware { def, matcher })
    }

    /// Whether it runs for `path` (the page path: no data-route wrapping, no locale). A
    /// path with escapes is matched as sent and decoded, since the router and the public
    /// files decode it: `/%64ashboard` is `/dashboard` to them, and a sign-in gate on
    /// `/dashboard` must not be walked round by spelling it so.
    pub fn matches(&self, path: &str) -> bool {
        if self.matcher.is_empty() {
            return true;
        }
        let any = |path: &str| self.matcher.iter().any(|pattern| pattern.is_match(path));
        any(path) || (path.contains('%') && any(&percent_decode_str(path).decode_utf8_lossy()))
    }
}
