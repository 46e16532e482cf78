//! Why a page tree cannot be turned into a route table.

use std::fmt;
use std::path::PathBuf;

use crate::routes::{RouteTreeError, SegmentError};

/// One problem with the app's pages, naming the files and the rule.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A file or folder under `src/` could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// What could not be read.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// There is no `src/pages/`.
    #[error("{} does not exist: pages live there, one file per route. Create it with a first page, `src/pages/index.rs`.", path.display())]
    NoPagesDir {
        /// Where it was looked for.
        path: PathBuf,
    },
    /// A page file's name is not UTF-8, so it cannot be a URL.
    #[error("{}: page file names must be UTF-8", path.display())]
    NonUtf8Path {
        /// The file.
        path: PathBuf,
    },
    /// A file or folder name is not a valid route segment (Next's rules).
    #[error("src/pages/{file}: {source}")]
    Segment {
        /// The page file, under `src/pages/`.
        file: String,
        /// The rule it breaks.
        source: SegmentError,
    },
    /// The page tree breaks one of Next's rules (both files named).
    #[error("{0}")]
    RouteTree(#[from] RouteTreeError),
    /// A page file without its `#[page]` function.
    #[error("src/pages/{file} has no `#[page]` function. Every `.rs` file under src/pages/ is a page: add `#[page] pub fn page() -> Markup`, or move shared code out of src/pages/ (for example to src/components/).")]
    MissingPage {
        /// The page file, under `src/pages/`.
        file: String,
    },
    /// A file under `src/pages/api/` without its `#[api]` handler.
    #[error("src/pages/{file} has no `#[api]` function. Files under src/pages/api/ are API routes: add `#[api] pub async fn handler(req: HttpRequest) -> HttpResponse`.")]
    MissingApiHandler {
        /// The file, under `src/pages/`.
        file: String,
    },
    /// A base path Next would refuse (Next's message).
    #[error("{0}")]
    InvalidBasePath(String),
    /// `src/middleware.rs` without its `#[middleware]` function.
    #[error("src/middleware.rs has no `#[middleware]` function. The file is the app's middleware: add `#[middleware] pub async fn middleware(req: HttpRequest) -> Result<NextResponse, Error>`, or rename the file if it is not one.")]
    MissingMiddleware,
    /// `NEXT_BUILD_ID` holds characters a URL cannot.
    #[error("NEXT_BUILD_ID={0:?} cannot be used: a build ID goes into URLs, so use only letters, digits, `-`, `_` and `.`")]
    InvalidBuildId(String),
    /// A configured locale is not a usable path prefix.
    #[error("i18n: the locale {locale:?} cannot be used: {reason}")]
    InvalidLocale {
        /// The locale as configured.
        locale: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A locale is listed twice.
    #[error("i18n: the locale {second:?} is listed twice (locales match case-insensitively; {first:?} came first). Remove one.")]
    DuplicateLocale {
        /// The locale as listed first.
        first: String,
        /// The same locale again.
        second: String,
    },
    /// Locales without a default one.
    #[error("i18n: locales {locales:?} are set but no default locale: add `.default_locale({:?})` (paths without a locale prefix use it).", locales[0])]
    MissingDefaultLocale {
        /// The configured locales.
        locales: Vec<String>,
    },
    /// A default locale without locales.
    #[error("i18n: the default locale {default:?} is set but no locales: add `.locales([{default:?}, ...])`.")]
    DefaultLocaleWithoutLocales {
        /// The default locale as configured.
        default: String,
    },
    /// The default locale is not among the locales.
    #[error("i18n: the default locale {default:?} is not one of the locales {locales:?}{}", match suggestion { Some(s) => format!("; did you mean {s:?}?"), None => "; add it to `.locales(..)`".to_owned() })]
    UnknownDefaultLocale {
        /// The default locale as configured.
        default: String,
        /// The configured locales.
        locales: Vec<String>,
        /// The locale it probably meant, if one is close.
        suggestion: Option<String>,
    },
    /// A public file and a page answer the same URL (Next's "Conflicting public and page
    /// file").
    #[error("Conflicting public and page file: {public} and {page} both answer the same URL. Rename or remove one of them.")]
    PublicFileConflict {
        /// The file under `public/`.
        public: String,
        /// The page file under `src/pages/`.
        page: String,
    },
    /// A file under `public/_next/`, which would shadow the framework's own URLs.
    #[error("{file}: you can not have a `_next` folder inside of your public folder: it conflicts with the internal `/_next` route. Move it elsewhere under public/.")]
    ReservedPublicDir {
        /// The file, as `public/_next/...`.
        file: String,
    },
    /// `NEXT_PUBLIC_FILES` names no mode.
    #[error("NEXT_PUBLIC_FILES={0:?} is not a mode: use `embed` (files in the binary) or `disk` (read from public/ at each request), or leave it unset for the profile's default")]
    InvalidPublicMode(String),
    /// A redirect, rewrite or header rule Next would refuse, with everything wrong with it
    /// and the rule as Next prints it.
    #[error("Invalid {kind}: {problems} for route {route}")]
    InvalidRule {
        /// `redirect`, `rewrite` or `header`.
        kind: &'static str,
        /// What is wrong, in Next's words, joined with `, `.
        problems: String,
        /// The rule, as JSON.
        route: String,
    },
    /// The generator was called outside a build script (a cargo variable is missing).
    #[error("the environment variable {0} is not set: `next_runtime::build::generate_routes()` must be called from a build script (build.rs)")]
    NotInBuildScript(&'static str),
}

/// Every problem found, reported together.
#[derive(Debug)]
pub struct BuildErrors(pub Vec<BuildError>);

impl fmt::Display for BuildErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildErrors {}

impl From<BuildError> for BuildErrors {
    fn from(error: BuildError) -> Self {
        BuildErrors(vec![error])
    }
}
