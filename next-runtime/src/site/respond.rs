//! A props function's outcome as a response: the page or its data, not found, a redirect.

use std::borrow::Cow;

use actix_web::http::{header, StatusCode};
use actix_web::web::Bytes;
use actix_web::{HttpResponse, HttpResponseBuilder};

use super::dispatch::Kind;
use super::page::{Ran, Request};
use super::Site;
use crate::client::RENDER_HEADER;
use crate::context::ResponseParts;
use crate::handler::Outcome;
use crate::i18n::under_base_path;
use crate::props::Redirect;
use crate::render::NextData;
use crate::response::{
    apply_parts, check_redirect, etag, redirect_response, with_etag, HTML, JSON,
};
use crate::shell::Page;
use crate::wire::Flavor;
use crate::{wire, Error, RouteInfo, Settings};

impl Site {
    pub(super) fn respond(
        &self,
        request: &Request<'_>,
        route: &RouteInfo,
        ran: &Ran,
        outcome: Outcome,
        parts: ResponseParts,
    ) -> HttpResponse {
        let dev = request.settings.dev;
        match outcome {
            Outcome::Props { json, page } => self.props(request, route, ran, &json, page, parts),
            Outcome::NotFound if request.kind != Kind::Html => {
                let mut response = HttpResponse::NotFound();
                response.content_type(JSON);
                apply_parts(&mut response, parts, dev, ran.draft).body(wire::NOT_FOUND)
            }
            Outcome::NotFound => self.not_found(request.settings, parts, ran.draft),
            Outcome::Redirect(redirect) => self.redirect(request, route, ran, &redirect, parts),
            Outcome::Rejected(error) => self.rejected(request, route, &error),
        }
    }

    /// The page, or its data, with the props the function returned.
    fn props(
        &self,
        request: &Request<'_>,
        route: &RouteInfo,
        ran: &Ran,
        json: &str,
        page: Option<Page>,
        parts: ResponseParts,
    ) -> HttpResponse {
        let status = parts.status.unwrap_or(StatusCode::OK);
        let mut response = HttpResponse::build(status);
        let shell = self.shell(request.locale.map(|info| info.locale));
        let props = Some((json, Flavor::ServerSide));
        let next_data = || {
            NextData {
                page_props: Some((json, Flavor::ServerSide)),
                page: route.pattern(),
                query: &ran.query_json,
                build_id: self.def.build_id,
                locale: request.locale,
                is_preview: ran.draft,
                is_fallback: false,
            }
            .to_json()
        };
        let body = match request.kind {
            Kind::Html => {
                response.content_type(HTML);
                shell.render(page.unwrap_or_default(), &next_data())
            }
            Kind::Data | Kind::Transition => {
                data_headers(&mut response, request, route, status);
                match page {
                    // The client router's request: Next's JSON plus the page's markup.
                    Some(page) if request.kind == Kind::Transition => shell
                        .render_parts(page)
                        .map(|parts| parts.transition_json(props, ran.draft, &next_data())),
                    _ => Ok(wire::props(props, ran.draft)),
                }
            }
        };
        let body = match body {
            Ok(body) => Bytes::from(body),
            Err(error) => return self.internal_error(request, route, error),
        };
        apply_parts(&mut response, parts, request.settings.dev, ran.draft);
        if status == StatusCode::OK {
            with_etag(&mut response, &etag(&body), body)
        } else {
            response.body(body)
        }
    }

    /// A redirect: a `Location` for HTML, Next's `__N_REDIRECT` props for data.
    fn redirect(
        &self,
        request: &Request<'_>,
        route: &RouteInfo,
        ran: &Ran,
        redirect: &Redirect,
        parts: ResponseParts,
    ) -> HttpResponse {
        let uri = request.req.uri().to_string();
        let redirect = match self.placed_redirect("getServerSideProps", &uri, redirect) {
            Ok(redirect) => redirect,
            Err(error) => return self.internal_error(request, route, error),
        };
        let redirect = &*redirect;
        let dev = request.settings.dev;
        if request.kind != Kind::Html {
            // The client follows it: a same-origin path as a transition.
            let status = redirect.status().as_u16();
            let body = wire::redirect(redirect.destination(), status, Flavor::ServerSide);
            let mut response = HttpResponse::Ok();
            response.content_type(JSON);
            return apply_parts(&mut response, parts, dev, ran.draft).body(body);
        }
        let mut response = redirect_response(redirect);
        apply_parts(&mut response, parts, dev, ran.draft).body(redirect.destination().to_owned())
    }

    /// A redirect a data function (`function`, for `at`) returned, checked as Next checks
    /// it, its local destination under the base path unless it says otherwise.
    pub(super) fn placed_redirect<'r>(
        &self,
        function: &str,
        at: &str,
        redirect: &'r Redirect,
    ) -> Result<Cow<'r, Redirect>, Error> {
        if let Err(problem) = check_redirect(redirect) {
            return Err(Error::msg(format!(
                "Invalid redirect object returned from {function} for {at}\n{problem}\nSee more info here: https://nextjs.org/docs/messages/invalid-redirect-gssp"
            )));
        }
        let base_path = match redirect.under_base_path() {
            true => self.def.base_path,
            false => "",
        };
        Ok(
            match under_base_path(Cow::Borrowed(redirect.destination()), base_path) {
                Cow::Borrowed(_) => Cow::Borrowed(redirect),
                Cow::Owned(destination) => {
                    Cow::Owned(Redirect::with_status(destination, redirect.status()))
                }
            },
        )
    }

    /// The 404 page, with whatever the props function set on `ctx.res`.
    pub(super) fn not_found(
        &self,
        settings: &Settings,
        parts: ResponseParts,
        draft: bool,
    ) -> HttpResponse {
        let mut response = HttpResponse::NotFound();
        response.content_type(HTML);
        apply_parts(&mut response, parts, settings.dev, draft).body(self.errors.not_found.clone())
    }
}

/// A data answer's headers: JSON, varying on the router's header, and (when Next's client
/// asks) the route it matched.
pub(super) fn data_headers(
    response: &mut HttpResponseBuilder,
    request: &Request<'_>,
    route: &RouteInfo,
    status: StatusCode,
) {
    response
        .content_type(JSON)
        .insert_header((header::VARY, RENDER_HEADER));
    if status == StatusCode::OK && request.matched {
        let matched = match request.locale {
            Some(info) => format!("/{}{}", info.locale, route.pattern()),
            None => route.pattern().to_owned(),
        };
        response.insert_header(("x-nextjs-matched-path", matched));
    }
}
