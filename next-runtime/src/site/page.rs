//! Running a page: the context built from the request, the props function under its
//! timeout, and static pages served as rendered at start-up.

use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::http::{header, Method};
use actix_web::{HttpRequest, HttpResponse};

use super::dispatch::{Kind, PageRequest, Target};
use super::{Site, Worker};
use crate::client::RENDER_HEADER;
use crate::compress::{self, Precompressed};
use crate::context::{Context, Params, Query};
use crate::handler::{Render, ServerSideFn};
use crate::i18n::LocaleInfo;
use crate::preview::{PreviewKeys, PreviewState};
use crate::response::{cache_control, with_etag, Source, HTML, JSON};
use crate::rules::Rewritten;
use crate::{Error, RouteInfo, Settings};

/// One page request on its way to a response.
pub(super) struct Request<'r> {
    pub req: &'r HttpRequest,
    pub settings: &'r Settings,
    pub preview: &'r PreviewKeys,
    pub kind: Kind,
    /// Next's client asked (`x-nextjs-data`): a data answer names the matched route.
    pub matched: bool,
    /// The page's path: without the data-route wrapping and the locale prefix.
    pub page_path: &'r str,
    /// Where a rewrite sent the request: its path (for `ctx.resolved_url`) and the query
    /// the page sees.
    pub rewritten: Option<&'r Rewritten>,
    /// The request's locale, in an app with locales.
    pub locale: Option<LocaleInfo>,
}

/// What a props function's run left for the response.
pub(super) struct Ran {
    /// `__NEXT_DATA__`'s `query`, as JSON.
    pub query_json: String,
    /// Draft or preview mode: `__N_PREVIEW`, `isPreview`, a private `Cache-Control`.
    pub draft: bool,
}

impl Site {
    /// Renders a page request (static, or with a props function), for HTML or data.
    pub(super) async fn render(
        &'static self,
        req: &HttpRequest,
        worker: &Worker,
        mut page: PageRequest,
    ) -> HttpResponse {
        let params = std::mem::take(&mut page.params);
        let payload = std::mem::replace(&mut page.payload, Payload::None);
        let request = Request {
            req,
            settings: &worker.settings,
            preview: &worker.preview,
            kind: page.kind,
            matched: page.matched,
            page_path: page.page_path(req),
            rewritten: page.rewritten.as_ref(),
            locale: page.locale,
        };
        let route = &self.def.routes[page.index];
        match page.target {
            Target::Static => self.serve_static(&request, page.index, route),
            Target::ServerSide(run) => self.run(&request, route, run, params, payload).await,
            Target::Generated(render) => {
                self.serve_generated(&request, page.index, render, params)
                    .await
            }
        }
    }

    /// The props function, then its outcome as a response.
    async fn run(
        &self,
        request: &Request<'_>,
        route: &RouteInfo,
        run: ServerSideFn,
        params: Params,
        payload: Payload,
    ) -> HttpResponse {
        let req = request.req;
        // After a rewrite: its query (the request's, the destination's, unused params),
        // and `resolvedUrl` is the rewritten path with the request's own query, as in Next.
        let (mut query, resolved_path) = match request.rewritten {
            Some(rewritten) => (rewritten.query.clone(), rewritten.path.as_str()),
            None => (Query::parse(req.query_string()), request.page_path),
        };
        query.merge_params(&params);
        let resolved_url = match req.query_string() {
            "" => resolved_path.to_owned(),
            qs => format!("{resolved_path}?{qs}"),
        };
        // Written out now: the context takes the query itself.
        let query_json = query.to_json();
        let (preview_data, clear_preview) = match request.preview.read(req) {
            PreviewState::On(data) => (Some(data), false),
            PreviewState::Off => (None, false),
            PreviewState::Clear => (None, true),
        };
        let draft = preview_data.is_some();
        let ctx = Context::new(req.clone(), params, query, resolved_url)
            .in_locale(request.locale)
            .with_urls(self.def.base_path, self.def.trailing_slash)
            .in_preview(preview_data);
        let res = ctx.res.clone();
        let render = match request.kind {
            Kind::Data => Render::PropsOnly,
            Kind::Html | Kind::Transition => Render::Html,
        };
        let timeout = request.settings.props_timeout;
        let outcome =
            match actix_web::rt::time::timeout(timeout, run(ctx, payload, render, route.pattern()))
                .await
            {
                Ok(outcome) => outcome,
                Err(_elapsed) => {
                    return self.timed_out(request.settings.dev, req, Some(route), timeout)
                }
            };
        let mut parts = res.take();
        if clear_preview {
            parts.cookies.extend(request.preview.clearing_cookies());
        }
        match outcome {
            Ok(_) if !parts.errors.is_empty() => {
                self.internal_error(request, route, Error::msg(parts.errors.join("\n")))
            }
            Ok(outcome) => {
                let ran = Ran { query_json, draft };
                self.respond(request, route, &ran, outcome, parts)
            }
            Err(error) => self.internal_error(request, route, error),
        }
    }

    /// A static page as rendered at start-up: its document, or its markup for the client
    /// router.
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
        if let Some(value) = cache_control(request.settings.dev, false, Source::Static) {
            response.insert_header((header::CACHE_CONTROL, value));
        }
        if request.kind == Kind::Transition {
            response
                .content_type(JSON)
                .insert_header((header::VARY, RENDER_HEADER));
            let response = with_etag(
                &mut response,
                &page.transition_etag,
                page.transition.clone(),
            );
            return with_variants(request.req, response, &page.transition_compressed);
        }
        response.content_type(HTML);
        let response = with_etag(&mut response, &page.document_etag, page.document.clone());
        with_variants(request.req, response, &page.document_compressed)
    }
}

/// `response` with its body's kept encodings, for the compression step.
fn with_variants(
    req: &HttpRequest,
    mut response: HttpResponse,
    compressed: &Arc<Precompressed>,
) -> HttpResponse {
    compress::offer(req.headers(), &mut response, compressed);
    response
}
