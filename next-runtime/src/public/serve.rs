//! Answering for one public file: GET and HEAD, its headers, and byte ranges.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse};

use super::Served;
use crate::compress;
use crate::response::none_match;

/// The 200 (or 206, 304, 405, 416) for `file`. Compression and the 304 of a plain 200
/// are left to the site's last step, which does them for every response alike.
pub(super) fn respond(req: &HttpRequest, file: &Served) -> HttpResponse {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, "GET, HEAD"))
            .finish();
    }
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CONTENT_TYPE, file.content_type.as_str()))
        .insert_header((header::CACHE_CONTROL, file.cache_control))
        .insert_header((header::ETAG, file.etag.as_str()))
        .insert_header((header::ACCEPT_RANGES, "bytes"));
    let len = file.body.len();
    match requested_range(req, &file.etag, len) {
        Range::Whole => {
            let mut response = response.body(file.body.clone());
            compress::offer(req.headers(), &mut response, &file.compressed);
            response
        }
        Range::Part(start, end) => response
            .status(StatusCode::PARTIAL_CONTENT)
            .insert_header((header::CONTENT_RANGE, format!("bytes {start}-{end}/{len}")))
            .body(file.body.slice(start..=end)),
        Range::Unsatisfiable => response
            .status(StatusCode::RANGE_NOT_SATISFIABLE)
            .insert_header((header::CONTENT_RANGE, format!("bytes */{len}")))
            .finish(),
    }
}

/// What a request's `Range` asks for.
#[derive(Debug, PartialEq, Eq)]
enum Range {
    /// No range, one this server does not split (several ranges), or an `If-Range` for
    /// another version, or an `If-None-Match` that will be a 304: the whole file.
    Whole,
    /// One range, first and last byte included.
    Part(usize, usize),
    /// One range that starts past the end.
    Unsatisfiable,
}

fn requested_range(req: &HttpRequest, etag: &str, len: usize) -> Range {
    let headers = req.headers();
    let Some(value) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) else {
        return Range::Whole;
    };
    let current = |v: &HeaderValue| v.to_str().is_ok_and(|v| v.trim() == etag);
    if headers.get(header::IF_RANGE).is_some_and(|v| !current(v)) || none_match(req, etag) {
        return Range::Whole;
    }
    parse_range(value, len)
}

/// `bytes=0-99`, `bytes=100-`, `bytes=-100` against a body of `len` bytes (RFC 9110 §14.1).
fn parse_range(value: &str, len: usize) -> Range {
    let Some(spec) = value.trim().strip_prefix("bytes=") else {
        return Range::Whole;
    };
    if spec.contains(',') {
        return Range::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Range::Whole;
    };
    let number = |s: &str| s.trim().parse::<usize>().ok();
    match (first.trim().is_empty(), number(first), number(last)) {
        // The last `n` bytes.
        (true, _, Some(n)) if n == 0 || len == 0 => Range::Unsatisfiable,
        (true, _, Some(n)) => Range::Part(len.saturating_sub(n), len - 1),
        (false, Some(start), _) if start >= len => Range::Unsatisfiable,
        (false, Some(start), None) if last.trim().is_empty() => Range::Part(start, len - 1),
        (false, Some(start), Some(end)) if end >= start => Range::Part(start, end.min(len - 1)),
        _ => Range::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_as_rfc_9110_reads_them() {
        assert_eq!(parse_range("bytes=0-99", 1000), Range::Part(0, 99));
        assert_eq!(parse_range("bytes=100-", 1000), Range::Part(100, 999));
        assert_eq!(parse_range("bytes=-100", 1000), Range::Part(900, 999));
        assert_eq!(parse_range("bytes=-5000", 1000), Range::Part(0, 999));
        assert_eq!(parse_range("bytes=990-5000", 1000), Range::Part(990, 999));
        assert_eq!(parse_range("bytes=1000-", 1000), Range::Unsatisfiable);
        assert_eq!(parse_range("bytes=-0", 1000), Range::Unsatisfiable);
        assert_eq!(parse_range("bytes=0-0", 0), Range::Unsatisfiable);
        assert_eq!(parse_range("bytes=5-2", 1000), Range::Whole);
        assert_eq!(parse_range("bytes=0-1,5-6", 1000), Range::Whole);
        assert_eq!(parse_range("items=0-1", 1000), Range::Whole);
        assert_eq!(parse_range("bytes=x-1", 1000), Range::Whole);
    }
}
