//! Walks `src/pages/` and turns each file into a route or a special page.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::error::{BuildError, BuildErrors};
use super::walk;
use next_conventions::attributes::Attribute;
use next_conventions::files::{is_api_route, SpecialFile};
use next_conventions::marked::{has_top_level, marked_fns};

use crate::routes::{RouteTree, Segment};

/// The pages of an app, validated and in Next.js's priority order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageTree {
    /// Routable pages, highest priority first.
    pub routes: Vec<PageFile>,
    /// `404.rs`, `500.rs`, `_app.rs`, `_document.rs`.
    pub special: Vec<PageFile>,
    /// `src/middleware.rs`, when the app has one (see [`discover_middleware`]).
    pub middleware: Option<PathBuf>,
}

/// One page file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFile {
    /// Relative to `src/pages/`, with `/` separators: `posts/[id].rs`.
    pub file: String,
    /// Absolute path, for the generated `#[path]`.
    pub path: PathBuf,
    /// What the file is for: a route or a special page.
    pub role: PageRole,
    /// The generated module's name: warning-free and unique, e.g. `posts_id_param`.
    pub module: String,
}

/// What a page file is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageRole {
    /// A route, with its Next.js pattern: `/posts/[id]`.
    Route {
        /// The route pattern.
        pattern: String,
    },
    /// `404.rs`: the not-found page.
    NotFound,
    /// `500.rs`: the internal-error page.
    InternalError,
    /// `_app.rs`: wraps every page.
    App,
    /// `_document.rs`: the HTML shell.
    Document,
}

impl PageRole {
    /// The role of a special file.
    pub fn special(file: SpecialFile) -> Self {
        match file {
            SpecialFile::NotFound => PageRole::NotFound,
            SpecialFile::InternalError => PageRole::InternalError,
            SpecialFile::App => PageRole::App,
            SpecialFile::Document => PageRole::Document,
        }
    }
}

/// Finds every page under `pages_dir` (sorted walk), checks Next.js's route-tree rules and
/// that each file has a `#[page]`, and orders the routes. Reports every problem at once.
pub fn discover(pages_dir: &Path) -> Result<PageTree, BuildErrors> {
    if !pages_dir.is_dir() {
        return Err(BuildError::NoPagesDir {
            path: pages_dir.to_owned(),
        }
        .into());
    }
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for path in walk::files(pages_dir, false, &mut errors) {
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        match read_page(pages_dir, &path) {
            Ok(page) => files.push(page),
            Err(err) => errors.push(err),
        }
    }

    let mut tree = RouteTree::new();
    let mut special = Vec::new();
    for (index, page) in files.iter().enumerate() {
        if let PageRole::Route { pattern } = &page.role {
            let segments = crate::routes::parse_pattern(pattern)
                .expect("patterns are built from already-parsed segments");
            if let Err(err) = tree.insert(&segments, index, &page.file) {
                errors.push(err.into());
            }
        } else {
            special.push(page.clone());
        }
    }
    if !errors.is_empty() {
        return Err(BuildErrors(errors));
    }
    let routes = tree
        .sorted()
        .into_iter()
        .map(|&i| files[i].clone())
        .collect();
    let mut pages = PageTree {
        routes,
        special,
        middleware: None,
    };
    assign_module_names(&mut pages);
    Ok(pages)
}

fn read_page(pages_dir: &Path, path: &Path) -> Result<PageFile, BuildError> {
    let parts = walk::relative_parts(pages_dir, path)?;
    let file = parts.join("/");
    let role = match SpecialFile::from_relative(&file) {
        Some(special) => PageRole::special(special),
        None => PageRole::Route {
            pattern: route_pattern(&file)?,
        },
    };
    let source = std::fs::read_to_string(path).map_err(|source| BuildError::Io {
        path: path.to_owned(),
        source,
    })?;
    // A file that does not parse is left to the compiler, which reports it precisely.
    if let Some(marked) = marked_fns(&source) {
        if is_api_route(&file) {
            if !has_top_level(&marked, Attribute::Api) {
                return Err(BuildError::MissingApiHandler { file });
            }
        } else if !has_top_level(&marked, Attribute::Page) {
            return Err(BuildError::MissingPage { file });
        }
    }
    Ok(PageFile {
        file,
        path: path.to_owned(),
        role,
        module: String::new(),
    })
}

