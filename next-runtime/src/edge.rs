//! The edge runtime: `#[get_server_side_props(runtime = "edge")]`. As in Next.js, an edge
//! props function sees a snapshot of the request and has no response object; here that
//! snapshot is `Send` and so must be the function's future, which the macro checks, so the
//! function could run on any thread.

use actix_web::cookie::Cookie;
use actix_web::http::header::HeaderMap;
use actix_web::http::{Method, Uri};

use crate::context::{Context, Params, Query};

/// The argument of an edge props function: everything about the request, owned and
/// `Send`. `ctx.res` is there only to explain, at compile time, that the edge runtime has
/// no response object.
#[non_exhaustive]
pub struct EdgeContext {
    /// The request method.
    pub method: Method,
    /// The original request URI (the data-route URL for a data request).
    pub uri: Uri,
    /// The request headers.
    pub headers: HeaderMap,
    /// The request's cookies, parsed.
    pub cookies: Vec<Cookie<'static>>,
    /// As [`Context::params`].
    pub params: Params,
    /// As [`Context::query`].
    pub query: Query,
    /// As [`Context::resolved_url`].
    pub resolved_url: String,
    /// As [`Context::locale`].
    pub locale: Option<&'static str>,
    /// As [`Context::locales`].
    pub locales: &'static [&'static str],
    /// As [`Context::default_locale`].
    pub default_locale: Option<&'static str>,
    /// As [`Context::draft_mode`].
    pub draft_mode: bool,
    /// As [`Context::preview`].
    pub preview: bool,
    /// As [`Context::preview_data`].
    pub preview_data: Option<serde_json::Value>,
    /// Not a response object: every method fails to compile, saying why.
    pub res: EdgeResponse,
}

impl EdgeContext {
    /// A cookie of the request by name.
    pub fn cookie(&self, name: &str) -> Option<&Cookie<'static>> {
        self.cookies.iter().find(|cookie| cookie.name() == name)
    }

    /// The snapshot of a request's context.
    pub(crate) fn from_context(ctx: Context) -> Self {
        EdgeContext {
            method: ctx.req.method().clone(),
            uri: ctx.req.uri().clone(),
            headers: ctx.req.headers().clone(),
            cookies: ctx
                .req
                .cookies()
                .map(|cookies| cookies.iter().map(|c| c.clone().into_owned()).collect())
                .unwrap_or_default(),
            params: ctx.params,
            query: ctx.query,
            resolved_url: ctx.resolved_url,
            locale: ctx.locale,
            locales: ctx.locales,
            default_locale: ctx.default_locale,
            draft_mode: ctx.draft_mode,
            preview: ctx.preview,
            preview_data: ctx.preview_data,
            res: EdgeResponse(()),
        }
    }
}

/// `ctx.res` of an edge props function: the edge runtime has no response object, so
/// `set_header`, `set_status` and `set_cookie` exist only to fail to compile with an
/// explanation.
pub struct EdgeResponse(());

/// Implemented by nothing: the bound that makes [`EdgeResponse`]'s methods uncallable.
#[diagnostic::on_unimplemented(
    message = "the edge runtime has no response object: `ctx.res` cannot set headers, a status or cookies",
    label = "not available in an edge props function",
    note = "to shape the response, use the Node.js runtime: `#[get_server_side_props]` without `runtime = \"edge\"`, whose `ctx.res` sets headers, status and cookies",
    note = "an edge props function can still return `ServerSideProps::not_found()` or a redirect"
)]
pub trait ResponseObject: sealed::Sealed {}

mod sealed {
    /// Keeps [`super::ResponseObject`] unimplementable outside this crate.
    pub trait Sealed {}
}

impl EdgeResponse {
    /// Does not compile: the edge runtime has no response object.
    pub fn set_header<N: ResponseObject>(&self, name: N, value: &str) {
        let _ = (name, value);
        unreachable!("ResponseObject has no implementations")
    }

    /// Does not compile: the edge runtime has no response object.
    pub fn set_status<S: ResponseObject>(&self, status: S) {
        let _ = status;
        unreachable!("ResponseObject has no implementations")
    }

    /// Does not compile: the edge runtime has no response object.
    pub fn set_cookie<C: ResponseObject>(&self, cookie: C) {
        let _ = cookie;
        unreachable!("ResponseObject has no implementations")
    }
}

/// The snapshot an edge props function takes, made from the request's context.
#[doc(hidden)]
pub fn edge_context(ctx: Context) -> EdgeContext {
    EdgeContext::from_context(ctx)
}

/// Checks, at compile time, that an edge props function's future is `Send`.
#[doc(hidden)]
pub fn edge_props<F: std::future::Future + Send>(future: F) -> F {
    future
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn assert_send<T: Send + 'static>(_: &T) {}

    #[test]
    fn the_snapshot_is_send_and_complete() {
        let req = TestRequest::post()
            .uri("/_next/data/b/fr/posts/1.json?x=1")
            .insert_header(("cookie", "a=1; b=2"))
            .insert_header(("x-custom", "yes"))
            .to_http_request();
        let mut params = Params::default();
        params.insert("id", crate::ParamValue::One("1".into()));
        let ctx = Context::new(req, params, Query::parse("x=1"), "/posts/1?x=1".into())
            .in_preview(Some(serde_json::json!({"user": "ann"})))
            .in_locale(Some(crate::i18n::LocaleInfo {
                locale: "fr",
                locales: &["en-US", "fr"],
                default_locale: "en-US",
            }));
        let edge = EdgeContext::from_context(ctx);
        assert_send(&edge);
        // Every field, each with a value that is not its default.
        let EdgeContext {
            method,
            uri,
            headers,
            cookies,
            params,
            query,
            resolved_url,
            locale,
            locales,
            default_locale,
            draft_mode,
            preview,
            preview_data,
            res: EdgeResponse(()),
        } = &edge;
        assert_eq!(method, Method::POST);
        assert_eq!(uri.to_string(), "/_next/data/b/fr/posts/1.json?x=1");
        assert_eq!(headers.get("x-custom").unwrap(), "yes");
        let cookies: Vec<(&str, &str)> = cookies.iter().map(|c| (c.name(), c.value())).collect();
        assert_eq!(cookies, [("a", "1"), ("b", "2")]);
        assert_eq!(edge.cookie("b").unwrap().value(), "2");
        assert_eq!(params.get("id"), Some("1"));
        assert_eq!(query.get("x"), Some("1"));
        assert_eq!(resolved_url, "/posts/1?x=1");
        assert_eq!(*locale, Some("fr"));
        assert_eq!(*locales, ["en-US", "fr"]);
        assert_eq!(*default_locale, Some("en-US"));
        assert!(*draft_mode && *preview);
        assert_eq!(preview_data, &Some(serde_json::json!({"user": "ann"})));
    }
}
