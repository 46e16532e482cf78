//! What a `#[get_static_paths]` function takes and returns.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::shell::Page;

/// The argument of a `#[get_static_paths]` function: the app's locales.
#[non_exhaustive]
pub struct StaticPathsContext {
    /// Every locale the app supports; empty without locales.
    pub locales: &'static [&'static str],
    /// The locale of paths without a locale prefix; `None` without locales.
    pub default_locale: Option<&'static str>,
}

/// What happens to a path of a dynamic page that `#[get_static_paths]` did not list
/// (Next's `fallback`).
#[derive(Clone, Copy)]
pub enum Fallback {
    /// 404 (Next's `fallback: false`).
    False,
    /// Generated on its first request, which waits for it; kept like the listed ones
    /// (Next's `fallback: 'blocking'`).
    Blocking,
    /// The first visitor gets this page at once, with `isFallback: true` in
    /// `__NEXT_DATA__`, and the browser fills in the real page when it is generated
    /// (Next's `fallback: true` with its `router.isFallback` branch). Crawlers and data
    /// requests wait for the page instead, as with [`Fallback::Blocking`].
    True(fn() -> Page),
}

impl std::fmt::Debug for Fallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Fallback::False => "False",
            Fallback::Blocking => "Blocking",
            Fallback::True(_) => "True",
        })
    }
}

/// The paths of a dynamic page to generate at start-up, and what the others do.
#[derive(Debug, Clone)]
pub struct StaticPaths {
    pub(crate) paths: Vec<StaticPath>,
    pub(crate) fallback: Fallback,
}

impl StaticPaths {
    /// `paths` generated at start-up; the others as `fallback` says.
    pub fn new(paths: impl IntoIterator<Item = StaticPath>, fallback: Fallback) -> Self {
        StaticPaths {
            paths: paths.into_iter().collect(),
            fallback,
        }
    }
}

/// One path of a dynamic page: its params (or the path itself), and its locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticPath {
    pub(crate) spec: PathSpec,
    pub(crate) locale: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathSpec {
    /// A path as written (`/posts/1`), without the locale prefix.
    Path(String),
    /// Params by name: a segment each, or a catch-all's segments.
    Params(Vec<(String, Vec<String>)>),
}

/// The characters a param cannot hold as they are in a path segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// A param value as one path segment: `a/b` is `a%2Fb` (borrowed when nothing needs an
/// escape, the usual case).
pub(crate) fn encode_segment(value: &str) -> std::borrow::Cow<'_, str> {
    utf8_percent_encode(value, SEGMENT).into()
}

impl StaticPath {
    /// A path of the page as a visitor requests it, without a locale prefix:
    /// `StaticPath::path("/posts/1")`.
    pub fn path(path: impl Into<String>) -> Self {
        StaticPath {
            spec: PathSpec::Path(path.into()),
            locale: None,
        }
    }

    /// No params yet: add them with [`StaticPath::param`] and [`StaticPath::catch_all`].
    pub fn params() -> Self {
        StaticPath {
            spec: PathSpec::Params(Vec::new()),
            locale: None,
        }
    }

    /// `[name]`'s value: `StaticPath::params().param("id", "1")` is `/posts/1` on
    /// `/posts/[id]`. The value is one segment: a `/` in it is sent as `%2F`.
    pub fn param(self, name: &str, value: impl Into<String>) -> Self {
        self.push(name, vec![value.into()])
    }

    /// `[...name]`'s (or `[[...name]]`'s) segments: `["a", "b"]` is `/docs/a/b`.
    pub fn catch_all<S: Into<String>>(
        self,
        name: &str,
        segments: impl IntoIterator<Item = S>,
    ) -> Self {
        self.push(name, segments.into_iter().map(Into::into).collect())
    }

    /// The locale to generate the path in (the default locale when not given).
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    fn push(mut self, name: &str, values: Vec<String>) -> Self {
        match &mut self.spec {
            PathSpec::Params(params) => params.push((name.to_owned(), values)),
            PathSpec::Path(_) => {
                // A path and params together: the params win, as the later call.
                self.spec = PathSpec::Params(vec![(name.to_owned(), values)]);
            }
        }
        self
    }
}

impl From<&str> for StaticPath {
    fn from(path: &str) -> Self {
        StaticPath::path(path)
    }
}

impl From<String> for StaticPath {
    fn from(path: String) -> Self {
        StaticPath::path(path)
    }
}
