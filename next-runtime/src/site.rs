//! The site: the generated route table made ready to serve (router, pre-rendered static and
//! error pages), and the one actix service that answers every page request.

use std::sync::OnceLock;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::web::{self, Bytes, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};

use crate::context::{Context, Query, ResponseParts};
use crate::errors::{dev_error_document, ErrorPages};
use crate::handler::{render_page, Outcome, PageHandler, Render};
use crate::render::{document, NextData};
use crate::router::Router;
use crate::{Error, Redirect, RouteInfo, Settings};

use std::rc::Rc;

/// Next.js's default for pages with a props function: never cached.
const PRIVATE_NO_CACHE: &str = "private, no-cache, no-store, max-age=0, must-revalidate";
/// What error pages get (Next's `renderError`).
const ERROR_NO_CACHE: &str = "no-cache, no-store, max-age=0, must-revalidate";
const HTML: &str = "text/html; charset=utf-8";
/// Redirect statuses Next.js accepts (`redirect-status.ts`).
const REDIRECT_STATUSES: [u16; 5] = [301, 302, 303, 307, 308];

/// Everything the generated `pages` module knows, as one static value.
#[doc(hidden)]
pub struct SiteDef {
    build_id: &'static str,
    routes: &'static [RouteInfo],
    not_found: Option<PageHandler>,
    internal_error: Option<PageHandler>,
    site: OnceLock<Site>,
}

impl SiteDef {
    pub const fn new(
        build_id: &'static str,
        routes: &'static [RouteInfo],
        not_found: Option<PageHandler>,
        internal_error: Option<PageHandler>,
    ) -> Self {
        SiteDef {
            build_id,
            routes,
            not_found,
            internal_error,
            site: OnceLock::new(),
        }
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
    let settings = Rc::new(settings);
    cfg.default_service(web::to(move |req: HttpRequest| {
        let settings = Rc::clone(&settings);
        async move { site.handle(req, &settings).await }
    }));
}

struct Site {
    def: &'static SiteDef,
    router: Router,
    /// The rendered document of each static route, by route index (`None`: SSR page, or a
    /// static page that panicked while rendering).
    static_pages: Vec<Option<Bytes>>,
    errors: ErrorPages,
}

impl Site {
    fn new(def: &'static SiteDef) -> Self {
        let router = Router::new(def.routes).unwrap_or_else(|err| {
            panic!("next-runtime: the generated route table is invalid (please report this bug): {err}")
        });
        let static_pages = def
            .routes
            .iter()
            .map(|route| match route.handler() {
                PageHandler::Static(render) => match render_page(route.pattern(), render) {
                    Ok(body) => Some(Bytes::from(document(
                        body,
                        &NextData {
                            page_props: None,
                            page: route.pattern(),
                            query: "{}",
                            build_id: def.build_id,
                        },
                    ))),
                    Err(error) => {
                        tracing::error!(page = route.pattern(), %error, "static page failed to render; it will answer 500");
                        None
                    }
                },
                PageHandler::ServerSide(_) => None,
            })
            .collect();
        Site {
            def,
            router,
            static_pages,
            errors: ErrorPages::render(def.build_id, def.not_found, def.internal_error),
        }
    }

    async fn handle(&'static self, req: HttpRequest, settings: &Settings) -> HttpResponse {
        let (index, params) = match self.router.find(req.path()) {
            Ok(Some(found)) => found,
            Ok(None) => return self.not_found(ResponseParts::default()),
            Err(error) => {
                tracing::debug!(url = %req.uri(), %error, "bad request path");
                return error_response(StatusCode::BAD_REQUEST, self.errors.bad_request.clone());
            }
        };
        let route = &self.def.routes[index];
        match route.handler() {
            PageHandler::Static(_) => self.serve_static(&req, index, route, settings),
            PageHandler::ServerSide(run) => {
                let mut query = Query::parse(req.query_string());
                query.merge_params(&params);
                let resolved_url = match req.query_string() {
                    "" => req.path().to_owned(),
                    qs => format!("{}?{qs}", req.path()),
                };
                // Written out now: the context takes the query itself.
                let query_json = query.to_json();
                let ctx = Context::new(req.clone(), params, query, resolved_url);
                let res = ctx.res.clone();
                let outcome = run(ctx, Render::Html, route.pattern()).await;
                let parts = res.take();
                match outcome {
                    Ok(_) if !parts.errors.is_empty() => self.internal_error(
                        &req,
                        route,
                        settings,
                        Error::msg(parts.errors.join("\n")),
                    ),
                    Ok(outcome) => self.respond(&req, route, settings, &query_json, outcome, parts),
                    Err(error) => self.internal_error(&req, route, settings, error),
                }
            }
        }
    }

