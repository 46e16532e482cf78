//! What a page module exports to the route table, and how a page with a props function runs.

use std::panic::AssertUnwindSafe;

use crate::shell::{IntoPage, Page};
use futures_util::future::LocalBoxFuture;
use futures_util::FutureExt;

use crate::checks::PropsFunction;
use crate::i18n::Rendering;
use crate::{Context, Error, Redirect, ServerSideProps};

/// How a page gets its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PageKind {
    /// No props function: rendered once at start-up and served from memory.
    Static,
    /// Has a `#[get_server_side_props]` function, run on every request.
    ServerSide,
    /// Has a `#[get_static_props]` function: generated at start-up (each path of its
    /// `#[get_static_paths]`), served from memory, regenerated as it says.
    StaticProps,
    /// An API route under `src/pages/api/`: an actix-web handler.
    Api,
}

/// A route of the generated table (`pages::ROUTES`), for inspection.
#[derive(Clone, Copy)]
pub struct RouteInfo {
    pattern: &'static str,
    file: &'static str,
    page: PageHandler,
}

/// A route of the generated table: its pattern, its file under `src/pages/`, its entry.
#[doc(hidden)]
pub const fn route(pattern: &'static str, file: &'static str, page: PageHandler) -> RouteInfo {
    RouteInfo {
        pattern,
        file,
        page,
    }
}

impl RouteInfo {
    /// The route pattern, as Next.js writes it: `/posts/[id]`.
    pub fn pattern(&self) -> &'static str {
        self.pattern
    }

    /// The page file, relative to `src/pages/`: `posts/[id].rs`.
    pub fn file(&self) -> &'static str {
        self.file
    }

    /// Whether the page has a props function.
    pub fn kind(&self) -> PageKind {
        self.page.kind()
    }

    pub(crate) fn handler(&self) -> PageHandler {
        self.page
    }
}

impl std::fmt::Debug for RouteInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RouteInfo")
            .field("pattern", &self.pattern)
            .field("file", &self.file)
            .field("kind", &self.kind())
            .finish()
    }
}

/// An API route's handler, with the request and its body.
pub type ApiFn = fn(
    actix_web::HttpRequest,
    actix_web::dev::Payload,
) -> LocalBoxFuture<'static, actix_web::HttpResponse>;

/// A page with a props function: called with the request's context and body, what to
/// render, and the route pattern.
pub type ServerSideFn = fn(
    Context,
    actix_web::dev::Payload,
    Render,
    &'static str,
) -> LocalBoxFuture<'static, Result<Outcome, Error>>;

/// The type-erased entry point `#[page]` generates for its page.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub enum PageHandler {
    Static(fn() -> Page),
    Api(ApiFn),
    ServerSide(ServerSideFn),
    StaticProps(crate::ssg::StaticRender),
}

impl PageHandler {
    pub const fn kind(&self) -> PageKind {
        match self {
            PageHandler::Static(_) => PageKind::Static,
            PageHandler::ServerSide(_) => PageKind::ServerSide,
            PageHandler::Api(_) => PageKind::Api,
            PageHandler::StaticProps(_) => PageKind::StaticProps,
        }
    }
}

/// Whether the page markup is wanted, or only the props (a data request).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Render {
    Html,
    PropsOnly,
}

/// What running a page with a props function produced.
#[doc(hidden)]
pub enum Outcome {
    Props {
        /// The props as JSON, serialized once for both the HTML payload and the data route.
        json: String,
        page: Option<Page>,
    },
    NotFound,
    Redirect(Redirect),
    /// An extractor of the props function's parameters failed: the props function did not
    /// run, and the answer is the error's status.
    Rejected(actix_web::Error),
}

/// Runs a props function's extractors, the props function, then the page with its props.
/// A panic in any becomes an `Error`, so one bad request never takes the worker down.
#[doc(hidden)]
pub fn server_side<F: PropsFunction>(
    ctx: Context,
    payload: actix_web::dev::Payload,
    render: Render,
    page_pattern: &'static str,
    page: fn(F::Props) -> Page,
) -> LocalBoxFuture<'static, Result<Outcome, Error>> {
    let rendering = ctx.rendering();
    let extracted = AssertUnwindSafe(F::extract(ctx.req.clone(), payload)).catch_unwind();
    Box::pin(async move {
        let extracted = match extracted.await {
            Ok(Ok(extracted)) => extracted,
            Ok(Err(rejected)) => return Ok(Outcome::Rejected(rejected)),
            Err(panic) => return Err(panic_error("an extractor", page_pattern, panic)),
        };
        let result = AssertUnwindSafe(F::call(ctx, extracted))
            .catch_unwind()
            .await
            .map_err(|panic| panic_error("getServerSideProps", page_pattern, panic))??;
        Ok(match result {
            ServerSideProps::Props(props) => {
                // A hand-written `Serialize` can panic too.
                let json = std::panic::catch_unwind(AssertUnwindSafe(|| F::serialize(&props)))
                    .map_err(|panic| panic_error("serializing the props", page_pattern, panic))?
                    .map_err(|err| Error::msg(err.message(page_pattern)))?;
                let page = match render {
                    Render::Html => Some(render_page(page_pattern, rendering, || page(props))?),
                    Render::PropsOnly => None,
                };
                Outcome::Props { json, page }
            }
            ServerSideProps::NotFound => Outcome::NotFound,
            ServerSideProps::Redirect(redirect) => Outcome::Redirect(redirect),
        })
    })
}

/// Renders a page body in `locale` (for `link()` and `rendering_locale()`), turning a panic
/// into an error.
pub(crate) fn render_page<R: IntoPage>(
    page_pattern: &str,
    rendering: Rendering,
    render: impl FnOnce() -> R,
) -> Result<Page, Error> {
    std::panic::catch_unwind(AssertUnwindSafe(|| {
        crate::i18n::render_in(rendering, render).into_page()
    }))
    .map_err(|panic| panic_error("the page", page_pattern, panic))
}

pub(crate) fn panic_error(
    what: &str,
    page_pattern: &str,
    panic: Box<dyn std::any::Any + Send>,
) -> Error {
    let message = panic_message(&*panic);
    Error::msg(format!("{what} of \"{page_pattern}\" panicked: {message}"))
}

/// What a panic said: its `&str` or `String` payload.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}
