//! Classifying a request, once: over a limit, the router script, a non-canonical URL, the
//! data-route prefix, the locale prefix, the match. What comes out knows everything later
//! steps ask: which page and of what kind, which response kind, which locale.

use std::borrow::Cow;
use std::ops::ControlFlow;

use actix_web::dev::Payload;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use super::Site;
use crate::client::{NEXTJS_DATA_HEADER, RENDER_HEADER_NAME};
use crate::context::{Params, Query, ResponseParts};
use crate::data_route::{self, DataPath};
use crate::handler::{ApiFn, PageHandler, ServerSideFn};
use crate::i18n::{under_base_path, LocaleInfo};
use crate::props::Redirect;
use crate::response::{cache_control, error_page, redirect_response, Source, JSON};
use crate::router::canonical_path;
use crate::rules::{Incoming, Paths, Phase, Rewritten, RuleSet};
use crate::wire;
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
    /// How many bytes of the request path, after the base path, are its locale prefix
    /// (`/fr`).
    pub locale_prefix: usize,
    /// How many bytes of the request path are the base path (`/shop`).
    pub base_len: usize,
    /// The request body, for the props function's extractors (set once routed).
    pub payload: Payload,
    /// Where a rewrite sent the request, if one did.
    pub rewritten: Option<Rewritten>,
    /// The middleware added request headers: never answered from, or stored in, the
    /// shared cache.
    pub private: bool,
}

impl PageRequest {
    /// The page's path as requested: without the data-route wrapping and the locale prefix
    /// (Next's `asPath`, before any rewrite).
    pub fn page_path<'r>(&'r self, req: &'r HttpRequest) -> &'r str {
        match &self.data_path {
            Some(path) => path,
            None => without_prefix(&req.path()[self.base_len..], self.locale_prefix),
        }
    }

    /// The path the page was matched at: where a rewrite sent it, else [`Self::page_path`]
    /// (the path of `ctx.resolved_url`).
    pub fn resolved_path<'r>(&'r self, req: &'r HttpRequest) -> &'r str {
        match &self.rewritten {
            Some(rewritten) => &rewritten.path,
            None => self.page_path(req),
        }
    }

    /// The query the page sees, as a query string: the request's, or the rewrite's.
    pub fn query_string<'r>(&'r self, req: &'r HttpRequest) -> Cow<'r, str> {
        match &self.rewritten {
            Some(rewritten) => Cow::Owned(rewritten.query.to_query_string()),
            None => Cow::Borrowed(req.query_string()),
        }
    }
}

/// A request's page path once the data-route and locale prefixes are read.
pub(super) struct Located<'r> {
    pub(super) page_path: Cow<'r, str>,
    pub(super) data: bool,
    pub(super) locale: Option<LocaleInfo>,
    pub(super) locale_prefix: usize,
    /// How many bytes of the request path are the base path (`/shop`).
    pub(super) base_len: usize,
}

impl Located<'_> {
    /// `/` without a locale prefix, where an app with locales may redirect the visitor
    /// to their preferred one.
    fn is_root_without_locale(&self) -> bool {
        !self.data && self.locale_prefix == 0 && self.page_path == "/"
    }
}

/// A redirect rule's `Location`: an internal one goes under the base path and keeps the
/// request's locale prefix.
fn redirect_location(
    base_path: &str,
    located: &Located<'_>,
    prefixed: bool,
    location: &str,
) -> String {
    if !prefixed {
        return location.to_owned();
    }
    let location = match located.locale {
        Some(info) if located.locale_prefix > 0 => format!("/{}{location}", info.locale),
        _ => location.to_owned(),
    };
    under_base_path(Cow::Owned(location), base_path).into_owned()
}

/// The path inside the base path: `/shop/a` is `/a`, `/shop` is `/`; `None` outside it.
fn strip_base_path<'p>(path: &'p str, base_path: &str) -> Option<&'p str> {
    if base_path.is_empty() {
        return Some(path);
    }
    match path.strip_prefix(base_path)? {
        "" => Some("/"),
        rest if rest.starts_with('/') => Some(rest),
        _ => None,
    }
}

/// The headers `build.rs`'s header rules add to the answer.
pub(super) type RuleHeaders = Vec<(HeaderName, HeaderValue)>;

/// Dispatch's result: routed, or waiting for the middleware.
pub(super) enum Dispatched {
    Routed(Routed, RuleHeaders),
    /// The middleware matches: run it, then [`Site::after_middleware`].
    Middleware(Pending),
}

