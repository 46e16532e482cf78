//! Classifying a request, once: over a limit, the router script, a non-canonical URL, the
//! data-route prefix, the locale prefix, the match. What comes out knows everything later
//! steps ask: which page and of what kind, which response kind, which locale.

use std::borrow::Cow;
use std::ops::ControlFlow;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use super::Site;
use crate::client::{NEXTJS_DATA_HEADER, RENDER_HEADER_NAME};
use crate::context::{Params, ResponseParts};
use crate::data_route::{self, DataPath};
use crate::handler::{ApiFn, PageHandler, ServerSideFn};
use crate::i18n::{I18n, LocaleInfo};
use crate::response::error_page;
use crate::router::canonical_path;
use crate::Settings;

/// Where dispatch sent a request.
pub(super) enum Routed {
    /// Answered already: a redirect, the router script, a 400, 404 or 414.
    Done(HttpResponse),
    /// An API route: actix-web runs its handler, extractors and all.
    Api { index: usize, call: ApiFn },
    /// A page, or its data.
    Page(PageRequest),
}

/// What a page request answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The HTML document.
    Html,
    /// Next's data route (`/_next/data/...`): the props as JSON; the page is never rendered.
    Data,
    /// The client router's data request (`x-next-render`): the JSON and the page's markup.
    Transition,
}

/// The page a request matched.
#[derive(Clone, Copy)]
pub(super) enum Target {
    /// Rendered at start-up.
    Static,
    /// Rendered per request after its props function.
    ServerSide(ServerSideFn),
}

/// A classified page request: everything needed to answer it, now or in the background.
pub(super) struct PageRequest {
    /// The route's index in the table.
    pub index: usize,
    pub target: Target,
    pub params: Params,
    pub kind: Kind,
    /// Next's client asked (`x-nextjs-data`): a data answer names the matched route.
    pub matched: bool,
    /// The page's path for a data request (`None`: the request path, minus the locale).
    pub data_path: Option<String>,
    /// The request's locale, in an app with locales.
    pub locale: Option<LocaleInfo>,
    /// How many bytes of the request path are its locale prefix (`/fr`).
    pub locale_prefix: usize,
    /// The request body, for the props function's extractors (set once routed).
    pub payload: Payload,
}

impl PageRequest {
    /// The page's path: without the data-route wrapping and the locale prefix.
    pub fn page_path<'r>(&'r self, req: &'r HttpRequest) -> &'r str {
        match &self.data_path {
            Some(path) => path,
            None => without_prefix(req.path(), self.locale_prefix),
        }
    }
}

/// A request's page path once the data-route and locale prefixes are read.
struct Located<'r> {
    page_path: Cow<'r, str>,
    data: bool,
    locale: Option<LocaleInfo>,
    locale_prefix: usize,
}

impl Site {
    /// Classifies `req`; see [`Routed`].
    pub(super) fn dispatch(&self, req: &HttpRequest, settings: &Settings) -> Routed {
        let located = match self.locate(req, settings) {
            ControlFlow::Continue(located) => located,
            ControlFlow::Break(answer) => return Routed::Done(answer),
        };
        let (index, params) = match self.router.find(&located.page_path) {
            Ok(Some(found)) => found,
            Ok(None) => return Routed::Done(self.missing(settings)),
            Err(error) => {
                tracing::debug!(path = req.path(), %error, "bad request path");
                return Routed::Done(error_page(
                    StatusCode::BAD_REQUEST,
                    self.errors.bad_request.clone(),
                ));
            }
        };
        self.classify(req, settings, located, index, params)
    }

