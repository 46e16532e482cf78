//! What a `#[get_static_props]` function takes and returns.

use crate::context::Params;
use crate::i18n::Rendering;
use crate::Redirect;

/// The argument of a `#[get_static_props]` function (Next's `getStaticProps` context):
/// the page's params and locale, and draft mode. Nothing of a request: the page is made
/// once and served to everyone.
#[non_exhaustive]
pub struct StaticContext {
    /// The dynamic segments of the path being generated (`[id]`); empty on a static route.
    pub params: Params,
    /// The locale the page is generated in; `None` when the app configures no locales.
    pub locale: Option<&'static str>,
    /// Every locale the app supports; empty without locales.
    pub locales: &'static [&'static str],
    /// The locale of paths without a locale prefix; `None` without locales.
    pub default_locale: Option<&'static str>,
    /// Whether this run is for a draft-mode request: the page is rendered for that request
    /// only and never stored.
    pub draft_mode: bool,
    /// The preview data of a draft-mode request (`Some({})` in plain draft mode).
    pub preview_data: Option<serde_json::Value>,
    /// What the page's links are rendered for: its locale, the base path.
    pub(crate) rendering: Rendering,
}

/// How long a generated page is served before it is regenerated in the background
/// (Next's `revalidate`): `10` (seconds) or `false` (never, the default). `true` is one
/// second, as in Next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revalidate(pub(crate) Option<u32>);

impl From<u32> for Revalidate {
    fn from(seconds: u32) -> Self {
        Revalidate(Some(seconds))
    }
}

impl From<bool> for Revalidate {
    fn from(on: bool) -> Self {
        Revalidate(on.then_some(1))
    }
}

/// What a `#[get_static_props]` function returns: props (with how long they stay fresh),
/// not found, or a redirect (Next's `{ props, revalidate } | { notFound } | { redirect }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticProps<P> {
    pub(crate) kind: StaticKind<P>,
    pub(crate) revalidate: Revalidate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StaticKind<P> {
    Props(P),
    NotFound,
    Redirect(Redirect),
}

impl<P> StaticProps<P> {
    /// Generate the page with `props`; kept until the app restarts unless
    /// [`StaticProps::revalidate`] says otherwise.
    pub fn props(props: P) -> Self {
        Self::of(StaticKind::Props(props))
    }

    /// The path answers 404 (with `pages/404.rs`) until it is regenerated.
    pub fn not_found() -> Self {
        Self::of(StaticKind::NotFound)
    }

    /// The path redirects until it is regenerated.
    pub fn redirect(redirect: Redirect) -> Self {
        Self::of(StaticKind::Redirect(redirect))
    }

    /// Regenerate the page in the background once it is `seconds` old: the first request
    /// after that gets the old page (`x-nextjs-cache: STALE`) and starts one regeneration.
    /// `false` (the default) keeps the page until the app restarts or
    /// [`crate::revalidate`] is called.
    pub fn revalidate(mut self, seconds: impl Into<Revalidate>) -> Self {
        self.revalidate = seconds.into();
        self
    }

    fn of(kind: StaticKind<P>) -> Self {
        StaticProps {
            kind,
            revalidate: Revalidate(None),
        }
    }
}
