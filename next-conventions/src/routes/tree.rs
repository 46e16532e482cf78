//! The route tree: Next.js's `UrlNode` from `sorted-routes.ts`, shared by the build script
//! (validation and ordering) and the runtime router (matching).
//!
//! Each node holds its own page, static children, and at most one `[param]`, one
//! `[...catchAll]` and one `[[...optional]]` child. Next's priority is the depth-first walk
//! own page → static children (sorted) → `[param]` → `[...catchAll]` → `[[...optional]]`, so
//! matching by that same walk with backtracking gives exactly "the first route in sorted
//! order that matches", in time bounded by the path's segments rather than the page count.

use std::collections::HashMap;
use std::fmt;

use super::segment::Segment;

/// A route tree whose pages carry a value `V` (an index, a handler...).
#[derive(Debug)]
pub struct RouteTree<V> {
    root: Node<V>,
}

#[derive(Debug)]
struct Node<V> {
    page: Option<Leaf<V>>,
    /// Keyed by the app's own segment names, looked up once per request segment: a fast
    /// hash (an attacker's path can only look up, never insert).
    statics: HashMap<Box<str>, Node<V>, foldhash::fast::RandomState>,
    param: Option<Dynamic<V>>,
    catch_all: Option<Dynamic<V>>,
    optional_catch_all: Option<Dynamic<V>>,
}

#[derive(Debug)]
struct Leaf<V> {
    value: V,
    file: Box<str>,
}

/// A dynamic child: every route through it must use the same parameter name.
#[derive(Debug)]
struct Dynamic<V> {
    name: Box<str>,
    /// The file that first introduced `name`, for error messages.
    file: Box<str>,
    node: Box<Node<V>>,
}

/// A page tree that Next.js would refuse, with its rule and the page files involved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteTreeError {
    /// Next.js's own wording of the broken rule.
    pub rule: String,
    /// The page files involved (relative to `src/pages/`), the earlier one first.
    pub files: Vec<String>,
}