/// A request the middleware must see before the rewrites: what the header rules added so
/// far, and its query, parsed. (Where it was located is found again afterwards:
/// [`Site::relocate`].)
pub(super) struct Pending {
    pub(super) headers: RuleHeaders,
    pub(super) query: Query,
}

impl Site {
    /// Classifies `req`; see [`Routed`]. With URL rules or a middleware, they run in
    /// Next's order; the headers the rules add come back with the answer.
    pub(super) fn dispatch(&self, req: &HttpRequest, settings: &Settings) -> Dispatched {
        let located = match self.locate(req, settings) {
            ControlFlow::Continue(located) => located,
            ControlFlow::Break(answer) => {
                return Dispatched::Routed(Routed::Done(answer), RuleHeaders::new())
            }
        };
        if self.rules.is_empty() && self.middleware.is_none() {
            let routed = self
                .fs_check(req, settings, &located, None)
                .unwrap_or_else(|| Routed::Done(self.missing(settings)));
            return Dispatched::Routed(routed, RuleHeaders::new());
        }
        let query = Query::parse(req.query_string());
        let incoming = Incoming {
            headers: req.headers(),
            query: &query,
        };
        let paths = Paths {
            inner: Some(&located.page_path),
            raw: req.path(),
        };
        let headers = self.rules.headers(paths, &incoming);
        if let Some(redirect) = self.rules.redirect(paths, &incoming) {
            let location = redirect_location(
                self.def.base_path,
                &located,
                redirect.prefixed,
                &redirect.location,
            );
            let answer = self.redirect_answer(settings, &located, location, redirect.status);
            return Dispatched::Routed(Routed::Done(answer), headers);
        }
        if self
            .middleware
            .as_ref()
            .is_some_and(|middleware| middleware.matches(&located.page_path))
        {
            return Dispatched::Middleware(Pending { headers, query });
        }
        let (routed, headers) =
            self.rewrite_and_route(req, settings, &located, &query, None, headers);
        Dispatched::Routed(routed, headers)
    }

    /// Next's order after the middleware: beforeFiles rewrites, public files and pages
    /// without params, afterFiles rewrites (each followed by the whole check), dynamic
    /// routes, fallback rewrites (the same), then 404. `query` is the request's, parsed;
    /// `rewritten`: where the middleware sent the request.
    pub(super) fn rewrite_and_route(
        &self,
        req: &HttpRequest,
        settings: &Settings,
        located: &Located<'_>,
        query: &Query,
        rewritten: Option<Rewritten>,
        headers: RuleHeaders,
    ) -> (Routed, RuleHeaders) {
        let mut state = Resolving {
            req,
            settings,
            located,
            query,
            rewritten,
            rewrites: 0,
            rules: &self.rules,
        };
        let mut from = 0;
        while let Some(next) = state.apply(Phase::BeforeFiles, from) {
            from = next;
        }
        let found = match self.fs_lookup(req, settings, located, state.rewritten.as_ref()) {
            Ok(routed) => Some(routed),
            Err(dynamic) => {
                let rewrites = state.rewrites;
                self.rewrite_phase(&mut state, Phase::AfterFiles)
                    .or_else(|| match state.rewrites == rewrites {
                        // The same path as the check before: its dynamic route, not found again.
                        true => dynamic.map(|(index, params)| {
                            self.classify(req, settings, located, index, params)
                        }),
                        false => self.fs_check_state(&state),
                    })
                    .or_else(|| self.rewrite_phase(&mut state, Phase::Fallback))
            }
        };
        match found {
            Some(routed) => (with_rewrite(routed, state.rewritten), headers),
            None => (Routed::Done(self.missing(settings)), headers),
        }
    }

    /// Each rule of an afterFiles or fallback phase in turn; after each that matches, the
    /// whole check at the rewritten path.
    fn rewrite_phase(&self, state: &mut Resolving<'_, '_>, phase: Phase) -> Option<Routed> {
        let mut from = 0;
        while let Some(next) = state.apply(phase, from) {
            if let Some(routed) = self.fs_check_state(state) {
                return Some(routed);
            }
            from = next;
        }
        None
    }

    fn fs_check_state(&self, state: &Resolving<'_, '_>) -> Option<Routed> {
        self.fs_check(
            state.req,
            state.settings,
            state.located,
            state.rewritten.as_ref(),
        )
    }