    /// Limits, the router script, the canonical URL, the data-route and locale prefixes:
    /// the page path to match, or (`Break`) the answer already.
    fn locate<'r>(
        &self,
        req: &'r HttpRequest,
        settings: &Settings,
    ) -> ControlFlow<HttpResponse, Located<'r>> {
        if let Err(exceeded) = crate::limits::check(req) {
            tracing::debug!(url = %req.uri(), %exceeded, "request over a limit");
            return ControlFlow::Break(error_page(
                exceeded.status(),
                self.errors.over_limit(exceeded),
            ));
        }
        let (path, query) = (req.path(), req.query_string());
        if path == self.router_script.url {
            return ControlFlow::Break(self.router_script.response(req));
        }
        if let Some(clean) = canonical_path(path) {
            let location = match query {
                "" => clean,
                query => format!("{clean}?{query}"),
            };
            return ControlFlow::Break(
                HttpResponse::PermanentRedirect()
                    .insert_header((header::LOCATION, location))
                    .finish(),
            );
        }
        // A public file beats every dynamic route (a static one at its path is a build
        // error), as in Next.js.
        if let Some(answer) = self.public.answer(req) {
            return ControlFlow::Break(answer);
        }
        let (page_path, data) = match data_route::parse(path, self.def.build_id) {
            DataPath::Page => (Cow::Borrowed(path), false),
            DataPath::Data(page_path) => (page_path, true),
            DataPath::NotFound => return ControlFlow::Break(self.missing(settings)),
        };
        let located = Located {
            page_path,
            data,
            locale: None,
            locale_prefix: 0,
        };
        match &self.def.i18n {
            None => ControlFlow::Continue(located),
            Some(i18n) => self.localize(req, settings, i18n, located),
        }
    }

    /// The locale prefix, matched case-insensitively; a path without one is in the default
    /// locale, except on the data route, where the client always writes it. `/` may
    /// redirect to the visitor's preferred locale.
    fn localize<'r>(
        &self,
        req: &HttpRequest,
        settings: &Settings,
        i18n: &I18n,
        located: Located<'r>,
    ) -> ControlFlow<HttpResponse, Located<'r>> {
        let Located {
            page_path, data, ..
        } = located;
        match i18n.path_locale(&page_path) {
            Some((locale, prefix)) => ControlFlow::Continue(Located {
                page_path: match page_path {
                    Cow::Borrowed(path) => Cow::Borrowed(without_prefix(path, prefix)),
                    Cow::Owned(path) => Cow::Owned(without_prefix(&path, prefix).to_owned()),
                },
                data,
                locale: Some(i18n.info(locale)),
                locale_prefix: prefix,
            }),
            None if data => ControlFlow::Break(self.missing(settings)),
            None => {
                if page_path == "/" {
                    if let Some(location) = i18n.root_redirect(req) {
                        return ControlFlow::Break(
                            HttpResponse::TemporaryRedirect()
                                .insert_header((header::LOCATION, location.as_str()))
                                .body(location),
                        );
                    }
                }
                ControlFlow::Continue(Located {
                    page_path,
                    data,
                    locale: Some(i18n.info(i18n.default_locale())),
                    locale_prefix: 0,
                })
            }
        }
    }

    /// What the matched route answers for this request: the page kind is read here, once.
    fn classify(
        &self,
        req: &HttpRequest,
        settings: &Settings,
        located: Located<'_>,
        index: usize,
        params: Params,
    ) -> Routed {
        let markup = req.headers().contains_key(RENDER_HEADER_NAME);
        let Located {
            page_path,
            data,
            locale,
            locale_prefix,
        } = located;
        let (target, kind) = match (self.def.routes[index].handler(), data) {
            (PageHandler::ServerSide(run), false) => (Target::ServerSide(run), Kind::Html),
            (PageHandler::Static(_), false) => (Target::Static, Kind::Html),
            // Only pages with a props function have a data route, as in Next.js; the client
            // router also asks static pages for their markup.
            (PageHandler::ServerSide(run), true) if markup => {
                (Target::ServerSide(run), Kind::Transition)
            }
            (PageHandler::ServerSide(run), true) => (Target::ServerSide(run), Kind::Data),
            (PageHandler::Static(_), true) if markup => (Target::Static, Kind::Transition),
            // API routes are not localized: `/fr/api/x` is no API route.
            (PageHandler::Api(call), false) if locale_prefix == 0 => {
                return Routed::Api { index, call }
            }
            (PageHandler::Static(_) | PageHandler::Api(_), _) => {
                return Routed::Done(self.missing(settings))
            }
        };
        Routed::Page(PageRequest {
            index,
            target,
            params,
            kind,
            matched: req.headers().contains_key(NEXTJS_DATA_HEADER),
            data_path: data.then(|| page_path.into_owned()),
            locale,
            locale_prefix,
            payload: Payload::None,
        })
    }
}

impl Site {
    /// The 404 page for a URL nothing answers.
    fn missing(&self, settings: &Settings) -> HttpResponse {
        self.not_found(settings, ResponseParts::default(), false)
    }
}

/// `path` without its first `prefix` bytes (a locale prefix): `/fr/x` is `/x`, `/fr` is `/`.
fn without_prefix(path: &str, prefix: usize) -> &str {
    match &path[prefix..] {
        "" => "/",
        rest => rest,
    }
}
