//! Why a page tree cannot be turned into a route table.

use std::fmt;
use std::path::PathBuf;

use crate::routes::{RouteTreeError, SegmentError};

/// One problem with the app's pages, naming the files and the rule.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} does not exist: pages live there, one file per route. Create it with a first page, `src/pages/index.rs`.", path.display())]
    NoPagesDir { path: PathBuf },
    #[error("{}: page file names must be UTF-8", path.display())]
    NonUtf8Path { path: PathBuf },
    #[error("src/pages/{file}: {source}")]
    Segment { file: String, source: SegmentError },
    #[error("{0}")]
    RouteTree(#[from] RouteTreeError),
    #[error("src/pages/{file} has no `#[page]` function. Every `.rs` file under src/pages/ is a page: add `#[page] pub fn page() -> Markup`, or move shared code out of src/pages/ (for example to src/components/).")]
    MissingPage { file: String },
    #[error("src/pages/{file} has no `#[api]` function. Files under src/pages/api/ are API routes: add `#[api] pub async fn handler(req: HttpRequest) -> HttpResponse`.")]
    MissingApiHandler { file: String },
    #[error("NEXT_BUILD_ID={0:?} cannot be used: a build ID goes into URLs, so use only letters, digits, `-`, `_` and `.`")]
    InvalidBuildId(String),
    #[error("i18n: the locale {locale:?} cannot be used: {reason}")]
    InvalidLocale {
        locale: String,
        reason: &'static str,
    },
    #[error("i18n: the locale {second:?} is listed twice (locales match case-insensitively; {first:?} came first). Remove one.")]
    DuplicateLocale { first: String, second: String },
    #[error("i18n: locales {locales:?} are set but no default locale: add `.default_locale({:?})` (paths without a locale prefix use it).", locales[0])]
    MissingDefaultLocale { locales: Vec<String> },
    #[error("i18n: the default locale {default:?} is set but no locales: add `.locales([{default:?}, ...])`.")]
    DefaultLocaleWithoutLocales { default: String },
    #[error("i18n: the default locale {default:?} is not one of the locales {locales:?}{}", match suggestion { Some(s) => format!("; did you mean {s:?}?"), None => "; add it to `.locales(..)`".to_owned() })]
    UnknownDefaultLocale {
        default: String,
        locales: Vec<String>,
        suggestion: Option<String>,
    },
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
