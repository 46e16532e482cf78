//! Response compression, on by default as Next's `compress: true`: gzip or brotli when the
//! request accepts it, with pure-Rust codecs (`flate2` on miniz_oxide, `brotli`).
//!
//! Bodies known before the request (static pages, the client router, public files, shared
//! cache entries) carry their [`Variants`], encoded once on first use; rendered bodies are
//! encoded per response, at a fast level. Every compressible response says
//! `Vary: Accept-Encoding`, and an encoded one's `ETag` names its encoding, so a cache or a
//! browser never takes one encoding's validator for another's.

use std::cell::RefCell;
use std::io::Write;
use std::sync::{Arc, OnceLock};

use actix_web::body::MessageBody;
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};

/// Bodies smaller than this go out as they are: the encoding's framing eats the gain.
const MIN_SIZE: usize = 1024;

/// A content coding this server sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    fn token(self) -> &'static str {
        match self {
            Encoding::Identity => "identity",
            Encoding::Gzip => "gzip",
            Encoding::Brotli => "br",
        }
    }

    /// The encoded body at a level for `effort`; `None` when it does not come out smaller.
    fn encode(self, body: &[u8], effort: Effort) -> Option<Bytes> {
        let encoded = match self {
            Encoding::Identity => return None,
            Encoding::Gzip => gzip(body, effort)?,
            Encoding::Brotli => {
                let quality = match effort {
                    Effort::Once => 9,
                    Effort::PerResponse => 3,
                };
                let mut encoder = brotli::CompressorWriter::new(Vec::new(), 4096, quality, 22);
                encoder.write_all(body).ok()?;
                encoder.into_inner()
            }
        };
        (encoded.len() < body.len()).then(|| Bytes::from(encoded))
    }
}

/// gzip (RFC 1952) around a raw deflate stream, made with a deflate state kept per thread:
/// a fresh one allocates and clears some 300 KB, which costs more than compressing a page.
/// `None` if the stream would not be smaller than `body`.
fn gzip(body: &[u8], effort: Effort) -> Option<Vec<u8>> {
    use flate2::{Compress, Compression, Crc, FlushCompress, Status};
    thread_local! {
        static FAST: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), false));
        static BEST: RefCell<Compress> = RefCell::new(Compress::new(Compression::best(), false));
    }
    const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let mut out = Vec::with_capacity(body.len());
    out.extend_from_slice(&HEADER);
    let state = match effort {
        Effort::Once => &BEST,
        Effort::PerResponse => &FAST,
    };
    let finished = state.with_borrow_mut(|deflate| {
        deflate.reset();
        // Room for no more than `body`: a stream that does not fit is not worth sending.
        let status = deflate.compress_vec(body, &mut out, FlushCompress::Finish);
        matches!(status, Ok(Status::StreamEnd))
    });
    if !finished || out.len() + 8 >= body.len() {
        return None;
    }
    let mut crc = Crc::new();
    crc.update(body);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    Some(out)
}

/// How many bytes of bodies and their encodings each worker thread keeps for
/// [`per_response`].
const RECENT_BYTES: u64 = 4 << 20;

/// A body encoded per response, and what it encoded to (`None`: not smaller).
#[derive(Clone)]
struct Kept {
    body: Bytes,
    encoded: Option<Bytes>,
}

#[derive(Clone)]
struct KeptWeight;

impl quick_cache::Weighter<(Encoding, u64), Kept> for KeptWeight {
    fn weight(&self, _key: &(Encoding, u64), kept: &Kept) -> u64 {
        (kept.body.len() + kept.encoded.as_ref().map_or(0, Bytes::len)) as u64
    }
}

/// The encoding of a body rendered for this response. A rendered page often repeats byte
/// for byte (the same page for every visitor until its data change), so each worker thread
/// keeps the bodies it encoded lately, by encoding and content hash, and encodes a repeated
/// one once. The kept body is compared whole before its encoding is reused: a hash
/// collision cannot send one page's bytes for another's.
fn per_response(body: &Bytes, encoding: Encoding) -> Option<Bytes> {
    thread_local! {
        static RECENT: RefCell<quick_cache::unsync::Cache<(Encoding, u64), Kept, KeptWeight>> =
            RefCell::new(quick_cache::unsync::Cache::with_weighter(256, RECENT_BYTES, KeptWeight));
    }
    if body.len() as u64 > RECENT_BYTES / 16 {
        return encoding.encode(body, Effort::PerResponse);
    }
    let key = (encoding, xxhash_rust::xxh3::xxh3_64(body));
    RECENT.with_borrow_mut(|recent| {
        if let Some(kept) = recent.get(&key).filter(|kept| kept.body == *body) {
            return kept.encoded.clone();
        }
        let encoded = encoding.encode(body, Effort::PerResponse);
        let kept = Kept {
            body: body.clone(),
            encoded: encoded.clone(),
        };
        recent.insert(key, kept);
        encoded
    })
}

/// How much work an encoding is worth.
#[derive(Debug, Clone, Copy)]
enum Effort {
    /// The body is sent many times: its best.
    Once,
    /// The body is sent once: fast.
    PerResponse,
}

