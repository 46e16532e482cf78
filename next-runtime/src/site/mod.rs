//! The site: the generated route table made ready to serve (router, pre-rendered static and
//! error pages), and the one actix service that answers every page, data and API request.
//!
//! A request takes one path through these modules, each one step:
//!
//! 1. [`mount`]: the worker's state, and the default service that calls [`Site::serve`],
//!    which first looks for a fresh shared-cache hit by the URL as received ([`cache`]);
//! 2. [`dispatch`]: request limits, then canonical URL, data-route prefix, locale, match: the
//!    request is classified once, into an answer, an API route, or a [`PageRequest`] that
//!    knows its page kind and its response [`Kind`];
//! 3. [`api`] runs an API route; [`cache`] answers a page from the shared cache or
//!    renders it through [`page`], which builds the context and runs the props function;
//! 4. [`respond`] turns the outcome into HTML or JSON; [`failure`] answers everything that
//!    went wrong.
//!
//! [`def`] is the builder the generated code calls; [`startup`] renders what can be rendered
//! before the first request.

mod api;
mod cache;
mod def;
mod dispatch;
mod export;
mod failure;
mod generated;
mod middleware;
mod mount;
mod page;
mod prerender;
mod ready;
mod respond;
mod second_level;
mod startup;
#[cfg(test)]
mod tests;

use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::sync::OnceLock;

use actix_web::dev::{ResourceDef, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap};
use futures_util::FutureExt;

pub use def::SiteDef;
use dispatch::{Dispatched, Routed};
pub(crate) use mount::next_url;
use mount::Worker;
pub use mount::{configure, prerender};
pub(crate) use prerender::revalidate;
pub use ready::READY_PATH;

/// How often a request waiting for another instance's work (a generated page, a cached
/// response) looks in the shared store again.
const SHARED_POLL: std::time::Duration = std::time::Duration::from_millis(25);

use crate::client::RouterScript;
use crate::compress;
use crate::errors::ErrorPages;
use crate::middleware::Middleware;
use crate::public::PublicIndex;
use crate::router::Router;
use crate::rules::RuleSet;
use crate::shared_cache::SharedCache;
use crate::shell::Shell;

struct Site {
    def: &'static SiteDef,
    router: Router,
    /// `build.rs`'s headers, redirects and rewrites.
    rules: RuleSet,
    /// `src/middleware.rs`.
    middleware: Option<Middleware>,
    /// Each static route's document and its ETag, by [`Site::slot`] (`None`: a page with a
    /// props function, or a static page that panicked while rendering).
    static_pages: Vec<Option<startup::StaticPage>>,
    router_script: RouterScript,
    /// `public/`, looked up before the routes.
    public: PublicIndex,
    errors: ErrorPages,
    /// One shell per locale (`<html lang>` and links differ), or one without locales.
    shells: Vec<Shell>,
    /// Each API route's pattern for actix (`/api/users/{id}`), by route index, so that
    /// `web::Path` extractors see the params.
    api_resources: Vec<Option<ResourceDef>>,
    /// The shared response cache, once a worker is configured with one.
    shared_cache: OnceLock<SharedCache>,
    /// The pages of static props functions, as generated.
    generation: generated::Generation,
}

impl Site {
    /// Where a route's locale-specific data sits: one slot per route and locale.
    fn slot(&self, index: usize, locale: Option<&str>) -> usize {
        let locale_index = match (&self.def.i18n, locale) {
            (Some(i18n), Some(locale)) => i18n
                .locales()
                .iter()
                .position(|l| *l == locale)
                .unwrap_or(0),
            _ => 0,
        };
        index * self.shells.len() + locale_index
    }

    fn shell(&self, locale: Option<&str>) -> &Shell {
        &self.shells[self.slot(0, locale)]
    }