    fn serve_static(
        &self,
        req: &HttpRequest,
        index: usize,
        route: &RouteInfo,
        settings: &Settings,
    ) -> HttpResponse {
        if !matches!(*req.method(), Method::GET | Method::HEAD) {
            return HttpResponse::MethodNotAllowed()
                .insert_header((header::ALLOW, "GET, HEAD"))
                .finish();
        }
        match &self.static_pages[index] {
            Some(page) => HttpResponse::Ok().content_type(HTML).body(page.clone()),
            None => self.internal_error(
                req,
                route,
                settings,
                Error::msg("the page panicked while rendering at start-up"),
            ),
        }
    }

    fn respond(
        &self,
        req: &HttpRequest,
        route: &RouteInfo,
        settings: &Settings,
        query_json: &str,
        outcome: Outcome,
        parts: ResponseParts,
    ) -> HttpResponse {
        match outcome {
            Outcome::Props { json, body } => {
                let body = body.unwrap_or_default();
                let html = document(
                    body,
                    &NextData {
                        page_props: Some(&json),
                        page: route.pattern(),
                        query: query_json,
                        build_id: self.def.build_id,
                    },
                );
                let mut response = HttpResponse::build(parts.status.unwrap_or(StatusCode::OK));
                response.content_type(HTML);
                apply(&mut response, parts).body(html)
            }
            Outcome::NotFound => self.not_found(parts),
            Outcome::Redirect(redirect) => match redirect_response(&redirect) {
                Ok(mut response) => apply(&mut response, parts).body(redirect.destination().to_owned()),
                Err(error) => self.internal_error(
                    req,
                    route,
                    settings,
                    Error::msg(format!(
                        "Invalid redirect object returned from getServerSideProps for {}\n{error}\nSee more info here: https://nextjs.org/docs/messages/invalid-redirect-gssp",
                        req.uri()
                    )),
                ),
            },
        }
    }

    /// The 404 page, with whatever the props function set on `ctx.res`.
    fn not_found(&self, parts: ResponseParts) -> HttpResponse {
        let mut response = HttpResponse::NotFound();
        response.content_type(HTML);
        apply(&mut response, parts).body(self.errors.not_found.clone())
    }

    /// A 500 for a failed props function or page: logged in full, shown only in dev mode.
    fn internal_error(
        &self,
        req: &HttpRequest,
        route: &RouteInfo,
        settings: &Settings,
        error: Error,
    ) -> HttpResponse {
        tracing::error!(page = route.pattern(), file = route.file(), url = %req.uri(), error = %error, "page failed");
        if settings.dev {
            let page = dev_error_document(
                &self.errors.internal_error,
                route.file(),
                &error.to_string(),
            );
            return error_response(StatusCode::INTERNAL_SERVER_ERROR, page);
        }
        error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            self.errors.internal_error.clone(),
        )
    }
}

fn error_response(status: StatusCode, page: impl Into<Bytes>) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(HTML)
        .insert_header((header::CACHE_CONTROL, ERROR_NO_CACHE))
        .body(page.into())
}

/// The status and `Location` of a redirect, or Next's message for a status it rejects.
fn redirect_response(redirect: &Redirect) -> Result<HttpResponseBuilder, String> {
    let status = redirect.status();
    if !REDIRECT_STATUSES.contains(&status.as_u16()) {
        return Err(format!(
            "`statusCode` must undefined or one of 301, 302, 303, 307, 308 (received {}).",
            status.as_u16()
        ));
    }
    let location = HeaderValue::try_from(redirect.destination()).map_err(|_| {
        format!(
            "`destination` {:?} is not a valid header value.",
            redirect.destination()
        )
    })?;
    let mut response = HttpResponse::build(status);
    if status == StatusCode::PERMANENT_REDIRECT {
        // Like Next.js, for clients that ignore 308.
        response.insert_header((header::REFRESH, format!("0;url={}", redirect.destination())));
    }
    response.insert_header((header::LOCATION, location));
    Ok(response)
}

/// Adds what the props function set on `ctx.res`, plus the default caching header.
fn apply(response: &mut HttpResponseBuilder, parts: ResponseParts) -> &mut HttpResponseBuilder {
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        response.insert_header((header::CACHE_CONTROL, PRIVATE_NO_CACHE));
    }
    for (name, value) in parts.headers {
        response.insert_header((name, value));
    }
    for cookie in parts.cookies {
        response.cookie(cookie);
    }
    response
}
