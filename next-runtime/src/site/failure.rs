//! Everything that went wrong, answered: a failed props function or page (500), a panic
//! anywhere (500), a props function over its timeout (504). Logged in full with the page
//! file; shown over the page only in dev mode.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use super::page::Request;
use super::Site;
use crate::errors::dev_error_document;
use crate::handler::panic_message;
use crate::response::error_page;
use crate::{Error, RouteInfo};

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