impl fmt::Display for RouteTreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rule)?;
        for file in &self.files {
            write!(f, "\n    src/pages/{file}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RouteTreeError {}

impl<V> Default for RouteTree<V> {
    fn default() -> Self {
        RouteTree {
            root: Node::default(),
        }
    }
}

impl<V> Default for Node<V> {
    fn default() -> Self {
        Node {
            page: None,
            statics: HashMap::default(),
            param: None,
            catch_all: None,
            optional_catch_all: None,
        }
    }
}

impl<V> RouteTree<V> {
    /// An empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the page of `file` at `segments`, enforcing Next.js's route-tree rules.
    pub fn insert<'a>(
        &mut self,
        segments: &[Segment<'a>],
        value: V,
        file: &str,
    ) -> Result<(), RouteTreeError> {
        let mut node = &mut self.root;
        let mut slug_names: Vec<&'a str> = Vec::new();
        for (depth, segment) in segments.iter().enumerate() {
            if segment.is_catch_all() && depth + 1 != segments.len() {
                return Err(rule(
                    "Catch-all must be the last part of the URL.".into(),
                    [file],
                ));
            }
            let here = display_path(&segments[..depth]);
            node = node.child(*segment, &here, file, &mut slug_names)?;
        }
        node.place(segments, value, file)
    }

    /// The pages in Next.js's priority order (`getSortedRoutes`).
    pub fn sorted(&self) -> Vec<&V> {
        let mut out = Vec::new();
        self.root.walk(&mut out);
        out
    }

    /// The highest-priority page matching `path` (already split and decoded), if any.
    pub fn find<S: AsRef<str>>(&self, path: &[S]) -> Option<&V> {
        self.root.find(path)
    }
}

impl<V> Node<V> {
    /// The child `segment` leads to, made if new, checking the rules of its level.
    fn child<'a>(
        &mut self,
        segment: Segment<'a>,
        here: &str,
        file: &str,
        slug_names: &mut Vec<&'a str>,
    ) -> Result<&mut Node<V>, RouteTreeError> {
        Ok(match segment {
            Segment::Static(name) => self.statics.entry(name.into()).or_default(),
            Segment::Param(name) => &mut claim(&mut self.param, name, file, slug_names)?.node,
            Segment::CatchAll(name) => {
                if let Some(optional) = &self.optional_catch_all {
                    return Err(rule(
                        format!(
                            "You cannot use both an optional and required catch-all route at the same level (\"[[...{}]]\" and \"{segment}\").",
                            optional.name
                        ),
                        [&*optional.file, file],
                    ));
                }
                &mut claim(&mut self.catch_all, name, file, slug_names)?.node
            }
            Segment::OptionalCatchAll(name) => {
                if let Some(required) = &self.catch_all {
                    return Err(rule(
                        format!(
                            "You cannot use both a required and optional catch-all route at the same level (\"[...{}]\" and \"{segment}\").",
                            required.name
                        ),
                        [&*required.file, file],
                    ));
                }
                if let Some(page) = &self.page {
                    return Err(same_specificity(here, name, &page.file, file));
                }
                &mut claim(&mut self.optional_catch_all, name, file, slug_names)?.node
            }
        })
    }

    /// Puts the page of `file` at this node, the end of `segments`.
    fn place(
        &mut self,
        segments: &[Segment<'_>],
        value: V,
        file: &str,
    ) -> Result<(), RouteTreeError> {
        if let Some(existing) = &self.page {
            return Err(rule(
                format!(
                    "Duplicate page detected. \"{}\" and \"{file}\" both resolve to \"{}\".",
                    existing.file,
                    display_path(segments)
                ),
                [&*existing.file, file],
            ));
        }
        if let Some(optional) = &self.optional_catch_all {
            return Err(same_specificity(
                &display_path(segments),
                &optional.name,
                file,
                &optional.file,
            ));
        }
        self.page = Some(Leaf {
            value,
            file: file.into(),
        });
        Ok(())
    }

    fn walk<'a>(&'a self, out: &mut Vec<&'a V>) {
        if let Some(page) = &self.page {
            out.push(&page.value);
        }
        let mut statics: Vec<_> = self.statics.iter().collect();
        statics.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (_, child) in statics {
            child.walk(out);
        }
        for dynamic in [&self.param, &self.catch_all, &self.optional_catch_all]
            .into_iter()
            .flatten()
        {
            dynamic.node.walk(out);
        }
    }

    fn find<S: AsRef<str>>(&self, path: &[S]) -> Option<&V> {
        let Some((first, rest)) = path.split_first() else {
            return self
                .page
                .as_ref()
                .map(|page| &page.value)
                .or_else(|| leaf_value(&self.optional_catch_all));
        };
        if let Some(found) = self
            .statics
            .get(first.as_ref())
            .and_then(|child| child.find(rest))
        {
            return Some(found);
        }
        if let Some(found) = self.param.as_ref().and_then(|p| p.node.find(rest)) {
            return Some(found);
        }
        // Catch-alls are always last, so their node's own page is the match.
        leaf_value(&self.catch_all).or_else(|| leaf_value(&self.optional_catch_all))
    }
}

fn leaf_value<V>(dynamic: &Option<Dynamic<V>>) -> Option<&V> {
    dynamic
        .as_ref()
        .and_then(|d| d.node.page.as_ref())
        .map(|page| &page.value)
}

/// Takes the dynamic slot of a node for `name`, applying Next's slug-name rules.
fn claim<'s, 'a, V>(
    slot: &'s mut Option<Dynamic<V>>,
    name: &'a str,
    file: &str,
    slug_names: &mut Vec<&'a str>,
) -> Result<&'s mut Dynamic<V>, RouteTreeError> {
    if let Some(existing) = slot.as_ref() {
        if &*existing.name != name {
            return Err(rule(
                format!(
                    "You cannot use different slug names for the same dynamic path ('{}' !== '{name}').",
                    existing.name
                ),
                [&*existing.file, file],
            ));
        }
    }
    for previous in slug_names.iter() {
        if *previous == name {
            return Err(rule(
                format!("You cannot have the same slug name \"{name}\" repeat within a single dynamic path"),
                [file],
            ));
        }
        if word_chars(previous) == word_chars(name) {
            return Err(rule(
                format!("You cannot have the slug names \"{previous}\" and \"{name}\" differ only by non-word symbols within a single dynamic path"),
                [file],
            ));
        }
    }
    slug_names.push(name);
    Ok(slot.get_or_insert_with(|| Dynamic {
        name: name.into(),
        file: file.into(),
        node: Box::default(),
    }))
}

fn word_chars(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// Next's message, to the letter: `"/docs" and "/docs[[...slug]]"`, with no `/` before `[[`.
fn same_specificity(
    path: &str,
    name: &str,
    page_file: &str,
    optional_file: &str,
) -> RouteTreeError {
    rule(
        format!("You cannot define a route with the same specificity as a optional catch-all route (\"{path}\" and \"{path}[[...{name}]]\")."),
        [page_file, optional_file],
    )
}

fn rule<const N: usize>(rule: String, files: [&str; N]) -> RouteTreeError {
    RouteTreeError {
        rule,
        files: files.iter().map(|f| f.to_string()).collect(),
    }
}

/// `/a/[b]` for display; `/` for the root.
pub fn display_path(segments: &[Segment<'_>]) -> String {
    if segments.is_empty() {
        return "/".into();
    }
    segments.iter().map(|s| format!("/{s}")).collect()
}
