//! API routes: files under `src/pages/api/` whose `#[api]` function is an ordinary actix-web
//! handler, with any extractors (`web::Json`, `web::Query`, `web::Path`...).

use std::panic::AssertUnwindSafe;

use actix_web::dev::Payload;
use actix_web::{FromRequest, Handler, HttpRequest, HttpResponse, Responder};
use futures_util::future::LocalBoxFuture;
use futures_util::FutureExt;

/// Extracts the handler's arguments from the request and runs it. An extractor that fails
/// answers as it would in any actix-web app (e.g. 400 for a bad JSON body); a panicking
/// handler answers 500 and the worker keeps serving.
#[doc(hidden)]
pub fn call_api<F, Args>(
    handler: F,
    req: HttpRequest,
    mut payload: Payload,
) -> LocalBoxFuture<'static, HttpResponse>
where
    F: Handler<Args>,
    F::Future: 'static,
    F::Output: Responder + 'static,
    Args: FromRequest + 'static,
{
    Box::pin(async move {
        let args = match Args::from_request(&req, &mut payload).await {
            Ok(args) => args,
            Err(error) => return HttpResponse::from_error(error.into()),
        };
        match AssertUnwindSafe(handler.call(args)).catch_unwind().await {
            Ok(output) => output.respond_to(&req).map_into_boxed_body(),
            Err(_) => {
                tracing::error!(url = %req.uri(), "API route panicked");
                HttpResponse::InternalServerError().finish()
            }
        }
    })
}
