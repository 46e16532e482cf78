//! Response headers: caching defaults, ETag and 304, redirects, and what a props function
//! set on `ctx.res`.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};
use xxhash_rust::xxh3::xxh3_64;

use crate::context::ResponseParts;
use crate::Redirect;

/// Next.js's default for pages with a props function, HTML and data: never cached.
pub(crate) const PRIVATE_NO_CACHE: &str = "private, no-cache, no-store, max-age=0, must-revalidate";
/// What error pages get (Next's `renderError`).
pub(crate) const ERROR_NO_CACHE: &str = "no-cache, no-store, max-age=0, must-revalidate";
/// What dev mode sends on every page, whatever the props function set (Next's dev server).
pub(crate) const DEV_NO_STORE: &str = "no-store, must-revalidate";
pub(crate) const HTML: &str = "text/html; charset=utf-8";
pub(crate) const JSON: &str = "application/json";

/// A strong validator for `body`: xxh3 is fast enough to run on every response.
pub(crate) fn etag(body: &[u8]) -> String {
    format!("\"{:016x}{:x}\"", xxh3_64(body), body.len())
}

/// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for this header).
pub(crate) fn none_match(req: &HttpRequest, etag: &str) -> bool {
    let Some(value) = req.headers().get(header::IF_NONE_MATCH) else {
        return false;
    };
    let Ok(value) = value.to_str() else {
        return false;
    };
    value.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == etag
    })
}

/// Finishes a successful page or data response with its `ETag`; [`not_modified`] later
/// turns it into a 304 if the client has it.
pub(crate) fn with_etag(
    response: &mut HttpResponseBuilder,
    etag: &str,
    body: Bytes,
) -> HttpResponse {
    response.insert_header((header::ETAG, etag)).body(body)
}

/// A 304 without a body for a 200 whose `ETag` the client already has: the one place every
/// page and data response, rendered or from the shared cache, is checked.
pub(crate) fn not_modified(req: &HttpRequest, response: HttpResponse) -> HttpResponse {
    let known = response.status() == StatusCode::OK
        && response
            .headers()
            .get(header::ETAG)
            .and_then(|etag| etag.to_str().ok())
            .is_some_and(|etag| none_match(req, etag));
    if !known {
        return response;
    }
    let (mut head, _body) = response.into_parts();
    *head.status_mut() = StatusCode::NOT_MODIFIED;
    head.map_into_boxed_body()
}

/// Where a page, data or 404 response comes from, for its `Cache-Control`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A static page, rendered at start-up.
    Static,
    /// A props function's answer; `set_own` when it set a `Cache-Control` itself.
    Props { set_own: bool },
}

/// The one decision of a page, data or 404 response's `Cache-Control`, in the order
/// docs/request-lifecycle.md's table reads: dev mode's `no-store` over everything, then
/// draft mode's private one over whatever the page set, then the page's own, else Next's
/// private default. `None`: leave it as it is (the page's own header, or none at all for a
/// static page, which is revalidated by its ETag). Error pages (400, 500) are
/// [`error_page`]'s.
pub(crate) fn cache_control(dev: bool, draft: bool, source: Source) -> Option<&'static str> {
    match source {
        _ if dev => Some(DEV_NO_STORE),
        Source::Props { .. } if draft => Some(PRIVATE_NO_CACHE),
        Source::Props { set_own: false } => Some(PRIVATE_NO_CACHE),
        Source::Props { set_own: true } | Source::Static => None,
    }
}

/// Adds what the props function set on `ctx.res`, then the [`cache_control`] header.
pub(crate) fn apply_parts(
    response: &mut HttpResponseBuilder,
    parts: ResponseParts,
    dev: bool,
    draft: bool,
) -> &mut HttpResponseBuilder {
    let set_own = parts.headers.contains_key(header::CACHE_CONTROL);
    for (name, value) in parts.headers {
        response.insert_header((name, value));
    }
    for cookie in parts.cookies {
        response.cookie(cookie);
    }
    if let Some(value) = cache_control(dev, draft, Source::Props { set_own }) {
        response.insert_header((header::CACHE_CONTROL, value));
    }
    response
}

/// Checks a redirect as Next's `checkRedirectValues` does; the message is Next's.
pub(crate) fn check_redirect(redirect: &Redirect) -> Result<(), String> {
    let status = redirect.status().as_u16();
    if !next_conventions::redirects::STATUSES.contains(&status) {
        return Err(format!(
            "`statusCode` must undefined or one of 301, 302, 303, 307, 308 (received {status})."
        ));
    }
    if HeaderValue::try_from(redirect.destination()).is_err() {
        return Err(format!(
            "`destination` {:?} cannot be sent in a `Location` header (no control characters or newlines).",
            redirect.destination()
        ));
    }
    Ok(())
}

/// The HTML-request answer to a (checked) redirect: its status and `Location`, and the
/// destination as the body, like Next.js.
pub(crate) fn redirect_response(redirect: &Redirect) -> HttpResponseBuilder {
    let mut response = HttpResponse::build(redirect.status());
    if redirect.status() == StatusCode::PERMANENT_REDIRECT {
        // Like Next.js, for clients that ignore 308.
        response.insert_header((header::REFRESH, format!("0;url={}", redirect.destination())));
    }
    response.insert_header((header::LOCATION, redirect.destination()));
    response
}

/// An error page with its status.
pub(crate) fn error_page(status: StatusCode, page: impl Into<Bytes>) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(HTML)
        .insert_header((header::CACHE_CONTROL, ERROR_NO_CACHE))
        .body(page.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn etag_is_stable_and_quoted() {
        // Pinned: the same bytes give the same tag in every process and every build, so a
        // restart or another instance answers a browser's If-None-Match with a 304.
        // xxh3-64 of the body, then its length, in hex.
        assert_eq!(etag(b"hello"), "\"9555e8555c62dcfd5\"");
        assert_eq!(etag(b""), "\"2d06800538d394c20\"");
        assert_ne!(etag(b"hello"), etag(b"hellO"));
    }

    #[test]
    fn if_none_match_lists_and_weak_tags_match() {
        let tag = etag(b"x");
        let req = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, format!("\"other\", W/{tag}")))
            .to_http_request();
        assert!(none_match(&req, &tag));
        let req = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, "\"other\""))
            .to_http_request();
        assert!(!none_match(&req, &tag));
    }
}
