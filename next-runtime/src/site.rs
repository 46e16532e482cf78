//! The site: the generated route table made ready to serve (router, pre-rendered static and
//! error pages), and the one actix service that answers every page and data request.
//!
//! Every request takes the same path: canonical URL → data-route prefix → match → context
//! → props function → status decided → HTML or JSON. HTML and the data route share all of
//! it but the last step.

use std::borrow::Cow;
use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::sync::{Arc, Once, OnceLock};

use actix_web::dev::{fn_service, ResourceDef, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::http::{Method, StatusCode};
use actix_web::web::{Bytes, ServiceConfig};
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use futures_util::FutureExt;
use maud::Markup;

use crate::client::{RouterScript, RENDER_HEADER};
use crate::context::{Context, Params, Query, ResponseParts};
use crate::data_route::{self, DataPath};
use crate::errors::{dev_error_document, ErrorPages};
use crate::handler::{panic_message, render_page, Outcome, PageHandler, Render};
use crate::i18n::{I18n, LocaleInfo};
use crate::preview::{has_preview_cookie, PreviewKeys, PreviewState};
use crate::render::NextData;
use crate::response::{
    apply_parts, check_redirect, error_page, etag, not_modified, redirect_response, with_etag,
    DEV_NO_STORE, HTML, JSON, PRIVATE_NO_CACHE,
};
use crate::router::{canonical_path, Router};
use crate::routes::{parse_pattern, Segment};
use crate::shared_cache::{Lookup, SharedCache};
use crate::shell::{Document, Shell};
use crate::{Error, RouteInfo, Settings};

/// Everything the generated `pages` module knows, as one static value.
#[doc(hidden)]
pub struct SiteDef {
    build_id: &'static str,
    routes: &'static [RouteInfo],
    not_found: Option<PageHandler>,
    internal_error: Option<PageHandler>,
    app: Option<fn(Markup) -> Markup>,
    document: Option<fn() -> Document>,
    i18n: Option<I18n>,
    site: OnceLock<Site>,
}

/// The generated code's builder: `SiteDef::new(BUILD_ID, ROUTES).not_found(..)...`, one
/// call per special file present.
impl SiteDef {
    pub const fn new(build_id: &'static str, routes: &'static [RouteInfo]) -> Self {
        SiteDef {
            build_id,
            routes,
            not_found: None,
            internal_error: None,
            app: None,
            document: None,
            i18n: None,
            site: OnceLock::new(),
        }
    }

    /// `404.rs`.
    pub const fn not_found(mut self, page: PageHandler) -> Self {
        self.not_found = Some(page);
        self
    }

    /// `500.rs`.
    pub const fn internal_error(mut self, page: PageHandler) -> Self {
        self.internal_error = Some(page);
        self
    }

    /// `_app.rs`.
    pub const fn app(mut self, app: fn(Markup) -> Markup) -> Self {
        self.app = Some(app);
        self
    }

    /// `_document.rs`.
    pub const fn document(mut self, document: fn() -> Document) -> Self {
        self.document = Some(document);
        self
    }

    /// The locales configured in `build.rs`.
    pub const fn i18n(mut self, i18n: I18n) -> Self {
        self.i18n = Some(i18n);
        self
    }

    /// The served site, prepared on first use and shared by every worker.
    fn site(&'static self) -> &'static Site {
        self.site.get_or_init(|| Site::new(self))
    }
}

/// Mounts the site on an actix app as its default service, so routes the app registers
/// itself still take precedence.
#[doc(hidden)]
pub fn configure(cfg: &mut ServiceConfig, def: &'static SiteDef, settings: Settings) {
    let site = def.site();
    let worker = Rc::new(Worker {
        preview: Rc::new(PreviewKeys::new(
            settings.preview_secret.as_ref(),
            settings.dev,
        )),
        // One cache for the whole process, made by the first worker that asks for one.
        cache: settings
            .shared_cache_bytes
            .map(|bytes| site.shared_cache.get_or_init(|| SharedCache::new(bytes))),
        settings,
    });
    announce_mode(worker.settings.dev);
    cfg.default_service(fn_service(move |sreq: ServiceRequest| {
        let worker = Rc::clone(&worker);
        async move { Ok::<_, actix_web::Error>(site.serve(sreq, worker).await) }
    }));
}

/// Says once per process and mode which mode serves, on stderr unless the app installed a
/// `tracing` subscriber: dev mode shows error details to every visitor, so it must not go
/// unnoticed in production.
fn announce_mode(dev: bool) {
    static DEV: Once = Once::new();
    static PRODUCTION: Once = Once::new();
    let (once, line) = if dev {
        (&DEV, "next-runtime: dev mode: error details are shown to every visitor and nothing is cached; set NEXT_DEV=0 or build with --release for production")
    } else {
        (
            &PRODUCTION,
            "next-runtime: production mode: error details stay in the log",
        )
    };
    once.call_once(|| {
        if tracing::dispatcher::has_been_set() {
            if dev {
                tracing::warn!("{line}");
            } else {
                tracing::info!("{line}");
            }
        } else {
            eprintln!("{line}");
        }
    });
}

/// What one worker serves with: its settings and what is made from them.
struct Worker {
    settings: Settings,
    /// The draft-mode keys; API routes find them in the request's extensions.
    preview: Rc<PreviewKeys>,
    cache: Option<&'static SharedCache>,
}

struct Site {
    def: &'static SiteDef,
    router: Router,
    /// Each static route's document and its ETag, by [`Site::slot`] (`None`: a page with a
    /// props function, or a static page that panicked while rendering).
    static_pages: Vec<Option<StaticPage>>,
    router_script: RouterScript,
    errors: ErrorPages,
    /// One shell per locale (`<html lang>` and links differ), or one without locales.
    shells: Vec<Shell>,
    /// Each API route's pattern for actix (`/api/users/{id}`), by route index, so that
    /// `web::Path` extractors see the params.
    api_resources: Vec<Option<ResourceDef>>,
    /// The shared response cache, once a worker is configured with one.
    shared_cache: OnceLock<SharedCache>,
}

/// Where routing sent a request.
enum Routed {
    /// Answered already: a redirect, a 400 or a 404.
    Done(HttpResponse),
    /// An API route: actix-web runs its handler, extractors and all.
    Api(usize),
    /// A page, or its data.
    Page(PageRequest),
}

/// A routed page request: everything needed to render it, now or in the background.
struct PageRequest {
    index: usize,
    params: Params,
    /// The page's path for a data request (`None`: an HTML request).
    data_path: Option<String>,
    /// The request's locale, in an app with locales.
    locale: Option<LocaleInfo>,
    /// How many bytes of the request path are its locale prefix (`/fr`).
    locale_prefix: usize,
    /// The client router's request for the page's markup too (`x-next-render`).
    markup: bool,
}

impl PageRequest {
    fn page_path<'r>(&'r self, req: &'r HttpRequest) -> &'r str {
        page_path(&self.data_path, self.locale_prefix, req)
    }

    /// The shared cache's key, before `Vary`: what is answered (HTML, data, data with
    /// markup), for which scheme and host (as `connection_info` reads them, forwarded
    /// headers included: what a page can see), in which locale, for which path and query.
    fn cache_key(&self, req: &HttpRequest) -> String {
        let kind = match (&self.data_path, self.markup) {
            (None, _) => "html",
            (Some(_), true) => "data+markup",
            (Some(_), false) if req.headers().contains_key("x-nextjs-data") => "data+matched",
            (Some(_), false) => "data",
        };
        let locale = self.locale.map_or("", |info| info.locale);
        let origin = req.connection_info();
        format!(
            "{kind}\n{}://{}\n{locale}\n{}?{}",
            origin.scheme(),
            origin.host(),
            self.page_path(req),
            req.query_string()
        )
    }
}

/// A static page, rendered at start-up: its document, and its markup for the client router.
struct StaticPage {
    document: Bytes,
    document_etag: String,
    transition: Bytes,
    transition_etag: String,
}

impl StaticPage {
    /// Renders a static page at start-up, in the shell's locale.
    fn render(
        route: &RouteInfo,
        shell: &Shell,
        build_id: &str,
        render: fn() -> crate::Page,
    ) -> Result<Self, Error> {
        let page = render_page(route.pattern(), shell.locale, render)?;
        let next_data = NextData {
            page_props: None,
            page: route.pattern(),
            query: "{}",
            build_id,
            locale: shell.locale,
            is_preview: false,
        }
        .to_json();
        let parts = shell.render_parts(page)?;
        let document = Bytes::from(shell.document(&parts, &next_data));
        let transition = Bytes::from(parts.transition_json(None, false, &next_data));
        Ok(StaticPage {
            document_etag: etag(&document),
            document,
            transition_etag: etag(&transition),
            transition,
        })
    }
}

/// One request on its way through the pipeline.
struct Request<'r> {
    req: &'r HttpRequest,
    settings: &'r Settings,
    preview: &'r PreviewKeys,
    /// A `/_next/data/...` request: answer JSON.
    data: bool,
    /// The client router's request for the page's markup too (`x-next-render`); without
    /// it, a data request never renders the page.
    markup: bool,
    /// The page's path: without the data-route wrapping and the locale prefix.
    page_path: &'r str,
    /// The request's locale, in an app with locales.
    locale: Option<LocaleInfo>,
}

impl Site {
    fn new(def: &'static SiteDef) -> Self {
        let router = Router::new(def.routes).unwrap_or_else(|err| {
            panic!("next-runtime: the generated route table is invalid (please report this bug): {err}")
        });
        let document = match def.document {
            Some(document) => std::panic::catch_unwind(document).unwrap_or_else(|_| {
                tracing::error!("_document.rs panicked; using the default document");
                Document::default()
            }),
            None => Document::default(),
        };
        let router_script = RouterScript::new();
        let locales: Vec<Option<LocaleInfo>> = match &def.i18n {
            Some(i18n) => i18n.locales().iter().map(|l| Some(i18n.info(l))).collect(),
            None => vec![None],
        };
        let shells: Vec<Shell> = locales
            .iter()
            .map(|&locale| Shell::new(&document, Some(&router_script.url), def.app, locale))
            .collect();
        let static_pages = def
            .routes
            .iter()
            .flat_map(|route| shells.iter().map(move |shell| (route, shell)))
            .map(|(route, shell)| match route.handler() {
                PageHandler::Static(render) => {
                    let page = StaticPage::render(route, shell, def.build_id, render);
                    page.map_err(|error| {
                        tracing::error!(page = route.pattern(), %error, "static page failed to render; it will answer 500");
                    })
                    .ok()
                }
                PageHandler::ServerSide(_) | PageHandler::Api(_) => None,
            })
            .collect();
        // Error pages are rendered once, in the default locale.
        let default_locale = def.i18n.map(|i18n| i18n.default_locale());
        let default_shell = shells
            .iter()
            .find(|shell| shell.locale.map(|info| info.locale) == default_locale)
            .unwrap_or(&shells[0]);
        let errors = ErrorPages::render(
            default_shell,
            def.build_id,
            def.not_found,
            def.internal_error,
        );
        let api_resources = def
            .routes
            .iter()
            .map(|route| match route.handler() {
                PageHandler::Api(_) => Some(api_resource(route.pattern())),
                _ => None,
            })
            .collect();
        Site {
            shared_cache: OnceLock::new(),
            api_resources,
            router_script,
            def,
            router,
            static_pages,
            errors,
            shells,
        }
    }

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

    /// Routes a request once, then serves it as a page, its data, or an API call.
    ///
    /// Each branch is a net for panics: whatever panics while answering (our code, a
    /// user's extractor, `_app`...), the client gets the 500 page and the connection stays
    /// open for its next request.
    async fn serve(&'static self, mut sreq: ServiceRequest, worker: Rc<Worker>) -> ServiceResponse {
        let settings = &worker.settings;
        if let Err(exceeded) = crate::limits::check(sreq.request()) {
            tracing::debug!(url = %sreq.uri(), %exceeded, "request over a limit");
            let page = self.errors.over_limit(exceeded);
            return sreq.into_response(error_page(exceeded.status(), page));
        }
        let markup = sreq.headers().contains_key(RENDER_HEADER);
        let routed = std::panic::catch_unwind(AssertUnwindSafe(|| {
            self.route(sreq.request(), markup, settings)
        }));
        let routed = match routed {
            Ok(routed) => routed,
            Err(panic) => {
                let response = self.panicked(settings.dev, sreq.request(), panic);
                return sreq.into_response(response);
            }
        };
        match routed {
            Routed::Done(response) => sreq.into_response(response),
            Routed::Api(index) => {
                if let Some(resource) = &self.api_resources[index] {
                    resource.capture_match_info(&mut sreq);
                }
                sreq.extensions_mut().insert(Rc::clone(&worker.preview));
                let (req, payload) = sreq.into_parts();
                let PageHandler::Api(call) = self.def.routes[index].handler() else {
                    unreachable!("routed as an API route")
                };
                let response = AssertUnwindSafe(call(req.clone(), payload)).catch_unwind();
                let response = response
                    .await
                    .unwrap_or_else(|panic| self.panicked(settings.dev, &req, panic));
                ServiceResponse::new(req, response)
            }
            Routed::Page(page) => {
                let (req, _payload) = sreq.into_parts();
                let dev = settings.dev;
                let response = AssertUnwindSafe(async {
                    match self.shared_cache(&worker, &req, &page) {
                        Some(cache) => self.cached(cache, worker, &req, page).await,
                        None => self.render(&req, &worker, page).await,
                    }
                });
                let response = match response.catch_unwind().await {
                    Ok(response) => not_modified(&req, response),
                    Err(panic) => self.panicked(dev, &req, panic),
                };
                ServiceResponse::new(req, response)
            }
        }
    }

    /// Renders a page request.
    async fn render(&self, req: &HttpRequest, worker: &Worker, page: PageRequest) -> HttpResponse {
        let PageRequest {
            index,
            params,
            data_path,
            locale,
            locale_prefix,
            markup,
        } = page;
        let request = Request {
            req,
            settings: &worker.settings,
            preview: &worker.preview,
            data: data_path.is_some(),
            markup,
            page_path: page_path(&data_path, locale_prefix, req),
            locale,
        };
        self.page(&request, index, params).await
    }

    /// The shared cache, if it may answer this request: enabled, a page with a props
    /// function, a GET or HEAD without `Authorization` and outside draft mode.
    fn shared_cache(
        &self,
        worker: &Worker,
        req: &HttpRequest,
        page: &PageRequest,
    ) -> Option<&'static SharedCache> {
        let cache = worker.cache.filter(|_| !worker.settings.dev)?;
        let shareable = matches!(
            self.def.routes[page.index].handler(),
            PageHandler::ServerSide(_)
        ) && matches!(*req.method(), Method::GET | Method::HEAD)
            && !req.headers().contains_key(header::AUTHORIZATION)
            && !has_preview_cookie(req);
        shareable.then_some(cache)
    }

    /// A page through the shared cache: a hit as stored, a stale hit while one background
    /// render refreshes it, a miss rendered once however many requests wait for it.
    async fn cached(
        &'static self,
        cache: &'static SharedCache,
        worker: Rc<Worker>,
        req: &HttpRequest,
        page: PageRequest,
    ) -> HttpResponse {
        let primary = page.cache_key(req);
        // A request waiting for another one's render waits no longer than a render may take.
        let timeout = worker.settings.props_timeout;
        match cache.lookup(&primary, req.headers(), timeout).await {
            Lookup::Hit {
                stored,
                stale,
                revalidate,
            } => {
                if revalidate {
                    let (req, stale_entry) = (req.clone(), Arc::clone(&stored));
                    actix_web::rt::spawn(async move {
                        let fresh = self.render(&req, &worker, page).await;
                        cache.refresh(&stale_entry, &primary, &req, fresh);
                    });
                }
                stored.respond(stale)
            }
            Lookup::Miss(fill) | Lookup::Pass(fill) => {
                let fresh = self.render(req, &worker, page).await;
                cache.fill(fill, &primary, req, fresh)
            }
            Lookup::Failed(failure) => failure.respond_failed(),
            Lookup::TimedOut => self.timed_out(worker.settings.dev, req, None, timeout),
        }
    }

    /// Canonical URL, data-route prefix, locale, then the route tree.
    fn route(&self, req: &HttpRequest, markup: bool, settings: &Settings) -> Routed {
        let (path, query) = (req.path(), req.query_string());
        if path == self.router_script.url {
            return Routed::Done(self.router_script.response());
        }
        if let Some(clean) = canonical_path(path) {
            let location = match query {
                "" => clean,
                query => format!("{clean}?{query}"),
            };
            return Routed::Done(
                HttpResponse::PermanentRedirect()
                    .insert_header((header::LOCATION, location))
                    .finish(),
            );
        }
        let (page_path, data) = match data_route::parse(path, self.def.build_id) {
            DataPath::Page => (Cow::Borrowed(path), false),
            DataPath::Data(page_path) => (page_path, true),
            DataPath::NotFound => {
                return Routed::Done(self.not_found(settings, ResponseParts::default()))
            }
        };
        // The locale prefix, matched case-insensitively; a path without one is in the
        // default locale, except on the data route, where the client always writes it.
        let (locale, locale_prefix, page_path) = match &self.def.i18n {
            None => (None, 0, page_path),
            Some(i18n) => match i18n.path_locale(&page_path) {
                Some((locale, prefix)) => {
                    let rest = match page_path {
                        Cow::Borrowed(path) => Cow::Borrowed(without_prefix(path, prefix)),
                        Cow::Owned(path) => Cow::Owned(without_prefix(&path, prefix).to_owned()),
                    };
                    (Some(i18n.info(locale)), prefix, rest)
                }
                None if data => {
                    return Routed::Done(self.not_found(settings, ResponseParts::default()))
                }
                None => {
                    if page_path == "/" {
                        if let Some(location) = i18n.root_redirect(req) {
                            return Routed::Done(
                                HttpResponse::TemporaryRedirect()
                                    .insert_header((header::LOCATION, location.as_str()))
                                    .body(location),
                            );
                        }
                    }
                    (Some(i18n.info(i18n.default_locale())), 0, page_path)
                }
            },
        };
        let (index, params) = match self.router.find(&page_path) {
            Ok(Some(found)) => found,
            Ok(None) => return Routed::Done(self.not_found(settings, ResponseParts::default())),
            Err(error) => {
                tracing::debug!(path, %error, "bad request path");
                return Routed::Done(error_page(
                    StatusCode::BAD_REQUEST,
                    self.errors.bad_request.clone(),
                ));
            }
        };
        let page = |data_path: Option<String>| {
            Routed::Page(PageRequest {
                index,
                params,
                data_path,
                locale,
                locale_prefix,
                markup,
            })
        };
        match self.def.routes[index].handler() {
            // Only pages with a props function have a data route, as in Next.js; the client
            // router also asks static pages for their markup.
            PageHandler::ServerSide(_) if data => page(Some(page_path.into_owned())),
            PageHandler::Static(_) if data && markup => page(Some(page_path.into_owned())),
            PageHandler::Static(_) | PageHandler::Api(_) if data => {
                Routed::Done(self.not_found(settings, ResponseParts::default()))
            }
            // API routes are not localized: `/fr/api/x` is no API route.
            PageHandler::Api(_) if locale_prefix > 0 => {
                Routed::Done(self.not_found(settings, ResponseParts::default()))
            }
            PageHandler::Api(_) => Routed::Api(index),
            PageHandler::Static(_) | PageHandler::ServerSide(_) => page(None),
        }
    }

    /// A page (static or with a props function), or the data of one.
    async fn page(&self, request: &Request<'_>, index: usize, params: Params) -> HttpResponse {
        let req = request.req;
        let route = &self.def.routes[index];
        let run = match route.handler() {
            PageHandler::ServerSide(run) => run,
            PageHandler::Static(_) | PageHandler::Api(_) => {
                return self.serve_static(request, index, route)
            }
        };
        let page_path = request.page_path;
        let mut query = Query::parse(req.query_string());
        query.merge_params(&params);
        let resolved_url = match req.query_string() {
            "" => page_path.to_owned(),
            qs => format!("{page_path}?{qs}"),
        };
        // Written out now: the context takes the query itself.
        let query_json = query.to_json();
        let (preview_data, clear_preview) = match request.preview.read(req) {
            PreviewState::On(data) => (Some(data), false),
            PreviewState::Off => (None, false),
            PreviewState::Clear => (None, true),
        };
        let preview = preview_data.is_some();
        let ctx = Context::new(req.clone(), params, query, resolved_url)
            .in_locale(request.locale)
            .in_preview(preview_data);
        let res = ctx.res.clone();
        let render = if request.data && !request.markup {
            Render::PropsOnly
        } else {
            Render::Html
        };
        let timeout = request.settings.props_timeout;
        let outcome =
            match actix_web::rt::time::timeout(timeout, run(ctx, render, route.pattern())).await {
                Ok(outcome) => outcome,
                Err(_elapsed) => {
                    return self.timed_out(request.settings.dev, req, Some(route), timeout)
                }
            };
        let mut parts = res.take();
        if preview {
            // "Draft mode should never be cached", whatever the page set.
            let private = header::HeaderValue::from_static(PRIVATE_NO_CACHE);
            parts.headers.insert(header::CACHE_CONTROL, private);
        }
        if clear_preview {
            parts.cookies.extend(request.preview.clearing_cookies());
        }
        match outcome {
            Ok(_) if !parts.errors.is_empty() => {
                self.internal_error(request, route, Error::msg(parts.errors.join("\n")))
            }
            Ok(outcome) => self.respond(request, route, &query_json, outcome, parts, preview),
            Err(error) => self.internal_error(request, route, error),
        }
    }

    fn serve_static(&self, request: &Request<'_>, index: usize, route: &RouteInfo) -> HttpResponse {
        if !matches!(*request.req.method(), Method::GET | Method::HEAD) {
            return HttpResponse::MethodNotAllowed()
                .insert_header((header::ALLOW, "GET, HEAD"))
                .finish();
        }
        let locale = request.locale.map(|info| info.locale);
        let Some(page) = &self.static_pages[self.slot(index, locale)] else {
            let error = Error::msg("the page panicked while rendering at start-up");
            return self.internal_error(request, route, error);
        };
        let mut response = HttpResponse::Ok();
        if request.settings.dev {
            response.insert_header((header::CACHE_CONTROL, DEV_NO_STORE));
        }
        if request.data {
            // Routed here only with the client router's header.
            response
                .content_type(JSON)
                .insert_header((header::VARY, RENDER_HEADER));
            return with_etag(
                &mut response,
                &page.transition_etag,
                page.transition.clone(),
            );
        }
        response.content_type(HTML);
        with_etag(&mut response, &page.document_etag, page.document.clone())
    }

    fn respond(
        &self,
        request: &Request<'_>,
        route: &RouteInfo,
        query_json: &str,
        outcome: Outcome,
        parts: ResponseParts,
        preview: bool,
    ) -> HttpResponse {
        let dev = request.settings.dev;
        match outcome {
            Outcome::Props { json, page } => {
                let status = parts.status.unwrap_or(StatusCode::OK);
                let mut response = HttpResponse::build(status);
                let shell = self.shell(request.locale.map(|info| info.locale));
                let next_data = || {
                    NextData {
                        page_props: Some(&json),
                        page: route.pattern(),
                        query: query_json,
                        build_id: self.def.build_id,
                        locale: request.locale,
                        is_preview: preview,
                    }
                    .to_json()
                };
                let body = if request.data {
                    response
                        .content_type(JSON)
                        .insert_header((header::VARY, RENDER_HEADER));
                    if status == StatusCode::OK
                        && request.req.headers().contains_key("x-nextjs-data")
                    {
                        let matched = match request.locale {
                            Some(info) => format!("/{}{}", info.locale, route.pattern()),
                            None => route.pattern().to_owned(),
                        };
                        response.insert_header(("x-nextjs-matched-path", matched));
                    }
                    match page {
                        // The client router's request: Next's JSON plus the page's markup.
                        Some(page) if request.markup => match shell.render_parts(page) {
                            Ok(parts) => Bytes::from(parts.transition_json(
                                Some(&json),
                                preview,
                                &next_data(),
                            )),
                            Err(error) => return self.internal_error(request, route, error),
                        },
                        _ => Bytes::from(crate::render::props_json(Some(&json), preview)),
                    }
                } else {
                    response.content_type(HTML);
                    match shell.render(page.unwrap_or_default(), &next_data()) {
                        Ok(document) => Bytes::from(document),
                        Err(error) => return self.internal_error(request, route, error),
                    }
                };
                apply_parts(&mut response, parts, dev);
                if status == StatusCode::OK {
                    with_etag(&mut response, &etag(&body), body)
                } else {
                    response.body(body)
                }
            }
            Outcome::NotFound if request.data => {
                let mut response = HttpResponse::NotFound();
                response.content_type(JSON);
                apply_parts(&mut response, parts, dev).body(r#"{"notFound":true}"#)
            }
            Outcome::NotFound => self.not_found(request.settings, parts),
            Outcome::Redirect(redirect) => {
                if let Err(problem) = check_redirect(&redirect) {
                    let error = Error::msg(format!(
                        "Invalid redirect object returned from getServerSideProps for {}\n{problem}\nSee more info here: https://nextjs.org/docs/messages/invalid-redirect-gssp",
                        request.req.uri()
                    ));
                    return self.internal_error(request, route, error);
                }
                if request.data {
                    // The client follows it: a same-origin path as a transition.
                    let body = format!(
                        r#"{{"pageProps":{{"__N_REDIRECT":{},"__N_REDIRECT_STATUS":{}}},"__N_SSP":true}}"#,
                        crate::render::json_string(redirect.destination()),
                        redirect.status().as_u16()
                    );
                    let mut response = HttpResponse::Ok();
                    response.content_type(JSON);
                    return apply_parts(&mut response, parts, dev).body(body);
                }
                let mut response = redirect_response(&redirect);
                apply_parts(&mut response, parts, dev).body(redirect.destination().to_owned())
            }
        }
    }

    /// The 404 page, with whatever the props function set on `ctx.res`.
    fn not_found(&self, settings: &Settings, parts: ResponseParts) -> HttpResponse {
        let mut response = HttpResponse::NotFound();
        response.content_type(HTML);
        apply_parts(&mut response, parts, settings.dev).body(self.errors.not_found.clone())
    }

    /// A 500 for a failed props function or page, also for data requests (the client then
    /// loads the page in full): logged in full, shown only in dev mode.
    fn internal_error(
        &self,
        request: &Request<'_>,
        route: &RouteInfo,
        error: Error,
    ) -> HttpResponse {
        let status = StatusCode::INTERNAL_SERVER_ERROR;
        self.failure(
            request.settings.dev,
            request.req,
            Some(route),
            &error,
            status,
        )
    }

    /// The 500 page for a panic that reached [`Site::serve`].
    fn panicked(
        &self,
        dev: bool,
        req: &HttpRequest,
        panic: Box<dyn std::any::Any + Send>,
    ) -> HttpResponse {
        let error = Error::msg(format!("panicked: {}", panic_message(&*panic)));
        self.failure(dev, req, None, &error, StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// A 504 for a props function still running after `Settings::props_timeout`.
    fn timed_out(
        &self,
        dev: bool,
        req: &HttpRequest,
        route: Option<&RouteInfo>,
        timeout: std::time::Duration,
    ) -> HttpResponse {
        let what = match route {
            Some(route) => format!("getServerSideProps of \"{}\"", route.pattern()),
            None => "the render this request waited for".to_owned(),
        };
        let error = Error::msg(format!(
            "{what} did not finish within {timeout:?}; make it faster, or give it longer with `Settings::props_timeout`"
        ));
        self.failure(dev, req, route, &error, StatusCode::GATEWAY_TIMEOUT)
    }

    /// The 500 page with `status`, for anything that went wrong while answering: logged in
    /// full with the page file, shown over the page only in dev mode.
    fn failure(
        &self,
        dev: bool,
        req: &HttpRequest,
        route: Option<&RouteInfo>,
        error: &Error,
        status: StatusCode,
    ) -> HttpResponse {
        let (page, file) = route.map_or(("", ""), |route| (route.pattern(), route.file()));
        tracing::error!(
            page,
            file,
            url = %req.uri(),
            status = status.as_u16(),
            error = %error,
            "answering failed"
        );
        if dev {
            let file = if file.is_empty() { "(no page)" } else { file };
            let page = dev_error_document(&self.errors.internal_error, file, &error.to_string());
            return error_page(status, page);
        }
        error_page(status, self.errors.internal_error.clone())
    }
}

/// A page's path: without the data-route wrapping and the locale prefix.
fn page_path<'r>(
    data_path: &'r Option<String>,
    locale_prefix: usize,
    req: &'r HttpRequest,
) -> &'r str {
    match data_path {
        Some(path) => path,
        None => without_prefix(req.path(), locale_prefix),
    }
}

/// `path` without its first `prefix` bytes (a locale prefix): `/fr/x` is `/x`, `/fr` is `/`.
fn without_prefix(path: &str, prefix: usize) -> &str {
    match &path[prefix..] {
        "" => "/",
        rest => rest,
    }
}

/// The actix pattern of an API route: `[id]` is `{id}`, a catch-all takes the rest of the
/// path (`/a/b` gives `a/b`), and an optional one also matches its bare parent.
fn api_resource(pattern: &'static str) -> ResourceDef {
    let segments = parse_pattern(pattern).expect("the route table holds parsed patterns");
    let mut prefix = String::new();
    for segment in &segments {
        match segment {
            Segment::Static(name) => {
                prefix.push_str(&format!("/{}", name.replace('{', "{{").replace('}', "}}")))
            }
            Segment::Param(name) => prefix.push_str(&format!("/{{{name}}}")),
            Segment::CatchAll(name) => return ResourceDef::new(format!("{prefix}/{{{name}:.+}}")),
            Segment::OptionalCatchAll(name) => {
                let bare = if prefix.is_empty() {
                    "/".to_owned()
                } else {
                    prefix.clone()
                };
                return ResourceDef::new(vec![bare, format!("{prefix}/{{{name}:.*}}")]);
            }
        }
    }
    ResourceDef::new(if prefix.is_empty() {
        "/".to_owned()
    } else {
        prefix
    })
}

#[cfg(test)]
mod tests {
    use actix_web::{test, App};
    use futures_util::future::LocalBoxFuture;

    use super::*;
    use crate::checks::serialize_props;
    use crate::handler::server_side;
    use crate::ServerSideProps;

    fn failing(
        ctx: Context,
        render: Render,
        page: &'static str,
    ) -> LocalBoxFuture<'static, Result<Outcome, Error>> {
        let get_props = |_ctx| async { Err::<ServerSideProps<()>, _>(Error::msg("boom")) };
        server_side(ctx, render, page, get_props, serialize_props::<()>, |()| {
            maud::html! {}.into()
        })
    }

    static ROUTES: &[RouteInfo] = &[RouteInfo::new(
        "/fail",
        "fail.rs",
        PageHandler::ServerSide(failing),
    )];
    /// A site without `404.rs` or `500.rs`.
    static SITE: SiteDef = SiteDef::new("test-build", ROUTES);

    async fn get(uri: &str) -> (StatusCode, String) {
        let settings = Settings::from_env().dev(false);
        let app =
            test::init_service(App::new().configure(|cfg| configure(cfg, &SITE, settings))).await;
        let res = test::call_service(&app, test::TestRequest::get().uri(uri).to_request()).await;
        let status = res.status();
        (
            status,
            String::from_utf8(test::read_body(res).await.to_vec()).unwrap(),
        )
    }

    #[actix_web::test]
    async fn default_not_found_page_is_nexts() {
        let (status, body) = get("/missing").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(
            body.contains("<title>404: This page could not be found</title>"),
            "{body}"
        );
        assert!(body.contains("This page could not be found."));
    }

    #[actix_web::test]
    async fn default_error_page_is_nexts() {
        let (status, body) = get("/fail").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(
            body.contains("<title>500: Internal Server Error</title>"),
            "{body}"
        );
        assert!(!body.contains("boom"));
    }
}
