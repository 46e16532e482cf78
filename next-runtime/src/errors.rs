//! Error pages (400, 404, 500), the dev-mode error overlay, and the dev/production switch.

use actix_web::web::Bytes;
use maud::{html, Markup};

use crate::handler::{render_page, PageHandler};
use crate::limits::Exceeded;
use crate::render::NextData;
use crate::shell::{Page, RenderedPage, Shell};

/// The status pages, rendered once at start-up.
pub(crate) struct ErrorPages {
    pub bad_request: Bytes,
    pub not_found: Bytes,
    pub internal_error: Bytes,
    /// 414, for a request over [`crate::limits::MAX_URL_BYTES`].
    pub uri_too_long: Bytes,
    /// 431, for a request over [`crate::limits::MAX_COOKIE_BYTES`].
    pub headers_too_large: Bytes,
}

impl ErrorPages {
    pub fn render(
        shell: &Shell,
        build_id: &str,
        not_found: Option<PageHandler>,
        internal_error: Option<PageHandler>,
    ) -> Self {
        ErrorPages {
            bad_request: status_document(shell, build_id, "/_error", None, 400, "Bad Request"),
            not_found: status_document(
                shell,
                build_id,
                "/404",
                not_found,
                404,
                "This page could not be found",
            ),
            internal_error: status_document(
                shell,
                build_id,
                "/500",
                internal_error,
                500,
                "Internal Server Error",
            ),
            uri_too_long: status_document(shell, build_id, "/_error", None, 414, "URI Too Long"),
            headers_too_large: status_document(
                shell,
                build_id,
                "/_error",
                None,
                431,
                "Request Header Fields Too Large",
            ),
        }
    }

    /// The page for a request over a limit.
    pub fn over_limit(&self, exceeded: Exceeded) -> Bytes {
        match exceeded {
            Exceeded::Url => self.uri_too_long.clone(),
            Exceeded::QueryPairs => self.bad_request.clone(),
            Exceeded::Cookies => self.headers_too_large.clone(),
        }
    }
}

/// A status page: the user's `404.rs`/`500.rs` if present (and not panicking), else Next's
/// default look.
pub(crate) fn status_document(
    shell: &Shell,
    build_id: &str,
    page: &str,
    custom: Option<PageHandler>,
    status: u16,
    title: &str,
) -> Bytes {
    let default =
        || Page::new(default_status_body(status, title)).title(format!("{status}: {title}"));
    let rendered = match custom {
        Some(PageHandler::Static(render)) => match render_page(page, shell.rendering, render) {
            Ok(custom) => custom,
            Err(error) => {
                tracing::error!(page, %error, "the custom error page panicked; using the default");
                default()
            }
        },
        // The macros only allow props-less `#[page]`s in status files.
        Some(PageHandler::ServerSide(_) | PageHandler::Api(_) | PageHandler::StaticProps(_))
        | None => default(),
    };
    let next_data = NextData::prerendered(page, build_id, shell.rendering.locale).to_json();
    let document = match shell.render_parts(rendered.clone()) {
        Ok(parts) => shell.document(&parts, &next_data),
        Err(error) => {
            tracing::error!(page, %error, "_app failed around a status page; it is served without _app");
            shell.document(&RenderedPage::without_app(rendered), &next_data)
        }
    };
    Bytes::from(document)
}

/// Next.js's default `_error` page: `404 | This page could not be found.`
fn default_status_body(status: u16, title: &str) -> Markup {
    html! {
        div style="font-family:system-ui,sans-serif;height:100vh;text-align:center;display:flex;flex-direction:column;align-items:center;justify-content:center" {
            div {
                h1 style="display:inline-block;margin:0 20px 0 0;padding:0 23px 0 0;font-size:24px;font-weight:500;vertical-align:top;line-height:49px;border-right:1px solid rgba(0,0,0,.3)" {
                    (status)
                }
                div style="display:inline-block" {
                    h2 style="font-size:14px;font-weight:400;line-height:49px;margin:0" { (title) "." }
                }
            }
        }
    }
}

/// The 500 page with the error shown over it, for dev mode only.
pub(crate) fn dev_error_document(
    internal_error_page: &Bytes,
    page_file: &str,
    error: &str,
) -> String {
    let overlay = html! {
        section #__next-dev-error-overlay role="alert" style="position:fixed;inset:0;overflow:auto;background:#fff;color:#111;font-family:ui-monospace,monospace;padding:2rem;border-top:6px solid #e00" {
            h1 style="font-size:1.25rem;color:#e00" { "Unhandled Runtime Error" }
            p { "in " code { "src/pages/" (page_file) } }
            pre style="white-space:pre-wrap" { (error) }
            p style="color:#666" { "This overlay is shown in dev mode only. In production the page shows no error details." }
        }
    };
    // The overlay goes right before `</body>`; the status page itself stays intact underneath.
    let internal_error_page = String::from_utf8_lossy(internal_error_page);
    match internal_error_page.rfind("</body>") {
        Some(at) => {
            let mut page = String::with_capacity(internal_error_page.len() + 512);
            page.push_str(&internal_error_page[..at]);
            page.push_str(&overlay.into_string());
            page.push_str(&internal_error_page[at..]);
            page
        }
        None => overlay.into_string(),
    }
}
