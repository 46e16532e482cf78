//! The shared cache in front of a page: which requests it may answer, its key, and a hit,
//! a stale hit with one background refresh, or a miss rendered once.

use std::rc::Rc;
use std::sync::Arc;

use actix_web::dev::ConnectionInfo;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::Method;
use actix_web::{HttpMessage, HttpRequest, HttpResponse};

use super::dispatch::{Kind, PageRequest, Target};
use super::second_level::{Claim, SecondLevel};
use super::{Site, Worker};
use crate::client::{NEXTJS_DATA_HEADER, RENDER_HEADER_NAME};
use crate::preview::has_preview_cookie;
use crate::response::not_modified;
use crate::shared_cache::{Lookup, SharedCache, Stored, CACHE_HEADER_NAME};

impl Site {
    /// A fresh shared-cache hit for `req`, found before routing by the URL as received:
    /// the routed request for the same URL key left its primary key behind (see
    /// [`Site::remembers_url`]). Over-limit requests and anything not a fresh hit go the routed
    /// way. Anything that may answer a request before its page (a middleware, a rewrite) must
    /// run before this look, or the key must hold what it reads.
    pub(super) fn hit_before_routing(
        &self,
        req: &HttpRequest,
        worker: &Worker,
    ) -> Option<HttpResponse> {
        let cache = worker
            .cache
            .filter(|cache| !worker.settings.dev && cache.remembers_urls())?;
        if !matches!(*req.method(), Method::GET | Method::HEAD) {
            return None;
        }
        let key = url_key(req)?;
        crate::limits::check(req).ok()?;
        let hit = cache.hit_before_routing(&key, req.headers())?;
        Some(not_modified(req, hit))
    }

    /// Answers a page request: from the shared cache when it may, else by rendering it.
    pub(super) async fn answer(
        &'static self,
        req: &HttpRequest,
        worker: Rc<Worker>,
        page: PageRequest,
    ) -> HttpResponse {
        match shared_cache(&worker, req, &page) {
            Some(cache) => self.cached(cache, worker, req, page).await,
            None => self.render(req, &worker, page).await,
        }
    }

    /// A page through the shared cache: a hit as stored, a stale hit while one background
    /// render refreshes it, a miss rendered once however many requests wait for it. With a
    /// second level (Redis), a miss here is looked up there, and rendered by one instance.
    async fn cached(
        &'static self,
        cache: &'static SharedCache,
        worker: Rc<Worker>,
        req: &HttpRequest,
        page: PageRequest,
    ) -> HttpResponse {
        let primary = cache_key(&page, req);
        // A request waiting for another one's render waits no longer than a render may take.
        let timeout = worker.settings.props_timeout;
        let remember = self.remembers_url(&page, req);
        let build_id = self.def.build_id;
        let second = SecondLevel::of(&worker.settings, build_id, || page_id(&page, req));
        let (lookup, lock) = match (
            cache.lookup(&primary, req.headers(), timeout).await,
            &second,
        ) {
            (Lookup::Miss(fill), Some(second)) => {
                second.look(cache, fill, &primary, req.headers()).await
            }
            (lookup, _) => (lookup, None),
        };
        match lookup {
            Lookup::Hit {
                stored,
                age,
                stale,
                revalidate,
            } => {
                if remember && !stale {
                    remember_url(cache, req, &primary);
                }
                if revalidate {
                    let refresh = Refresh {
                        cache,
                        second,
                        stale: Arc::clone(&stored),
                        primary,
                    };
                    let (req, page) = (req.clone(), page);
                    actix_web::rt::spawn(async move {
                        self.refresh(refresh, &req, worker, page).await;
                    });
                }
                stored.respond(age, stale, req.headers())
            }
            Lookup::Miss(fill) | Lookup::Pass(fill) => {
                let fresh = self.render(req, &worker, page).await;
                let filled = cache.fill(fill, &primary, req, fresh);
                if let Some(second) = second {
                    second.share(filled.stored, primary.clone(), lock);
                }
                let response = filled.response;
                // Marked (`MISS`) only when it was stored.
                if remember && response.headers().contains_key(CACHE_HEADER_NAME) {
                    remember_url(cache, req, &primary);
                }
                response
            }
            Lookup::Failed(failure) => failure.respond_failed(),
            Lookup::TimedOut => self.timed_out(worker.settings.dev, req, None, timeout),
        }
    }

