//! `NextResponse`: what a middleware decides for a request (Next's `NextResponse.next()`,
//! `.redirect()`, `.rewrite()`, or a `Response` of its own).

use actix_web::cookie::Cookie;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;

/// What a `#[middleware]` function returns: go on, redirect, rewrite, or answer itself.
///
/// ```
/// use next_runtime::middleware::NextResponse;
///
/// let go_on = NextResponse::next()
///     .request_header("x-user", "ada") // the page's `ctx.req` sees it
///     .header("x-frame-options", "DENY"); // on the answer
/// let sign_in = NextResponse::redirect("/sign-in?next=/dashboard");
/// let variant = NextResponse::rewrite("/experiments/b");
/// ```
#[derive(Debug)]
#[must_use = "a NextResponse does nothing until the middleware returns it"]
pub struct NextResponse {
    pub(crate) decision: Decision,
    /// Added to the request the page sees.
    pub(crate) request_headers: Vec<(HeaderName, HeaderValue)>,
    /// Added to the answer, whatever answers.
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) cookies: Vec<Cookie<'static>>,
    /// Misuse found while building it: the request gets the 500 page, which says why in
    /// dev mode.
    pub(crate) errors: Vec<String>,
}

/// The middleware's decision.
#[derive(Debug)]
pub(crate) enum Decision {
    Next,
    Redirect {
        location: String,
        status: StatusCode,
    },
    Rewrite(String),
    Respond(HttpResponse),
}

impl NextResponse {
    fn with(decision: Decision) -> Self {
        NextResponse {
            decision,
            request_headers: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Go on to the page, data route, API route or file the request was for.
    pub fn next() -> Self {
        NextResponse::with(Decision::Next)
    }

    /// A temporary redirect (307), as Next's `NextResponse.redirect`. On the data route
    /// the client router follows it as a transition.
    pub fn redirect(location: impl Into<String>) -> Self {
        NextResponse::redirect_with_status(StatusCode::TEMPORARY_REDIRECT, location)
    }

    /// A permanent redirect (308).
    pub fn permanent_redirect(location: impl Into<String>) -> Self {
        NextResponse::redirect_with_status(StatusCode::PERMANENT_REDIRECT, location)
    }

    /// A redirect with its status: 301, 302, 303, 307 or 308.
    pub fn redirect_with_status(status: StatusCode, location: impl Into<String>) -> Self {
        let location = location.into();
        let mut response = NextResponse::with(Decision::Redirect {
            location: location.clone(),
            status,
        });
        if !next_conventions::redirects::STATUSES.contains(&status.as_u16()) {
            response.errors.push(format!(
                "NextResponse::redirect_with_status({status}, {location:?}): a redirect's status is 301, 302, 303, 307 or 308"
            ));
        }
        response
    }

    /// Serves another path of this app (`/experiments/b?variant=1`) while the browser keeps
    /// its URL: that page's params apply, and the query is the request's with the
    /// rewrite's laid over it. The URL rules' later steps (beforeFiles rewrites onwards)
    /// then see the rewritten path.
    pub fn rewrite(destination: impl Into<String>) -> Self {
        let destination = destination.into();
        let mut response = NextResponse::with(Decision::Rewrite(destination.clone()));
        if !destination.starts_with('/') || destination.starts_with("//") {
            response.errors.push(format!(
                "NextResponse::rewrite({destination:?}): a rewrite goes to a path of this app, starting with one `/` (rewriting to another server is not supported; redirect there instead)"
            ));
        }
        response
    }

    /// Answers with `response` itself; no page runs.
    pub fn respond(response: HttpResponse) -> Self {
        NextResponse::with(Decision::Respond(response))
    }

    /// Adds a header to the request the page, data route or API route sees (replacing one
    /// of the same name). Only with [`NextResponse::next`] or [`NextResponse::rewrite`].
    pub fn request_header(mut self, name: &str, value: &str) -> Self {
        if let Some(pair) = self.header_pair("request_header", name, value) {
            self.request_headers.push(pair);
        }
        self
    }

    /// Adds a header to the answer (one the answer sets itself wins).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Some(pair) = self.header_pair("header", name, value) {
            self.headers.push(pair);
        }
        self
    }

    /// Sets a cookie on the answer.
    pub fn cookie(mut self, cookie: Cookie<'static>) -> Self {
        self.cookies.push(cookie);
        self
    }

    fn header_pair(
        &mut self,
        method: &str,
        name: &str,
        value: &str,
    ) -> Option<(HeaderName, HeaderValue)> {
        match (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            (Ok(name), Ok(value)) => Some((name, value)),
            _ => {
                self.errors.push(format!(
                    "NextResponse::{method}({name:?}, {value:?}): not a valid HTTP header name and value"
                ));
                None
            }
        }
    }
}
