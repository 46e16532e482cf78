//! The client router script, served from memory at a content-hashed URL so browsers can
//! cache it for good.

use std::sync::Arc;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use xxhash_rust::xxh3::xxh3_64;

use crate::compress::{self, Precompressed};

/// The hand-written router (`client/router.js`): link clicks become client-side transitions.
const ROUTER_JS: &str = include_str!("client/router.js");

/// The request header the router sends to get a page's markup with its data.
pub(crate) const RENDER_HEADER: &str = "x-next-render";

/// [`RENDER_HEADER`] as a header name, for lookups that must not parse a string.
pub(crate) const RENDER_HEADER_NAME: actix_web::http::header::HeaderName =
    actix_web::http::header::HeaderName::from_static(RENDER_HEADER);

/// The header Next's client sends with its data requests.
pub(crate) const NEXTJS_DATA_HEADER: actix_web::http::header::HeaderName =
    actix_web::http::header::HeaderName::from_static("x-nextjs-data");

/// The URL every page loads the client router from (it changes when the script does), for
/// a `<link rel="preload">` or for serving the same page by other means.
pub fn router_script_url() -> &'static str {
    static URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    URL.get_or_init(|| RouterScript::new().url)
}

pub(crate) struct RouterScript {
    /// `/_next/static/chunks/router-{hash}.js`
    pub url: String,
    pub body: Bytes,
    compressed: Arc<Precompressed>,
}

impl RouterScript {
    pub fn new() -> Self {
        RouterScript {
            url: format!(
                "/_next/static/chunks/router-{:016x}.js",
                xxh3_64(ROUTER_JS.as_bytes())
            ),
            body: Bytes::from_static(ROUTER_JS.as_bytes()),
            compressed: Arc::default(),
        }
    }

    pub fn response(&self, req: &HttpRequest) -> HttpResponse {
        let mut response = HttpResponse::Ok()
            .content_type("text/javascript; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
            .body(self.body.clone());
        compress::offer(req.headers(), &mut response, &self.compressed);
        response
    }
}
