//! The page files: where they live, which are special, which are API routes, and what each
//! kind exports for the generated route table.

/// The folder of page files, relative to the crate: every file in it is a route or a
/// special page.
pub const PAGES_DIR: &str = "src/pages";

/// The middleware's file, relative to the crate: its one `#[middleware]` function runs
/// before the pages it matches (Next's `middleware.ts`).
pub const MIDDLEWARE_FILE: &str = "src/middleware.rs";

/// The item `#[middleware]` exports for the generated code: its `MiddlewareDef`.
pub const MIDDLEWARE_ENTRY: &str = "__NEXT_MIDDLEWARE";

/// The module the generated `pages` module declares for [`MIDDLEWARE_FILE`].
pub const MIDDLEWARE_MODULE: &str = "middleware";

/// The folder (relative to [`PAGES_DIR`]) whose files are API routes.
pub const API_DIR: &str = "api";

/// The item `#[page]` (and `#[api]`) exports for a routable or status page: its
/// `PageHandler`.
pub const PAGE_ENTRY: &str = "__NEXT_PAGE";

/// The hidden type `#[get_server_side_props]` emits for its page's `#[page]`: it implements
/// `__private::PropsFunction`.
pub const PROPS_FN_ENTRY: &str = "__NextPropsFn";

/// The hidden type `#[get_static_props]` emits for its page's `#[page]`: it implements
/// `__private::StaticPropsFunction`.
pub const STATIC_PROPS_FN_ENTRY: &str = "__NextStaticPropsFn";

/// The item `#[get_static_paths]` emits for its page's `#[page]`: its `StaticPathsFn`.
pub const STATIC_PATHS_ENTRY: &str = "__NEXT_STATIC_PATHS";

/// A file of [`PAGES_DIR`] that is not a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpecialFile {
    /// `_app.rs`: the layout around every page.
    App,
    /// `_document.rs`: the HTML shell.
    Document,
    /// `404.rs`: the not-found page.
    NotFound,
    /// `500.rs`: the internal-error page.
    InternalError,
}

impl SpecialFile {
    /// Every special file, in the order the generated code lists them.
    pub const ALL: [SpecialFile; 4] = [
        SpecialFile::NotFound,
        SpecialFile::InternalError,
        SpecialFile::App,
        SpecialFile::Document,
    ];

    /// The file's name in [`PAGES_DIR`].
    pub const fn file_name(self) -> &'static str {
        match self {
            SpecialFile::App => "_app.rs",
            SpecialFile::Document => "_document.rs",
            SpecialFile::NotFound => "404.rs",
            SpecialFile::InternalError => "500.rs",
        }
    }

    /// The special file at `relative` (a path under [`PAGES_DIR`], `/`-separated).
    pub fn from_relative(relative: &str) -> Option<Self> {
        SpecialFile::ALL
            .into_iter()
            .find(|special| special.file_name() == relative)
    }

    /// The item its `#[page]` exports.
    pub const fn entry(self) -> &'static str {
        match self {
            SpecialFile::App => "__NEXT_APP",
            SpecialFile::Document => "__NEXT_DOCUMENT",
            SpecialFile::NotFound | SpecialFile::InternalError => PAGE_ENTRY,
        }
    }

    /// The `SiteDef` builder method the generated code hands that item to.
    pub const fn setter(self) -> &'static str {
        match self {
            SpecialFile::App => "app",
            SpecialFile::Document => "document",
            SpecialFile::NotFound => "not_found",
            SpecialFile::InternalError => "internal_error",
        }
    }

    /// A status page (404, 500): a page, but no props function (Next's rule).
    pub const fn is_status_page(self) -> bool {
        matches!(self, SpecialFile::NotFound | SpecialFile::InternalError)
    }
}

/// Whether the page file at `relative` (under [`PAGES_DIR`]) is an API route.
pub fn is_api_route(relative: &str) -> bool {
    relative
        .strip_prefix(API_DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The route pattern of the page file at `relative`: `posts/[id].rs` is `/posts/[id]`, a
/// trailing `index.rs` names its folder.
pub fn route_pattern(relative: &str) -> Result<String, crate::routes::SegmentError> {
    let parts: Vec<&str> = relative.split('/').collect();
    let (last, folders) = parts.split_last().expect("split gives one part at least");
    let stem = last.strip_suffix(".rs").unwrap_or(last);
    let names = folders
        .iter()
        .copied()
        .chain((stem != "index").then_some(stem));
    let segments = names
        .map(crate::routes::Segment::parse)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(crate::routes::display_path(&segments))
}

/// Whether the page file at `relative` is a dynamic route: a folder or the file is a
/// param (`[id]`) or a catch-all.
pub fn is_dynamic(relative: &str) -> bool {
    relative.trim_end_matches(".rs").split('/').any(|part| {
        !matches!(
            crate::routes::Segment::parse(part),
            Ok(crate::routes::Segment::Static(_))
        )
    })
}

/// `src/pages/posts/[id].rs`: a page file as messages show it.
pub fn shown(relative: &str) -> String {
    format!("{PAGES_DIR}/{relative}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_files_and_api_routes() {
        assert_eq!(
            SpecialFile::from_relative("_app.rs"),
            Some(SpecialFile::App)
        );
        assert_eq!(
            SpecialFile::from_relative("404.rs"),
            Some(SpecialFile::NotFound)
        );
        assert_eq!(SpecialFile::from_relative("blog/404.rs"), None);
        assert!(is_api_route("api/hello.rs") && is_api_route("api/users/[id].rs"));
        assert!(
            !is_api_route("apis.rs") && !is_api_route("api.rs") && !is_api_route("blog/api/x.rs")
        );
        assert_eq!(shown("posts/[id].rs"), "src/pages/posts/[id].rs");
    }
}
