//! Everything that went wrong, answered: a failed props function or page (500), a panic
//! anywhere (500), a props function over its timeout (504). Logged in full with the page
//! file; shown over the page only in dev mode.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use super::page::Request;
use super::Site;
use actix_web::web::Bytes;

use crate::errors::{dev_error_document, status_document};
use crate::handler::panic_message;
use crate::response::error_page;
use crate::{Error, RouteInfo};

/// What a function still running after `Settings::props_timeout` is told: `what` (such as
/// `getStaticProps of "/posts/[id]"`) took too long, and the fix.
pub(super) fn too_slow(what: &str, timeout: std::time::Duration) -> Error {
    Error::msg(format!(
        "{what} did not finish within {timeout:?}; make it faster, or give it longer with `Settings::props_timeout`"
    ))
}

impl Site {
    /// A 500 for a failed props function or page, also for data requests (the client then
    /// loads the page in full): logged in full, shown only in dev mode.
    pub(super) fn internal_error(
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

    /// A props function's extractor failed (a malformed form or query, a body too large):
    /// the error's own status, as in any actix-web app, with its message over the status
    /// page in dev mode only. Logged at debug level when it is the client's mistake (4xx),
    /// as an error when it is the app's (5xx).
    pub(super) fn rejected(
        &self,
        request: &Request<'_>,
        route: &RouteInfo,
        error: &actix_web::Error,
    ) -> HttpResponse {
        let status = error.as_response_error().status_code();
        let (page, url) = (route.pattern(), request.req.uri());
        if status.is_server_error() {
            // The app's mistake, such as `web::Data<T>` for a `T` never registered.
            tracing::error!(page, %url, status = status.as_u16(), %error, "an extractor of the props function failed");
        } else {
            tracing::debug!(page, %url, status = status.as_u16(), %error, "an extractor of the props function rejected the request");
        }
        let page = self.status_page(status);
        if request.settings.dev {
            let message = format!(
                "an extractor of getServerSideProps rejected the request ({status}): {error}"
            );
            return error_page(status, dev_error_document(&page, route.file(), &message));
        }
        error_page(status, page)
    }

    /// The status page for `status`: the ones rendered at start-up, any other rendered now.
    fn status_page(&self, status: StatusCode) -> Bytes {
        match status {
            StatusCode::BAD_REQUEST => self.errors.bad_request.clone(),
            StatusCode::NOT_FOUND => self.errors.not_found.clone(),
            StatusCode::INTERNAL_SERVER_ERROR => self.errors.internal_error.clone(),
            StatusCode::URI_TOO_LONG => self.errors.uri_too_long.clone(),
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => self.errors.headers_too_large.clone(),
            other => status_document(
                self.shell(None),
                self.def.build_id,
                "/_error",
                None,
                other.as_u16(),
                other.canonical_reason().unwrap_or("Error"),
            ),
        }
    }

    /// The 500 page for a panic that reached [`Site::serve`].
    pub(super) fn panicked(
        &self,
        dev: bool,
        req: &HttpRequest,
        panic: Box<dyn std::any::Any + Send>,
    ) -> HttpResponse {
        let error = Error::msg(format!("panicked: {}", panic_message(&*panic)));
        self.failure(dev, req, None, &error, StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// A 504 for a props function still running after `Settings::props_timeout`.
    pub(super) fn timed_out(
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
        let error = too_slow(&what, timeout);
        self.failure(dev, req, route, &error, StatusCode::GATEWAY_TIMEOUT)
    }

    /// The 500 page with `status`, for anything that went wrong while answering: logged in
    /// full with the page file, shown over the page only in dev mode.
    pub(super) fn failure(
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