    /// Next's `check_fs` at `rewritten`'s path (else the located one): `Ok` for a public
    /// file or a page without params (or a 400 for a bad escape); `Err` with the dynamic
    /// route the path matched, if any, which is only tried after the afterFiles rewrites.
    fn fs_lookup(
        &self,
        req: &HttpRequest,
        settings: &Settings,
        located: &Located<'_>,
        rewritten: Option<&Rewritten>,
    ) -> Result<Routed, Option<(usize, Params)>> {
        let path = rewritten.map_or(&*located.page_path, |rewritten| &rewritten.path);
        // Public files have no locale and no data route.
        if !located.data && (rewritten.is_some() || located.locale_prefix == 0) {
            if let Some(answer) = self.public.answer(req, path) {
                return Ok(Routed::Done(answer));
            }
        }
        match self.router.find(path) {
            Ok(Some((index, params))) if self.router.is_dynamic(index) => {
                Err(Some((index, params)))
            }
            Ok(Some((index, params))) => Ok(self.classify(req, settings, located, index, params)),
            Ok(None) => Err(None),
            Err(error) => {
                tracing::debug!(path, %error, "bad request path");
                Ok(Routed::Done(error_page(
                    StatusCode::BAD_REQUEST,
                    self.errors.bad_request.clone(),
                )))
            }
        }
    }

    /// Next's `checkTrue`: a public file or any page at the path, dynamic routes too.
    fn fs_check(
        &self,
        req: &HttpRequest,
        settings: &Settings,
        located: &Located<'_>,
        rewritten: Option<&Rewritten>,
    ) -> Option<Routed> {
        match self.fs_lookup(req, settings, located, rewritten) {
            Ok(routed) => Some(routed),
            Err(dynamic) => {
                let (index, params) = dynamic?;
                Some(self.classify(req, settings, located, index, params))
            }
        }
    }

    /// A request outside the base path: only `outside_base_path()` header and redirect
    /// rules apply to it; otherwise it is 404.
    fn outside_base_path(&self, req: &HttpRequest, settings: &Settings) -> HttpResponse {
        let query = Query::parse(req.query_string());
        let incoming = Incoming {
            headers: req.headers(),
            query: &query,
        };
        let paths = Paths {
            inner: None,
            raw: req.path(),
        };
        let located = Located {
            page_path: Cow::Borrowed(req.path()),
            data: false,
            locale: None,
            locale_prefix: 0,
            base_len: 0,
        };
        let mut answer = match self.rules.redirect(paths, &incoming) {
            Some(redirect) => {
                self.redirect_answer(settings, &located, redirect.location, redirect.status)
            }
            None => self.missing(settings),
        };
        super::add_rule_headers(answer.headers_mut(), self.rules.headers(paths, &incoming));
        answer
    }

    /// A redirect's answer (a rule's or the middleware's): a `Location` (and, for 308,
    /// Next's `Refresh`) for a page; the data route's redirect props, which the client
    /// router follows, for data.
    pub(super) fn redirect_answer(
        &self,
        settings: &Settings,
        located: &Located<'_>,
        location: String,
        status: u16,
    ) -> HttpResponse {
        if located.data {
            let mut response = HttpResponse::Ok();
            response.content_type(JSON);
            if let Some(value) =
                cache_control(settings.dev, false, Source::Props { set_own: false })
            {
                response.insert_header((header::CACHE_CONTROL, value));
            }
            return response.body(wire::redirect(&location, status));
        }
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::TEMPORARY_REDIRECT);
        let redirect = Redirect::with_status(location, status);
        redirect_response(&redirect).body(redirect.destination().to_owned())
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
        let (full, query) = (req.path(), req.query_string());
        let inner = strip_base_path(full, self.def.base_path);
        if inner == Some(self.router_script.url.as_str()) {
            return ControlFlow::Break(self.router_script.response(req));
        }
        if let Some(clean) = canonical_path(full, self.def.trailing_slash) {
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
        let Some(path) = inner else {
            return ControlFlow::Break(self.outside_base_path(req, settings));
        };
        let Some(located) = self.place(path) else {
            return ControlFlow::Break(self.missing(settings));
        };
        match &self.def.i18n {
            Some(i18n) if located.is_root_without_locale() => match i18n.root_redirect(req) {
                Some(location) => {
                    let location =
                        under_base_path(Cow::Owned(location), self.def.base_path).into_owned();
                    ControlFlow::Break(
                        HttpResponse::TemporaryRedirect()
                            .insert_header((header::LOCATION, location.as_str()))
                            .body(location),
                    )
                }
                None => ControlFlow::Continue(located),
            },
            _ => ControlFlow::Continue(located),
        }
    }