    /// Classifies a request once, then serves it as a page, its data, or an API call.
    ///
    /// Each branch is a net for panics: whatever panics while answering (our code, a
    /// user's extractor, `_app`...), the client gets the 500 page and the connection stays
    /// open for its next request.
    async fn serve(&'static self, mut sreq: ServiceRequest, worker: Rc<Worker>) -> ServiceResponse {
        let dev = worker.settings.dev;
        if dispatch::strip_base_path(sreq.path(), self.def.base_path) == Some(ready::READY_PATH) {
            let runtime = generated::Runtime::of(&worker.settings);
            let response = self.readiness(sreq.request(), runtime);
            return sreq.into_response(response);
        }
        let dispatched = std::panic::catch_unwind(AssertUnwindSafe(|| {
            let req = sreq.request();
            match self.hit_before_routing(req, &worker) {
                Some(hit) => Dispatched::Routed(Routed::Done(hit), Vec::new()),
                None => self.dispatch(req, &worker.settings),
            }
        }));
        let compress = worker.settings.compress;
        let (routed, rule_headers) = match dispatched {
            Ok(Dispatched::Routed(routed, headers)) => (routed, headers),
            Ok(Dispatched::Middleware(pending)) => {
                let settings = &worker.settings;
                let routed = AssertUnwindSafe(self.after_middleware(&mut sreq, settings, pending));
                match routed.catch_unwind().await {
                    Ok(routed) => routed,
                    Err(panic) => {
                        let response = self.panicked(dev, sreq.request(), panic);
                        return sreq.into_response(response);
                    }
                }
            }
            Err(panic) => {
                let response = self.panicked(dev, sreq.request(), panic);
                return sreq.into_response(response);
            }
        };
        let mut response = match routed {
            Routed::Done(response) => {
                let response = compress::finish(sreq.request(), response, compress, true);
                sreq.into_response(response)
            }
            Routed::Api { index, call } => {
                let response = self.api(sreq, &worker, index, call).await;
                let (req, response) = response.into_parts();
                let response = compress::finish(&req, response, compress, false);
                ServiceResponse::new(req, response)
            }
            Routed::Page(mut page) => {
                let (req, payload) = sreq.into_parts();
                page.payload = payload;
                let response = AssertUnwindSafe(self.answer(&req, worker, page));
                let response = match response.catch_unwind().await {
                    Ok(response) => compress::finish(&req, response, compress, true),
                    Err(panic) => self.panicked(dev, &req, panic),
                };
                ServiceResponse::new(req, response)
            }
        };
        add_rule_headers(response.headers_mut(), rule_headers);
        response
    }
}

/// The headers of `build.rs`'s header rules: a header the answer sets itself (a page's
/// `ctx.res`, the framework's `Cache-Control`) wins, and a later rule's header replaces an
/// earlier one's; `Set-Cookie` adds to what is there.
fn add_rule_headers(headers: &mut HeaderMap, rule_headers: dispatch::RuleHeaders) {
    if rule_headers.is_empty() {
        return;
    }
    // Last rule first: a header present now is the answer's own or a later rule's, and
    // both win over this one (so nothing is allocated to remember which were its own).
    // Cookies are appended afterwards, in the rules' order.
    let mut cookies = Vec::new();
    for (name, value) in rule_headers.into_iter().rev() {
        if name == header::SET_COOKIE {
            cookies.push(value);
        } else if !headers.contains_key(&name) {
            headers.insert(name, value);
        }
    }
    for value in cookies.into_iter().rev() {
        headers.append(header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod rule_header_tests {
    use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue, CACHE_CONTROL, SET_COOKIE};

    use super::add_rule_headers;

    fn pair(name: &str, value: &str) -> (HeaderName, HeaderValue) {
        (
            HeaderName::try_from(name).unwrap(),
            HeaderValue::try_from(value).unwrap(),
        )
    }

    fn values<'h>(headers: &'h HeaderMap, name: &str) -> Vec<&'h str> {
        headers
            .get_all(name)
            .map(|value| value.to_str().unwrap())
            .collect()
    }

    #[test]
    fn the_answers_own_header_wins_and_a_later_rule_replaces_an_earlier_one() {
        let mut headers = HeaderMap::new();
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("private"));
        let rules = vec![
            pair("x-a", "first"),
            pair("cache-control", "public"),
            pair("x-b", "only"),
            pair("x-a", "second"),
        ];
        add_rule_headers(&mut headers, rules);
        assert_eq!(values(&headers, "cache-control"), ["private"]);
        assert_eq!(values(&headers, "x-a"), ["second"]);
        assert_eq!(values(&headers, "x-b"), ["only"]);
    }

    #[test]
    fn cookies_are_added_to_the_answers_own_in_the_rules_order() {
        let mut headers = HeaderMap::new();
        headers.append(SET_COOKIE, HeaderValue::from_static("own=1"));
        let rules = vec![
            pair("set-cookie", "a=1"),
            pair("x-a", "1"),
            pair("set-cookie", "b=2"),
        ];
        add_rule_headers(&mut headers, rules);
        assert_eq!(values(&headers, "set-cookie"), ["own=1", "a=1", "b=2"]);
        assert_eq!(values(&headers, "x-a"), ["1"]);
    }
}
