//! Readiness: when an instance may take traffic. Once its static pages are generated (or
//! loaded from the store), and it is mounted on a bound server, an instance answers
//! [`READY_PATH`] with 200 and tells systemd `READY=1` (a unit with `Type=notify`); before,
//! the path answers 503, for a load balancer's or an orchestrator's probe.

use std::sync::Once;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse};

use super::generated::Runtime;
use super::Site;
use crate::handler::PageHandler;
use crate::response::DEV_NO_STORE;

/// The readiness probe's path, under the base path: 200 `ready` once the instance's
/// static pages are generated, 503 before (which starts their generation, when
/// `pages::prerender` was not called). Cheap: no page, no data source.
pub const READY_PATH: &str = "/_next/ready";

impl Site {
    /// Whether the instance serves every page as it should: its static pages generated
    /// (or it has none), or dev mode (which generates nothing ahead).
    fn ready(&self, dev: bool) -> bool {
        dev || self.generation.started.initialized() || !self.has_static_pages()
    }

    fn has_static_pages(&self) -> bool {
        let handlers = self.def.routes.iter().map(|route| route.handler());
        handlers
            .into_iter()
            .any(|handler| matches!(handler, PageHandler::StaticProps(_)))
    }

    /// The answer at [`READY_PATH`]. Not ready yet, it starts the static pages'
    /// generation in the background, so that a probe alone gets an instance ready.
    pub(super) fn readiness(&'static self, req: &HttpRequest, runtime: Runtime) -> HttpResponse {
        if !matches!(*req.method(), Method::GET | Method::HEAD) {
            return HttpResponse::MethodNotAllowed()
                .insert_header((header::ALLOW, "GET, HEAD"))
                .finish();
        }
        let (mut response, body) = if self.ready(runtime.dev) {
            (HttpResponse::Ok(), "ready\n")
        } else {
            actix_web::rt::spawn(async move {
                let _ = self.start(&runtime).await;
            });
            let mut response = HttpResponse::ServiceUnavailable();
            response.insert_header((header::RETRY_AFTER, "1"));
            (response, "starting: the static pages are being generated\n")
        };
        response
            .insert_header((
                header::CACHE_CONTROL,
                HeaderValue::from_static(DEV_NO_STORE),
            ))
            .content_type("text/plain; charset=utf-8")
            .body(body)
    }

    /// Tells systemd, once per process, that the instance is ready: when a worker is
    /// mounted (the server is bound) and the static pages are generated. Nothing without
    /// `NOTIFY_SOCKET` (a unit without `Type=notify`, or no systemd at all).
    pub(super) fn notify_ready(&'static self, runtime: Runtime) {
        static NOTIFIED: Once = Once::new();
        if NOTIFIED.is_completed() || std::env::var_os("NOTIFY_SOCKET").is_none() {
            return;
        }
        actix_web::rt::spawn(async move {
            let _ = self.start(&runtime).await;
            NOTIFIED.call_once(notify_systemd);
        });
    }
}

#[cfg(unix)]
fn notify_systemd() {
    match sd_notify::notify(&[sd_notify::NotifyState::Ready]) {
        Ok(()) => tracing::info!("told systemd the instance is ready"),
        Err(error) => tracing::warn!(%error, "could not tell systemd the instance is ready"),
    }
}

#[cfg(not(unix))]
fn notify_systemd() {}
