//! Request-time matching: the request path against the route tree, then params bound from
//! the matched pattern. Costs O(path segments) whatever the number of pages.

use std::borrow::Cow;

use percent_encoding::percent_decode_str;

use crate::context::{ParamValue, Params};
use crate::routes::{parse_pattern, RouteTree, RouteTreeError, Segment, SegmentError};
use crate::RouteInfo;

/// The route table ready for matching, built once per process.
pub(crate) struct Router {
    tree: RouteTree<usize>,
    /// Each route's parsed pattern, by index into the route table.
    patterns: Vec<Vec<Segment<'static>>>,
}

/// A path segment that is not valid percent-encoded UTF-8 (Next's `DecodeError`).
#[derive(Debug, thiserror::Error)]
#[error("failed to decode param: {segment:?} is not valid percent-encoded UTF-8")]
pub(crate) struct DecodeError {
    segment: String,
}

/// A generated route table the router cannot use; the build script rules these out.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RouterError {
    #[error("route {pattern:?}: {source}")]
    Pattern {
        pattern: &'static str,
        source: SegmentError,
    },
    #[error(transparent)]
    Tree(#[from] RouteTreeError),
}

impl Router {
    pub fn new(routes: &[RouteInfo]) -> Result<Self, RouterError> {
        let mut tree = RouteTree::new();
        let mut patterns = Vec::with_capacity(routes.len());
        for (index, route) in routes.iter().enumerate() {
            let pattern = route.pattern();
            let segments = parse_pattern(pattern)
                .map_err(|source| RouterError::Pattern { pattern, source })?;
            tree.insert(&segments, index, route.file())?;
            patterns.push(segments);
        }
        Ok(Router { tree, patterns })
    }

    /// Route `index`'s pattern, parsed once when the router was built.
    pub fn pattern(&self, index: usize) -> &[Segment<'static>] {
        &self.patterns[index]
    }

    /// Whether route `index` has params (Next's dynamic routes, tried after the afterFiles
    /// rewrites).
    pub fn is_dynamic(&self, index: usize) -> bool {
        self.patterns[index]
            .iter()
            .any(|segment| !matches!(segment, Segment::Static(_)))
    }

    /// The path of route `index` with `params`, each value percent-encoded as one segment
    /// (a catch-all's values as one segment each): the canonical spelling of a matched
    /// path, whatever escapes the request used. `None` when a param is missing.
    pub fn path_of(&self, index: usize, params: &Params) -> Option<String> {
        let mut path = String::new();
        self.push_path(&mut path, index, params)?;
        Some(path)
    }

    /// [`Router::path_of`], written at the end of `out` (`None`, and `out` partly
    /// written, when a param is missing).
    pub fn push_path(&self, out: &mut String, index: usize, params: &Params) -> Option<()> {
        let start = out.len();
        let mut push = |value: &str| {
            out.push('/');
            out.push_str(&crate::ssg::encode_segment(value));
        };
        for segment in &self.patterns[index] {
            match *segment {
                Segment::Static(name) => push(name),
                Segment::Param(name) => push(params.get(name)?),
                Segment::CatchAll(name) => {
                    let values = params.get_all(name).filter(|v| !v.is_empty())?;
                    values.iter().for_each(|value| push(value));
                }
                Segment::OptionalCatchAll(name) => {
                    let values = params.get_all(name).unwrap_or_default();
                    values.iter().for_each(|value| push(value));
                }
            }
        }
        if out.len() == start {
            out.push('/');
        }
        Some(())
    }

    /// The index of the matching route with its params, `Ok(None)` when nothing matches.
    pub fn find(&self, path: &str) -> Result<Option<(usize, Params)>, DecodeError> {
        let decoded = split_and_decode(path)?;
        let Some(&index) = self.tree.find(&decoded) else {
            return Ok(None);
        };
        Ok(Some((index, bind_params(&self.patterns[index], decoded))))
    }
}

/// Where to redirect a path that is not canonical, `None` for a canonical one. Backslashes
/// become slashes and repeated slashes collapse (Next's `normalizeRepeatedSlashes`). With
/// `trailing_slash` off (Next's default) a trailing slash goes; on, a path gains one unless
/// its last segment is a file name (`a.css`), which loses it, as Next's own redirects do
/// (`.well-known` paths excepted). The result never starts with `//`, so it cannot become
/// a redirect to another host.
pub(crate) fn canonical_path(path: &str, trailing_slash: bool) -> Option<String> {
    let has_slash = path.len() > 1 && path.ends_with('/');
    let plain = !path.contains('\\') && !path.contains("//");
    if plain && !trailing_slash && !has_slash {
        return None;
    }
    let mut clean = normalize_slashes(path);
    if clean.len() > 1 && clean.ends_with('/') {
        clean.pop();
    }
    // Decided on the cleaned path, so the answer is canonical itself.
    if trailing_slash && clean != "/" && slash_wanted(&clean, has_slash) {
        clean.push('/');
    }
    (clean != path).then_some(clean)
}

/// Next's `normalizeRepeatedSlashes`: backslashes as slashes, each run of slashes as one,
/// so the result never starts with `//` (another host, to a browser).
pub(crate) fn normalize_slashes(path: &str) -> String {
    let mut clean = String::with_capacity(path.len() + 1);
    for c in path.chars().map(|c| if c == '\\' { '/' } else { c }) {
        if !(c == '/' && clean.ends_with('/')) {
            clean.push(c);
        }
    }
    clean
}