    /// Refreshes a stale entry in the background: with a second level, from another
    /// instance's fresh response when there is one, else by rendering it (one instance at
    /// a time); the stale entry is served meanwhile.
    async fn refresh(
        &'static self,
        refresh: Refresh,
        req: &HttpRequest,
        worker: Rc<Worker>,
        page: PageRequest,
    ) {
        let Refresh {
            cache,
            second,
            stale,
            primary,
        } = refresh;
        let headers = req.headers();
        let lock = match &second {
            Some(second) => match second.claim(&primary, headers, true).await {
                Claim::Found { vary, stored } => {
                    let fill = cache.unguarded(&primary, headers);
                    drop(cache.install(fill, &primary, headers, &vary, stored));
                    return;
                }
                Claim::Locked(key) => Some(key),
                Claim::Alone => None,
            },
            None => None,
        };
        let fresh = self.render(req, &worker, page).await;
        let filled = cache.refresh(&stale, &primary, req, fresh);
        if let Some(second) = second {
            second.share(filled.stored, primary, lock);
        }
    }
}

/// What a background refresh needs of the request that started it.
struct Refresh {
    cache: &'static SharedCache,
    second: Option<SecondLevel>,
    stale: Arc<Stored>,
    primary: String,
}

/// The page a request is answered by, as purging names it: `locale\npath`.
fn page_id(page: &PageRequest, req: &HttpRequest) -> String {
    let locale = page.locale.map_or("", |info| info.locale);
    super::generated::key_in(locale, page.resolved_path(req))
}

/// The shared cache, if it may answer this request: enabled, a page with a props
/// function, a GET or HEAD without `Authorization` and outside draft mode.
fn shared_cache(
    worker: &Worker,
    req: &HttpRequest,
    page: &PageRequest,
) -> Option<&'static SharedCache> {
    let cache = worker.cache.filter(|_| !worker.settings.dev)?;
    let shareable = matches!(page.target, Target::ServerSide(_))
        && !page.private
        && matches!(*req.method(), Method::GET | Method::HEAD)
        && !req.headers().contains_key(header::AUTHORIZATION)
        && !has_preview_cookie(req);
    shareable.then_some(cache)
}

impl Site {
    /// Whether a later request with `req`'s URL key is routed as `req` was, so that its
    /// hit may be found before routing: always, except `/` in an app with locales, which
    /// may redirect by `Accept-Language` or the `NEXT_LOCALE` cookie (neither in the key).
    /// With URL rules or a middleware, never: either may read a header or cookie the key
    /// lacks, and header rules add to every answer.
    fn remembers_url(&self, page: &PageRequest, req: &HttpRequest) -> bool {
        self.rules.is_empty()
            && self.middleware.is_none()
            && (self.def.i18n.is_none()
                || page.locale_prefix != 0
                || page.data_path.is_some()
                || page.page_path(req) != "/")
    }
}

/// Lets `req`'s next request find the entry under `primary` before routing.
fn remember_url(cache: &SharedCache, req: &HttpRequest, primary: &str) {
    if let Some(url) = url_key(req) {
        cache.remember_url(url, primary);
    }
}

/// A request's key before routing, `None` when the cache must not answer it (an
/// `Authorization` header or a draft-mode cookie). It holds what routing reads of the
/// request besides the locale detection [`Site::remembers_url`] rules out: the origin (as
/// [`cache_key`] has it), the client router's two headers (markup, matched route), the path
/// and query as received. The headers are read in one pass, not looked up one by one: a
/// request that misses pays for this key before it is routed.
fn url_key(req: &HttpRequest) -> Option<String> {
    let (mut host, mut cookie, mut forwarded) = (None, false, false);
    let (mut markup, mut matched) = ("-", "-");
    for (name, value) in req.headers() {
        if name == header::HOST {
            host = Some(value);
        } else if name == header::AUTHORIZATION {
            return None;
        } else if name == header::COOKIE {
            cookie = true;
        } else if name == RENDER_HEADER_NAME {
            markup = "m";
        } else if name == NEXTJS_DATA_HEADER {
            matched = "d";
        } else if name == header::FORWARDED || name == X_FORWARDED_PROTO || name == X_FORWARDED_HOST
        {
            forwarded = true;
        }
    }
    if cookie && has_preview_cookie(req) {
        return None;
    }
    let (path, query) = (req.path(), req.query_string());
    let mut key = String::with_capacity(path.len() + query.len() + 64);
    key.push_str("url\n");
    if forwarded || req.extensions().contains::<ConnectionInfo>() {
        push_connection_info(&mut key, req);
    } else {
        push_direct_origin(&mut key, req, host);
    }
    for part in ["\n", markup, matched, "\n", path, "?", query] {
        key.push_str(part);
    }
    Some(key)
}

