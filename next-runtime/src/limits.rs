//! The request limits the framework enforces before routing, on top of actix-web's own
//! (request head size and header count, answered 431 by actix-web itself; body sizes,
//! answered 413 by its extractors). Each has the status a client gets past it; the table is
//! in the guide's reliability chapter.

use actix_web::http::{header, StatusCode};
use actix_web::HttpRequest;

/// The longest request target (path and query) a page, data or API request may have.
/// Proxies and CDNs in front of a site cut off near here too (nginx's default buffer,
/// CloudFront's URL limit).
pub const MAX_URL_BYTES: usize = 8 * 1024;

/// The most `key=value` pairs a query string may have: Node's `querystring.parse`
/// (what Next.js reads `query` with) stops at this many by default. Past it we answer 400
/// rather than silently dropping the rest.
pub const MAX_QUERY_PAIRS: usize = 1000;

/// The most bytes of `Cookie` headers a request may carry: a browser keeps at most about
/// 4 KB per cookie, and Node's whole request head is 16 KB by default.
pub const MAX_COOKIE_BYTES: usize = 16 * 1024;

/// A limit a request went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Exceeded {
    #[error("the request target is over {MAX_URL_BYTES} bytes")]
    Url,
    #[error("the query string has over {MAX_QUERY_PAIRS} pairs")]
    QueryPairs,
    #[error("the Cookie headers are over {MAX_COOKIE_BYTES} bytes")]
    Cookies,
}

impl Exceeded {
    /// 414, 400 or 431.
    pub fn status(self) -> StatusCode {
        match self {
            Exceeded::Url => StatusCode::URI_TOO_LONG,
            Exceeded::QueryPairs => StatusCode::BAD_REQUEST,
            Exceeded::Cookies => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        }
    }
}

/// Checks `req` against every limit, in time linear in what it reads.
pub(crate) fn check(req: &HttpRequest) -> Result<(), Exceeded> {
    let (path, query) = (req.path(), req.query_string());
    if path.len() + query.len() > MAX_URL_BYTES {
        return Err(Exceeded::Url);
    }
    // `a=1&&b` is two pairs to `form_urlencoded` as to Node: empty pieces do not count.
    if query.len() >= MAX_QUERY_PAIRS
        && query.split('&').filter(|pair| !pair.is_empty()).count() > MAX_QUERY_PAIRS
    {
        return Err(Exceeded::QueryPairs);
    }
    let cookies: usize = req
        .headers()
        .get_all(header::COOKIE)
        .map(|value| value.len())
        .sum();
    if cookies > MAX_COOKIE_BYTES {
        return Err(Exceeded::Cookies);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn check_uri(uri: &str) -> Result<(), Exceeded> {
        check(&TestRequest::get().uri(uri).to_http_request())
    }

    #[test]
    fn each_limit_is_inclusive_and_answers_its_status() {
        let at_limit = format!("/{}", "a".repeat(MAX_URL_BYTES - 1));
        assert_eq!(check_uri(&at_limit), Ok(()));
        assert_eq!(check_uri(&format!("{at_limit}b")), Err(Exceeded::Url));
        assert_eq!(Exceeded::Url.status().as_u16(), 414);

        let pairs = |n: usize| {
            (0..n)
                .map(|i| format!("k{i}=1"))
                .collect::<Vec<_>>()
                .join("&")
        };
        assert_eq!(check_uri(&format!("/?{}", pairs(MAX_QUERY_PAIRS))), Ok(()));
        let over = format!("/?{}", pairs(MAX_QUERY_PAIRS + 1));
        assert_eq!(check_uri(&over), Err(Exceeded::QueryPairs));
        assert_eq!(Exceeded::QueryPairs.status().as_u16(), 400);
        let empty_pieces = format!("/?a=1{}", "&".repeat(2000));
        assert_eq!(
            check_uri(&empty_pieces),
            Ok(()),
            "empty pieces are no pairs"
        );

        let cookie = |len: usize| {
            TestRequest::get()
                .insert_header((header::COOKIE, format!("a={}", "x".repeat(len - 2))))
                .to_http_request()
        };
        assert_eq!(check(&cookie(MAX_COOKIE_BYTES)), Ok(()));
        assert_eq!(check(&cookie(MAX_COOKIE_BYTES + 1)), Err(Exceeded::Cookies));
        assert_eq!(Exceeded::Cookies.status().as_u16(), 431);
    }
}
