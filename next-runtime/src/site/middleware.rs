//! The middleware in a request's way: run after the header and redirect rules, its
//! decision applied (headers for the page and the answer, a redirect, a rewrite, or an
//! answer of its own), then the rewrites and the routes as without it.

use std::borrow::Cow;
use std::panic::AssertUnwindSafe;

use actix_web::dev::ServiceRequest;
use actix_web::http::header::{self, HeaderValue};

use super::dispatch::{Pending, Routed, RuleHeaders};
use super::Site;
use crate::context::Query;
use crate::i18n::under_base_path;
use crate::middleware::{Decision, NextResponse, Ran};
use crate::rules::Rewritten;
use crate::{Error, Settings};

impl Site {
    /// Runs the middleware for `sreq` and routes what it decided.
    pub(super) async fn after_middleware(
        &self,
        sreq: &mut ServiceRequest,
        settings: &Settings,
        pending: Pending,
    ) -> (Routed, RuleHeaders) {
        let Pending { mut headers, query } = pending;
        let middleware = self
            .middleware
            .as_ref()
            .expect("dispatch found a middleware");
        let ran = (middleware.def.run)(sreq.request().clone()).await;
        let response = match ran {
            Ran::Decided(response) => response,
            Ran::Rejected(answer) => return (Routed::Done(answer), headers),
            Ran::Failed(error) => {
                return (
                    Routed::Done(self.middleware_failed(settings, sreq, &error)),
                    headers,
                )
            }
            Ran::Panicked(panic) => {
                return (
                    Routed::Done(self.panicked(settings.dev, sreq.request(), panic)),
                    headers,
                )
            }
        };
        let NextResponse {
            decision,
            request_headers,
            headers: answer_headers,
            cookies,
            ..
        } = response;
        headers.extend(answer_headers);
        for cookie in cookies {
            if let Ok(value) = HeaderValue::try_from(cookie.encoded().to_string()) {
                headers.push((header::SET_COOKIE, value));
            }
        }
        let rewritten = match decision {
            Decision::Respond(answer) => return (Routed::Done(answer), headers),
            Decision::Redirect { location, status } => {
                // A local path is one of this app's, under its base path.
                let location =
                    under_base_path(Cow::Owned(location), self.def.base_path).into_owned();
                let located = self.relocate(sreq.request());
                let answer = self.redirect_answer(settings, &located, location, status.as_u16());
                return (Routed::Done(answer), headers);
            }
            Decision::Next => None,
            Decision::Rewrite(destination) => Some(rewritten(&query, &destination)),
        };
        let private = !request_headers.is_empty();
        if private {
            // The middleware's own copy of the request is gone now, unless it kept one.
            let added = std::panic::catch_unwind(AssertUnwindSafe(|| {
                let target = sreq.headers_mut();
                for (name, value) in request_headers {
                    target.insert(name, value);
                }
            }));
            if added.is_err() {
                let error = Error::msg("the middleware kept its HttpRequest after returning (in a spawned task?), so `NextResponse::request_header` cannot change the request; extract what the task needs instead");
                return (
                    Routed::Done(self.middleware_failed(settings, sreq, &error)),
                    headers,
                );
            }
        }
        let located = self.relocate(sreq.request());
        let (routed, headers) = self.rewrite_and_route(
            sreq.request(),
            settings,
            &located,
            &query,
            rewritten,
            headers,
        );
        match routed {
            Routed::Page(mut page) => {
                // A page that saw headers the middleware added is no one else's to share.
                page.private = private;
                (Routed::Page(page), headers)
            }
            other => (other, headers),
        }
    }

    fn middleware_failed(
        &self,
        settings: &Settings,
        sreq: &ServiceRequest,
        error: &Error,
    ) -> actix_web::HttpResponse {
        let error = Error::msg(format!("src/middleware.rs failed: {error}"));
        self.failure(
            settings.dev,
            sreq.request(),
            None,
            &error,
            actix_web::http::StatusCode::INTERNAL_SERVER_ERROR,
        )
    }
}

/// Where a middleware rewrite sends the request: its path, and the request's `query` with
/// the rewrite's laid over it.
fn rewritten(query: &Query, destination: &str) -> Rewritten {
    let (path, own_query) = destination.split_once('?').unwrap_or((destination, ""));
    let mut query = query.clone();
    for (key, values) in Query::parse(own_query).iter() {
        query.set(key, values.to_vec());
    }
    Rewritten {
        path: path.to_owned(),
        query,
    }
}
