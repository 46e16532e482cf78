//! `NextUrl`: the request's URL as the middleware's matcher saw it (Next's
//! `request.nextUrl`), an extractor.

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

/// The page path the middleware runs for: without the data-route wrapping
/// (`/_next/data/<build>/blog/a.json` is `/blog/a`), the base path and the locale prefix.
/// Take it as a parameter of the `#[middleware]` function. It is read from the request by
/// the site's own rules only when a function asks for it, so a middleware without it
/// pays nothing; any other handler may take it too (it then names the URL as requested,
/// before rewrites).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextUrl {
    /// The page path, percent-decoded as the router reads it (`/%64ashboard` is
    /// `/dashboard`), as the matcher sees it too: `/blog/a`.
    pub pathname: String,
    /// The request's query string, as sent.
    pub search: String,
    /// The request's locale, in an app with locales.
    pub locale: Option<&'static str>,
    /// Whether this is the data route (a client-side transition), not the document.
    pub data: bool,
}

impl FromRequest for NextUrl {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let url = crate::site::next_url(req).unwrap_or_else(|| NextUrl {
            pathname: req.path().to_owned(),
            search: req.query_string().to_owned(),
            locale: None,
            data: false,
        });
        ready(Ok(url))
    }
}