/// The shared cache's key, before `Vary`: what is answered (HTML, data, data naming its
/// route, data with markup), for which scheme and host (as `connection_info` reads them,
/// forwarded headers included: what a page can see), in which locale, for which path and
/// query.
fn cache_key(page: &PageRequest, req: &HttpRequest) -> String {
    let kind = match page.kind {
        Kind::Html => "html",
        Kind::Transition if page.matched => "data+markup+matched",
        Kind::Transition => "data+markup",
        Kind::Data if page.matched => "data+matched",
        Kind::Data => "data",
    };
    let locale = page.locale.map_or("", |info| info.locale);
    // Where a rewrite sent it: two URLs rewritten to one page share its entry, and one URL
    // rewritten by a cookie to two pages does not.
    let (path, query) = (page.resolved_path(req), page.query_string(req));
    let query = &*query;
    // Written out by hand: a hit's whole cost is about this key, so no `format!`.
    let mut key = String::with_capacity(kind.len() + locale.len() + path.len() + query.len() + 64);
    key.push_str(kind);
    key.push('\n');
    push_origin(&mut key, req);
    for part in ["\n", locale, "\n", path, "?", query] {
        key.push_str(part);
    }
    key
}

const X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");
const X_FORWARDED_HOST: HeaderName = HeaderName::from_static("x-forwarded-host");

/// `scheme://host` as `HttpRequest::connection_info` reads them. Without forwarding
/// headers (the common case) they are read directly, as actix does, without building the
/// whole `ConnectionInfo` (which also formats the peer's address).
fn push_origin(key: &mut String, req: &HttpRequest) {
    let headers = req.headers();
    let forwarded = headers.contains_key(header::FORWARDED)
        || headers.contains_key(X_FORWARDED_PROTO)
        || headers.contains_key(X_FORWARDED_HOST);
    // Once read (by a middleware, say), actix keeps it: that is what the page will see.
    if forwarded || req.extensions().contains::<ConnectionInfo>() {
        push_connection_info(key, req);
    } else {
        push_direct_origin(key, req, headers.get(header::HOST));
    }
}

fn push_connection_info(key: &mut String, req: &HttpRequest) {
    let origin = req.connection_info();
    for part in [origin.scheme(), "://", origin.host()] {
        key.push_str(part);
    }
}

/// The origin of a request without forwarding headers, whose `Host` header is `host`.
fn push_direct_origin(key: &mut String, req: &HttpRequest, host: Option<&HeaderValue>) {
    let config = req.app_config();
    let uri = req.uri();
    let scheme = uri
        .scheme_str()
        .unwrap_or(if config.secure() { "https" } else { "http" });
    let host = host
        .and_then(|host| host.to_str().ok())
        .or_else(|| uri.authority().map(|authority| authority.as_str()))
        .unwrap_or_else(|| config.host());
    for part in [scheme, "://", host] {
        key.push_str(part);
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    /// The fast path reads the origin exactly as `connection_info` does.
    #[test]
    fn the_origin_is_connection_infos() {
        let requests = [
            TestRequest::get()
                .uri("/a")
                .insert_header(("host", "example.com:8080")),
            TestRequest::get().uri("/a"),
            TestRequest::get().uri("https://secure.example/a"),
            TestRequest::get()
                .uri("/a")
                .insert_header(("host", "a.example"))
                .insert_header(("x-forwarded-host", "b.example")),
            TestRequest::get()
                .uri("/a")
                .insert_header(("forwarded", "proto=https;host=c.example")),
            TestRequest::get()
                .uri("/a")
                .insert_header(("x-forwarded-proto", "https")),
            TestRequest::get()
                .uri("http://authority.example/a")
                .insert_header(("host", "header.example")),
            TestRequest::get().uri("http://authority.example/a"),
        ];
        for req in requests {
            let req = req.to_http_request();
            let mut key = String::new();
            push_origin(&mut key, &req);
            let info = req.connection_info();
            assert_eq!(
                key,
                format!("{}://{}", info.scheme(), info.host()),
                "{:?}",
                req.headers()
            );
        }
    }
}
