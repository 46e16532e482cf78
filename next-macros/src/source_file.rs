//! Where an attribute is used, and what the page file around it declares.
//!
//! The token stream of one function cannot tell whether it sits in a page file, inside an
//! `impl` block without `self`, or beside a second props function. The compiler tells us the
//! file (`Span::local_file`, stable since Rust 1.88), and we read that file with `syn`.

use std::path::{Component, Path, PathBuf};

pub use next_conventions::attributes::Attribute;
pub use next_conventions::files::SpecialFile;
use next_conventions::files::{self, PAGES_DIR};
pub use next_conventions::marked::{MarkedFn, Place};

/// Where the attribute being expanded lives.
pub enum Location {
    /// A file under `src/pages/`.
    Page(PageFile),
    /// Any other file; `shown` is its path for messages.
    Outside { shown: String },
    /// The compiler did not say (e.g. an IDE's expansion): file checks are skipped.
    Unknown,
}

pub struct PageFile {
    /// Relative to `src/pages/`: `posts/[id].rs`.
    pub relative: String,
    pub special: Option<SpecialFile>,
    /// The marked functions of the file; `None` if it cannot be read or parsed.
    pub items: Option<Vec<MarkedFn>>,
}

impl PageFile {
    /// The first top-level function marked with `attribute`, if it is not `name`: a page
    /// file has one of each, so a later one is a duplicate.
    pub fn earlier_than(&self, attribute: Attribute, name: &syn::Ident) -> Option<&MarkedFn> {
        self.items
            .iter()
            .flatten()
            .find(|f| f.attribute == attribute && f.place == Place::TopLevel)
            .filter(|first| *name != first.name)
    }

    /// Whether any function of the file, wherever declared, is marked with `attribute`.
    pub fn any(&self, attribute: Attribute) -> bool {
        self.items
            .iter()
            .flatten()
            .any(|f| f.attribute == attribute)
    }

    /// Where `name` is declared, when every marked function of that name is declared
    /// somewhere other than the top level (an `impl`, a trait, a nested module).
    pub fn misplaced(&self, attribute: Attribute, name: &str) -> Option<&Place> {
        let mut same_name = self
            .items
            .iter()
            .flatten()
            .filter(|f| f.attribute == attribute && f.name == name);
        let first = same_name.next()?;
        let all_misplaced =
            first.place != Place::TopLevel && same_name.all(|f| f.place != Place::TopLevel);
        all_misplaced.then_some(&first.place)
    }

    /// Whether the file is an API route (under `src/pages/api/`).
    pub fn is_api(&self) -> bool {
        files::is_api_route(&self.relative)
    }

    /// `src/pages/posts/[id].rs`
    pub fn shown(&self) -> String {
        files::shown(&self.relative)
    }
}

/// What is wrong with where a marked function sits in its page file.
pub enum PlaceProblem<'a> {
    /// Not at the top level: in an `impl`, a trait, a nested module or function.
    Misplaced(&'a Place),
    /// The file already has one, declared earlier.
    Duplicate(&'a MarkedFn),
}

impl PageFile {
    /// The one check both `#[page]` and `#[get_server_side_props]` make of their function
    /// `name`: a page file has one of each, at its top level.
    pub fn place_problem(
        &self,
        attribute: Attribute,
        name: &syn::Ident,
    ) -> Option<PlaceProblem<'_>> {
        if let Some(place) = self.misplaced(attribute, &name.to_string()) {
            return Some(PlaceProblem::Misplaced(place));
        }
        self.earlier_than(attribute, name)
            .map(PlaceProblem::Duplicate)
    }
}

/// Locates the file of the attribute being expanded; `Unknown` outside a macro expansion
/// (the expansion snapshot tests).
pub fn locate() -> Location {
    let Some((absolute, path)) = expanded_file() else {
        return Location::Unknown;
    };
    match pages_relative(&absolute) {
        Some(relative) => Location::Page(PageFile {
            special: SpecialFile::from_relative(&relative),
            relative,
            items: std::fs::read_to_string(&absolute)
                .ok()
                .and_then(|source| next_conventions::marked::marked_fns(&source)),
        }),
        None => Location::Outside {
            shown: shown_path(&absolute, &path),
        },
    }
}