/// Whether `trailingSlash: true` serves `path` with a slash: yes unless its last segment is
/// a file name (`a.css`); a `/.well-known/` path keeps what it has.
pub(crate) fn slash_wanted(path: &str, had_slash: bool) -> bool {
    let trimmed = path.trim_end_matches('/');
    if trimmed == "/.well-known" || trimmed.starts_with("/.well-known/") {
        return had_slash;
    }
    let last = trimmed.rsplit('/').next().unwrap_or("");
    let file = last.rsplit_once('.').is_some_and(|(_, extension)| {
        !extension.is_empty()
            && extension
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    });
    !file
}

/// Splits on `/` first, then decodes each segment, so `%2F` stays inside its segment.
fn split_and_decode(path: &str) -> Result<Vec<Cow<'_, str>>, DecodeError> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| {
            let bad = || DecodeError {
                segment: segment.to_owned(),
            };
            if !has_valid_escapes(segment) {
                return Err(bad());
            }
            percent_decode_str(segment).decode_utf8().map_err(|_| bad())
        })
        .collect()
}

/// Whether every `%` starts a two-hex-digit escape (`decodeURIComponent` throws otherwise).
fn has_valid_escapes(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

fn bind_params(pattern: &[Segment<'static>], decoded: Vec<Cow<'_, str>>) -> Params {
    let mut params = Params::default();
    let mut values = decoded.into_iter();
    for segment in pattern {
        match *segment {
            Segment::Static(_) => {
                values.next();
            }
            Segment::Param(name) => {
                if let Some(value) = values.next() {
                    params.push(name, ParamValue::One(value.into_owned()));
                }
            }
            Segment::CatchAll(name) | Segment::OptionalCatchAll(name) => {
                let rest: Vec<String> = values.by_ref().map(Cow::into_owned).collect();
                if !rest.is_empty() {
                    params.push(name, ParamValue::Many(rest));
                }
            }
        }
    }
    params
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handler::PageHandler;

    fn router(patterns: &[&'static str]) -> Router {
        fn empty() -> crate::Page {
            crate::Page::default()
        }
        let routes: Vec<RouteInfo> = patterns
            .iter()
            .map(|p| crate::handler::route(p, p, PageHandler::Static(empty)))
            .collect();
        Router::new(&routes).unwrap()
    }

    #[test]
    fn path_of_spells_a_matched_path_canonically() {
        let router = router(&["/posts/[id]", "/docs/[[...slug]]", "/a/[...rest]"]);
        for (path, canonical) in [
            ("/posts/%31", "/posts/1"),
            ("/posts/a%2Fb", "/posts/a%2Fb"),
            ("/posts/caf%c3%a9", "/posts/caf%C3%A9"),
            ("/docs", "/docs"),
            ("/docs/x/y", "/docs/x/y"),
            ("/a/b%20c/d", "/a/b%20c/d"),
        ] {
            let (index, params) = router.find(path).unwrap().unwrap();
            assert_eq!(
                router.path_of(index, &params).as_deref(),
                Some(canonical),
                "{path}"
            );
            // The canonical path is the same page.
            assert_eq!(
                router.find(canonical).unwrap().unwrap(),
                (index, params),
                "{path}"
            );
        }
    }

    #[test]
    fn decodes_each_segment_after_splitting() {
        let router = router(&["/all/[...path]", "/p/[id]"]);
        let (index, params) = router.find("/all/test1/%2Ftest2").unwrap().unwrap();
        assert_eq!(index, 0);
        assert_eq!(params.get_all("path").unwrap(), ["test1", "/test2"]);
        let (_, params) = router.find("/p/hello%20world").unwrap().unwrap();
        assert_eq!(params.get("id"), Some("hello world"));
    }

    #[test]
    fn empty_optional_catch_all_is_absent() {
        let router = router(&["/docs/[[...slug]]"]);
        let (_, params) = router.find("/docs").unwrap().unwrap();
        assert!(params.is_empty());
    }

    #[test]
    fn canonical_paths_collapse_slashes_and_drop_the_trailing_one() {
        assert_eq!(canonical_path("/posts/1", false), None);
        assert_eq!(canonical_path("/", false), None);
        assert_eq!(
            canonical_path("/posts/1/", false).as_deref(),
            Some("/posts/1")
        );
        assert_eq!(
            canonical_path("//posts///1", false).as_deref(),
            Some("/posts/1")
        );
        assert_eq!(
            canonical_path("/posts\\1", false).as_deref(),
            Some("/posts/1")
        );
        assert_eq!(
            canonical_path("//evil.example", false).as_deref(),
            Some("/evil.example")
        );
        assert_eq!(canonical_path("//", false).as_deref(), Some("/"));
    }

    #[test]
    fn trailing_slash_mode_adds_it_to_pages_and_takes_it_from_files() {
        let canonical = |path| canonical_path(path, true);
        assert_eq!(canonical("/about").as_deref(), Some("/about/"));
        assert_eq!(canonical("/about/"), None);
        assert_eq!(canonical("/"), None);
        assert_eq!(canonical("//about").as_deref(), Some("/about/"));
        assert_eq!(
            canonical("/styles/site.css/").as_deref(),
            Some("/styles/site.css")
        );
        assert_eq!(canonical("/styles/site.css"), None);
        assert_eq!(canonical("/_next/data/b/posts/1.json"), None);
        assert_eq!(
            canonical("/blog/v1.2"),
            None,
            "a dot and a digit: a file name, as in Next"
        );
        assert_eq!(canonical("/.well-known/security.txt"), None);
        assert_eq!(canonical("/.well-known/thing"), None, "exempt either way");
        assert_eq!(canonical("/.well-known/thing/"), None);
    }

    #[test]
    fn bad_escapes_are_errors_not_panics() {
        let router = router(&["/p/[id]"]);
        assert!(router.find("/p/%zz").is_err());
        assert!(router.find("/p/%").is_err());
        assert!(router.find("/p/%ff").is_err(), "not UTF-8");
        assert!(router.find("/nothing").unwrap().is_none());
    }
}
