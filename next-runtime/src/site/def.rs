//! The builder the generated `pages` module calls: one static value with everything the
//! page tree holds.

use std::sync::OnceLock;

use maud::Markup;

use super::Site;
use crate::handler::PageHandler;
use crate::i18n::I18n;
use crate::middleware::MiddlewareDef;
use crate::public::PublicFiles;
use crate::rules::Rules;
use crate::shell::Document;
use crate::RouteInfo;

/// Everything the generated `pages` module knows, as one static value.
#[doc(hidden)]
pub struct SiteDef {
    pub(super) build_id: &'static str,
    pub(super) routes: &'static [RouteInfo],
    pub(super) not_found: Option<PageHandler>,
    pub(super) internal_error: Option<PageHandler>,
    pub(super) app: Option<fn(Markup) -> Markup>,
    pub(super) document: Option<fn() -> Document>,
    pub(super) i18n: Option<I18n>,
    pub(super) public: PublicFiles,
    pub(super) rules: Option<&'static Rules>,
    pub(super) middleware: Option<MiddlewareDef>,
    /// `trailingSlash: true`: pages are served at `/about/`.
    pub(super) trailing_slash: bool,
    /// `basePath`: `/shop`, or empty.
    pub(super) base_path: &'static str,
    site: OnceLock<Site>,
}

/// The generated code's builder: `SiteDef::new(BUILD_ID, ROUTES).not_found(..)...`, one
/// call per special file present.
impl SiteDef {
    pub const fn new(build_id: &'static str, routes: &'static [RouteInfo]) -> Self {
        SiteDef {
            build_id,
            routes,
            not_found: None,
            internal_error: None,
            app: None,
            document: None,
            i18n: None,
            public: PublicFiles::None,
            rules: None,
            middleware: None,
            trailing_slash: false,
            base_path: "",
            site: OnceLock::new(),
        }
    }

    /// `404.rs`.
    pub const fn not_found(mut self, page: PageHandler) -> Self {
        self.not_found = Some(page);
        self
    }

    /// `500.rs`.
    pub const fn internal_error(mut self, page: PageHandler) -> Self {
        self.internal_error = Some(page);
        self
    }

    /// `_app.rs`.
    pub const fn app(mut self, app: fn(Markup) -> Markup) -> Self {
        self.app = Some(app);
        self
    }

    /// `_document.rs`.
    pub const fn document(mut self, document: fn() -> Document) -> Self {
        self.document = Some(document);
        self
    }

    /// The locales configured in `build.rs`.
    pub const fn i18n(mut self, i18n: I18n) -> Self {
        self.i18n = Some(i18n);
        self
    }

    /// `public/`.
    pub const fn public(mut self, files: PublicFiles) -> Self {
        self.public = files;
        self
    }

    /// The URL rules configured in `build.rs`: headers, redirects, rewrites.
    pub const fn rules(mut self, rules: &'static Rules) -> Self {
        self.rules = Some(rules);
        self
    }

    /// `src/middleware.rs`.
    pub const fn middleware(mut self, middleware: MiddlewareDef) -> Self {
        self.middleware = Some(middleware);
        self
    }

    /// `trailing_slash(true)` in `build.rs`.
    pub const fn trailing_slash(mut self, on: bool) -> Self {
        self.trailing_slash = on;
        self
    }

    /// `base_path("/shop")` in `build.rs`.
    pub const fn base_path(mut self, base_path: &'static str) -> Self {
        self.base_path = base_path;
        self
    }

    /// The served site, prepared on first use and shared by every worker.
    pub(super) fn site(&'static self) -> &'static Site {
        self.site.get_or_init(|| Site::new(self))
    }
}