/// `posts/[id].rs` → `/posts/[id]`; a trailing `index.rs` names its folder.
fn route_pattern(file: &str) -> Result<String, BuildError> {
    next_conventions::files::route_pattern(file).map_err(|source| BuildError::Segment {
        file: file.to_owned(),
        source,
    })
}

/// Gives each page a module name that is a valid, lint-clean identifier, unique in `pages`.
fn assign_module_names(pages: &mut PageTree) {
    let mut taken = HashSet::new();
    for page in pages.routes.iter_mut().chain(pages.special.iter_mut()) {
        let base = module_name(&page.file);
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        page.module = name;
    }
}

/// `posts/[id].rs` → `posts_id_param`, `docs/[[...slug]].rs` → `docs_slug_optional_catch_all`.
fn module_name(file: &str) -> String {
    let words: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(|part| match Segment::parse(part) {
            Ok(Segment::Param(name)) => format!("{name}_param"),
            Ok(Segment::CatchAll(name)) => format!("{name}_catch_all"),
            Ok(Segment::OptionalCatchAll(name)) => format!("{name}_optional_catch_all"),
            _ => part.to_owned(),
        })
        .collect();
    let joined = words.join("_");
    let mapped = joined.chars().map(|c| match c {
        'a'..='z' | '0'..='9' => c,
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => '_',
    });
    // One `_` between words and none at the ends, so `non_snake_case` stays quiet.
    let mut name = String::new();
    for c in mapped {
        if !(c == '_' && (name.is_empty() || name.ends_with('_'))) {
            name.push(c);
        }
    }
    while name.ends_with('_') {
        name.pop();
    }
    // `gen` is reserved from edition 2024, which `syn` does not know about.
    let reserved = name == "gen" || syn::parse_str::<syn::Ident>(&name).is_err();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) || reserved {
        name = format!("page_{name}");
    }
    name
}

/// `src/middleware.rs` under `crate_dir`, if it exists: it must mark one top-level function
/// `#[middleware]`.
pub fn discover_middleware(crate_dir: &Path) -> Result<Option<PathBuf>, BuildError> {
    let path = crate_dir.join(next_conventions::files::MIDDLEWARE_FILE);
    if !path.is_file() {
        return Ok(None);
    }
    let source = std::fs::read_to_string(&path).map_err(|source| BuildError::Io {
        path: path.clone(),
        source,
    })?;
    // A file that does not parse is left to the compiler, which says more.
    if let Some(marked) = marked_fns(&source) {
        if !has_top_level(&marked, Attribute::Middleware) {
            return Err(BuildError::MissingMiddleware);
        }
    }
    Ok(Some(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_are_identifiers() {
        assert_eq!(module_name("index.rs"), "index");
        assert_eq!(module_name("posts/[id].rs"), "posts_id_param");
        assert_eq!(
            module_name("docs/[[...slug]].rs"),
            "docs_slug_optional_catch_all"
        );
        assert_eq!(module_name("404.rs"), "page_404");
        assert_eq!(module_name("type.rs"), "page_type");
        assert_eq!(module_name("About-Us.rs"), "about_us");
        assert_eq!(module_name("post-[id].rs"), "post_id");
        assert_eq!(module_name("blog/_drafts.rs"), "blog_drafts");
        assert_eq!(module_name("_app.rs"), "app");
        assert_eq!(module_name("gen.rs"), "page_gen");
        assert_eq!(module_name("__.rs"), "page_");
    }
}