    /// Where `path` (inside the base path) points: its page path without the data-route
    /// wrapping and the locale prefix (matched case-insensitively), and its locale. A path
    /// without a locale prefix is in the default locale, except on the data route, where
    /// the client always writes it. `None`: a data URL that can never match (another
    /// build, no `.json`, no locale). Pure: the middleware's [`NextUrl`](crate::middleware::NextUrl)
    /// is placed again from the request by the same rules.
    pub(super) fn place<'r>(&self, path: &'r str) -> Option<Located<'r>> {
        let (page_path, data) = match data_route::parse(path, self.def.build_id) {
            DataPath::Page => (Cow::Borrowed(path), false),
            DataPath::Data(page_path) => (page_path, true),
            DataPath::NotFound => return None,
        };
        let base_len = self.def.base_path.len();
        let Some(i18n) = &self.def.i18n else {
            return Some(Located {
                page_path,
                data,
                locale: None,
                locale_prefix: 0,
                base_len,
            });
        };
        match i18n.path_locale(&page_path) {
            Some((locale, prefix)) => Some(Located {
                page_path: match page_path {
                    Cow::Borrowed(path) => Cow::Borrowed(without_prefix(path, prefix)),
                    Cow::Owned(path) => Cow::Owned(without_prefix(&path, prefix).to_owned()),
                },
                data,
                locale: Some(i18n.info(locale)),
                locale_prefix: prefix,
                base_len,
            }),
            None if data => None,
            None => Some(Located {
                page_path,
                data,
                locale: Some(i18n.info(i18n.default_locale())),
                locale_prefix: 0,
                base_len,
            }),
        }
    }

    /// The page path inside the base path of a request that [`Self::locate`] let through
    /// (the middleware ran for it): placed again, which costs less than keeping a copy.
    pub(super) fn relocate<'r>(&self, req: &'r HttpRequest) -> Located<'r> {
        self.relocate_checked(req)
            .expect("the request was located before the middleware ran")
    }

    /// Where `req` points, if it is inside the base path and could be placed.
    pub(super) fn relocate_checked<'r>(&self, req: &'r HttpRequest) -> Option<Located<'r>> {
        self.place(strip_base_path(req.path(), self.def.base_path)?)
    }

    /// What the matched route answers for this request: the page kind is read here, once.
    fn classify(
        &self,
        req: &HttpRequest,
        settings: &Settings,
        located: &Located<'_>,
        index: usize,
        params: Params,
    ) -> Routed {
        let markup = req.headers().contains_key(RENDER_HEADER_NAME);
        let Located {
            ref page_path,
            data,
            locale,
            locale_prefix,
            base_len,
        } = *located;
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
            data_path: data.then(|| page_path.clone().into_owned()),
            locale,
            locale_prefix,
            base_len,
            payload: Payload::None,
            rewritten: None,
            private: false,
        })
    }
}

/// A request on its way through the rewrites: where they sent it so far.
struct Resolving<'a, 'r> {
    req: &'r HttpRequest,
    settings: &'a Settings,
    located: &'a Located<'r>,
    /// The request's own query.
    query: &'a Query,
    rewritten: Option<Rewritten>,
    /// How many rewrites applied so far.
    rewrites: usize,
    /// The site's URL rules.
    rules: &'a RuleSet,
}

impl Resolving<'_, '_> {
    /// Applies the first rule of `phase` from `from` on that matches the path and query as
    /// rewritten so far; the index to go on from, or `None` when none matched.
    fn apply(&mut self, phase: Phase, from: usize) -> Option<usize> {
        let (path, query) = match &self.rewritten {
            Some(rewritten) => (rewritten.path.as_str(), &rewritten.query),
            None => (&*self.located.page_path, self.query),
        };
        let paths = Paths {
            inner: Some(path),
            raw: self.req.path(),
        };
        let incoming = Incoming {
            headers: self.req.headers(),
            query,
        };
        let (index, next) = self.rules.next_rewrite(phase, from, paths, &incoming)?;
        self.rewritten = Some(next);
        self.rewrites += 1;
        Some(index + 1)
    }
}

/// A page request remembers where a rewrite sent it.
fn with_rewrite(routed: Routed, rewritten: Option<Rewritten>) -> Routed {
    match routed {
        Routed::Page(mut page) => {
            page.rewritten = rewritten;
            Routed::Page(page)
        }
        other => other,
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