/// The encodings of a body sent many times, each made the first time it is asked for.
#[derive(Debug, Default)]
pub(crate) struct Precompressed {
    gzip: OnceLock<Option<Bytes>>,
    brotli: OnceLock<Option<Bytes>>,
}

impl Precompressed {
    fn get(&self, encoding: Encoding, body: &[u8]) -> Option<Bytes> {
        let slot = match encoding {
            Encoding::Identity => return None,
            Encoding::Gzip => &self.gzip,
            Encoding::Brotli => &self.brotli,
        };
        slot.get_or_init(|| encoding.encode(body, Effort::Once))
            .clone()
    }
}

/// A response extension: the [`Precompressed`] encodings of the response's body.
#[derive(Clone)]
pub(crate) struct Variants(Arc<Precompressed>);

/// Hands `response` the kept encodings of its body, for [`finish`] to send, when the
/// request (its `headers`) asks for any encoding at all: a request without
/// `Accept-Encoding` costs nothing here.
pub(crate) fn offer<B>(
    request: &HeaderMap,
    response: &mut HttpResponse<B>,
    variants: &Arc<Precompressed>,
) {
    if request.contains_key(header::ACCEPT_ENCODING) {
        response
            .extensions_mut()
            .insert(Variants(Arc::clone(variants)));
    }
}

/// The encoding to send for `accept` (an `Accept-Encoding` value): the one of brotli and
/// gzip with the higher quality value, brotli on a tie; identity when neither is accepted.
/// A body encoded per response takes gzip whenever it is accepted at all: it compresses
/// several times faster than brotli, and the difference in size is small on one page.
fn negotiate(accept: &str, per_response: bool) -> Encoding {
    if accept.is_empty() {
        return Encoding::Identity;
    }
    let (mut brotli, mut gzip, mut any) = (None, None, None);
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim();
        let quality = parts
            .find_map(|param| {
                let (name, value) = param.split_once('=')?;
                (name.trim().eq_ignore_ascii_case("q")).then(|| value.trim().parse::<f32>().ok())?
            })
            .unwrap_or(1.0);
        if coding.eq_ignore_ascii_case("br") {
            brotli = Some(quality);
        } else if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
            gzip = Some(quality);
        } else if coding == "*" {
            any = Some(quality);
        }
    }
    let (brotli, gzip) = (brotli.or(any).unwrap_or(0.0), gzip.or(any).unwrap_or(0.0));
    match (brotli, gzip) {
        (_, g) if per_response && g > 0.0 => Encoding::Gzip,
        (b, g) if b > 0.0 && b >= g => Encoding::Brotli,
        (_, g) if g > 0.0 => Encoding::Gzip,
        _ => Encoding::Identity,
    }
}

/// Whether bodies of `content_type` are worth compressing: text, JSON, JavaScript, XML,
/// SVG, WebAssembly. Images, fonts in WOFF and archives are compressed already.
fn compressible(content_type: &str) -> bool {
    let mime = match memchr::memchr(b';', content_type.as_bytes()) {
        Some(at) => &content_type[..at],
        None => content_type,
    };
    let mime = mime.trim_ascii();
    mime.starts_with("text/")
        || mime.ends_with("json")
        || mime.ends_with("javascript")
        || mime.ends_with("xml")
        || mime == "image/svg+xml"
        || mime == "application/wasm"
}

/// The site's last step for a response it answers: picks the encoding, marks the
/// response (`Vary`, the `ETag`'s suffix), turns it into a 304 when `conditional` and the
/// client has it, then encodes the body. With compression off, only the 304.
pub(crate) fn finish(
    req: &HttpRequest,
    mut response: HttpResponse,
    compress: bool,
    conditional: bool,
) -> HttpResponse {
    let encoding = match compress {
        true => choose(req, &response),
        false => None,
    };
    if let Some(encoding) = encoding {
        mark(&mut response, encoding);
    }
    if conditional {
        response = crate::response::not_modified(req, response);
    }
    match encoding {
        Some(encoding) if encoding != Encoding::Identity && response.status() == StatusCode::OK => {
            encode(response, encoding)
        }
        _ => response,
    }
}

/// `None`: the response is not compressible (no body worth it, an encoding already, a
/// range). `Some(Identity)`: it is, but the client takes it as it is.
fn choose(req: &HttpRequest, response: &HttpResponse) -> Option<Encoding> {
    let headers = response.headers();
    let worth = response.status() == StatusCode::OK
        && !headers.contains_key(header::CONTENT_ENCODING)
        && headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(compressible)
        && match response.body().size() {
            actix_web::body::BodySize::Sized(len) => len >= MIN_SIZE as u64,
            _ => false,
        };
    if !worth {
        return None;
    }
    let accept = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let per_response = response.extensions().get::<Variants>().is_none();
    Some(negotiate(accept, per_response))
}