/// Where `#[middleware]` is used: `Ok(())` in the crate's `src/middleware.rs` (for a file
/// outside the crate, a trybuild case, any `.../src/middleware.rs`), else `Err` with the
/// file as messages show it; `Ok(())` when the compiler does not say.
pub fn in_middleware_file() -> Result<(), String> {
    let Some((absolute, path)) = expanded_file() else {
        return Ok(());
    };
    let crate_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let expected = Path::new(files::MIDDLEWARE_FILE);
    let is_middleware = match crate_dir.as_deref().map(|dir| absolute.strip_prefix(dir)) {
        Some(Ok(relative)) => names(relative) == names(expected),
        _ => names(&absolute).ends_with(&names(expected)),
    };
    match is_middleware {
        true => Ok(()),
        false => Err(shown_path(&absolute, &path)),
    }
}

/// The file of the attribute being expanded, absolute and as rustc named it; `None`
/// outside a macro expansion (the expansion snapshot tests) or when the compiler does not
/// say (an IDE's expansion).
fn expanded_file() -> Option<(PathBuf, PathBuf)> {
    if !proc_macro::is_available() {
        return None;
    }
    let path = proc_macro::Span::call_site().local_file()?;
    // rustc names files relative to the directory it runs in.
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(&path))
        .unwrap_or_else(|_| path.clone());
    Some((absolute, path))
}

/// The part of the (absolute) `path` under the crate's `src/pages/`, with `/` separators;
/// for a file outside the crate's own directory (a trybuild case), under its last
/// `src/pages/`.
fn pages_relative(path: &Path) -> Option<String> {
    let crate_pages =
        std::env::var_os("CARGO_MANIFEST_DIR").map(|dir| PathBuf::from(dir).join(PAGES_DIR));
    if let Some(relative) = crate_pages.and_then(|pages| path.strip_prefix(pages).ok()) {
        return Some(names(relative).join("/")).filter(|r| !r.is_empty());
    }
    last_pages_anchor(path)
}

/// The names of a path's folders and file, without roots or `.`/`..`.
fn names(path: &Path) -> Vec<&str> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect()
}

/// The part of `path` after its last `src/pages/`.
fn last_pages_anchor(path: &Path) -> Option<String> {
    let parts = names(path);
    let anchor = parts
        .windows(2)
        .rposition(|pair| pair.join("/") == PAGES_DIR)?;
    let rest = &parts[anchor + 2..];
    (!rest.is_empty()).then(|| rest.join("/"))
}

/// The file relative to the crate when possible (`src/components/nav.rs`), else as rustc
/// named it.
fn shown_path(absolute: &Path, as_named: &Path) -> String {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    manifest_dir
        .and_then(|dir| absolute.strip_prefix(dir).ok())
        .unwrap_or(as_named)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_part_under_src_pages() {
        assert_eq!(
            last_pages_anchor(Path::new("/app/src/pages/posts/[id].rs")).as_deref(),
            Some("posts/[id].rs")
        );
        assert_eq!(
            last_pages_anchor(Path::new("src/pages/src/pages/x.rs")).as_deref(),
            Some("x.rs")
        );
        assert_eq!(last_pages_anchor(Path::new("/app/src/main.rs")), None);
        assert_eq!(last_pages_anchor(Path::new("/app/src/pages")), None);
        // Inside the crate, its own `src/pages/` is the anchor, however deep the file.
        let crate_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap();
        let nested = Path::new(&crate_dir).join("src/pages/src/pages/404.rs");
        assert_eq!(pages_relative(&nested).as_deref(), Some("src/pages/404.rs"));
    }
}