/// `Vary: Accept-Encoding`, and the `ETag` of an encoded body: `"tag-br"`, `"tag-gzip"`.
fn mark(response: &mut HttpResponse, encoding: Encoding) {
    let headers = response.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if encoding == Encoding::Identity {
        return;
    }
    let tagged = headers
        .get(header::ETAG)
        .and_then(|etag| etag.to_str().ok())
        .and_then(|etag| etag.strip_suffix('"'))
        .map(|etag| format!("{etag}-{}\"", encoding.token()));
    if let Some(tagged) = tagged.and_then(|tag| HeaderValue::try_from(tag).ok()) {
        headers.insert(header::ETAG, tagged);
    }
}

/// The response with its body encoded: from its [`Variants`] if it has them, else now.
fn encode(response: HttpResponse, encoding: Encoding) -> HttpResponse {
    let variants = response.extensions().get::<Variants>().cloned();
    let (mut response, body) = response.into_parts();
    let body = match body.try_into_bytes() {
        Ok(body) => body,
        // A stream of known size (an API route's `SizedStream`, a file): sent as it is.
        Err(stream) => {
            restore_identity_etag(&mut response, encoding);
            return response.set_body(stream);
        }
    };
    let encoded = match &variants {
        Some(Variants(variants)) => variants.get(encoding, &body),
        None => per_response(&body, encoding),
    };
    match encoded {
        Some(encoded) => {
            response.headers_mut().insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(encoding.token()),
            );
            response.set_body(encoded).map_into_boxed_body()
        }
        None => {
            // Not smaller: sent as it is, with the identity ETag back.
            restore_identity_etag(&mut response, encoding);
            response.set_body(body).map_into_boxed_body()
        }
    }
}

fn restore_identity_etag<B>(response: &mut HttpResponse<B>, encoding: Encoding) {
    let suffix = format!("-{}\"", encoding.token());
    let identity = response
        .headers()
        .get(header::ETAG)
        .and_then(|etag| etag.to_str().ok())
        .and_then(|etag| etag.strip_suffix(&suffix))
        .map(|etag| format!("{etag}\""));
    if let Some(identity) = identity.and_then(|tag| HeaderValue::try_from(tag).ok()) {
        response.headers_mut().insert(header::ETAG, identity);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_quality_values() {
        let once = |accept| negotiate(accept, false);
        assert_eq!(once("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(once("gzip"), Encoding::Gzip);
        assert_eq!(once("x-gzip"), Encoding::Gzip);
        assert_eq!(once("br;q=0.5, gzip"), Encoding::Gzip);
        assert_eq!(once("br;q=0, gzip;q=0"), Encoding::Identity);
        assert_eq!(once("*"), Encoding::Brotli);
        assert_eq!(once("*;q=0.1, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(once("identity"), Encoding::Identity);
        assert_eq!(once(""), Encoding::Identity);
        assert_eq!(once("deflate"), Encoding::Identity);
        // Encoded per response: gzip whenever accepted, brotli only when it is all there is.
        assert_eq!(negotiate("gzip, deflate, br, zstd", true), Encoding::Gzip);
        assert_eq!(negotiate("br", true), Encoding::Brotli);
        assert_eq!(negotiate("br, gzip;q=0", true), Encoding::Brotli);
    }

    #[test]
    fn text_is_compressible_and_images_are_not() {
        for yes in [
            "text/html; charset=utf-8",
            "application/json",
            "text/javascript; charset=utf-8",
            "image/svg+xml",
            "application/manifest+json",
        ] {
            assert!(compressible(yes), "{yes}");
        }
        for no in [
            "image/png",
            "font/woff2",
            "application/zip",
            "application/octet-stream",
        ] {
            assert!(!compressible(no), "{no}");
        }
    }

    #[test]
    fn a_repeated_body_is_encoded_once_and_another_anew() {
        use std::io::Read;
        let page = Bytes::from("<p>the same page</p>".repeat(100));
        let first = per_response(&page, Encoding::Gzip).unwrap();
        let again = per_response(&Bytes::from(page.to_vec()), Encoding::Gzip).unwrap();
        assert_eq!(
            first.as_ptr(),
            again.as_ptr(),
            "the kept encoding, not a new one"
        );
        let other = Bytes::from("<p>another page</p>".repeat(100));
        let encoded = per_response(&other, Encoding::Gzip).unwrap();
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(&encoded[..])
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, other);
    }

    #[test]
    fn encodings_round_trip() {
        use std::io::Read;
        let body = "<p>hello, world</p>".repeat(100);
        let gzip = Encoding::Gzip
            .encode(body.as_bytes(), Effort::PerResponse)
            .unwrap();
        let mut decoded = String::new();
        flate2::read::GzDecoder::new(&gzip[..])
            .read_to_string(&mut decoded)
            .unwrap();
        assert_eq!(decoded, body);
        let brotli = Encoding::Brotli
            .encode(body.as_bytes(), Effort::Once)
            .unwrap();
        let mut decoded = String::new();
        brotli::Decompressor::new(&brotli[..], 4096)
            .read_to_string(&mut decoded)
            .unwrap();
        assert_eq!(decoded, body);
        assert!(brotli.len() < body.len() / 10);
    }
}
