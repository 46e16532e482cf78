//! One path segment of a route pattern, as written in a page file name: `posts`, `[id]`,
//! `[...slug]` or `[[...slug]]`.

use std::fmt;

/// A parsed route segment. Borrowed, so the runtime can parse its `&'static` patterns at
/// start-up with the same grammar the build script uses on file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Segment<'a> {
    /// A literal segment: `posts`.
    Static(&'a str),
    /// `[id]`: exactly one segment, bound to `id`.
    Param(&'a str),
    /// `[...slug]`: one or more segments, bound to `slug` as a list.
    CatchAll(&'a str),
    /// `[[...slug]]`: zero or more segments; `slug` is absent when there are none.
    OptionalCatchAll(&'a str),
}

/// A segment that breaks Next.js's naming rules. The messages are Next's own
/// (`sorted-routes.ts`), so they can be searched for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SegmentError {
    /// `[[id]`, `[id]]`.
    #[error("Segment names may not start or end with extra brackets ('{0}').")]
    ExtraBrackets(String),
    /// `[..id]`, `[....id]`.
    #[error("Segment names may not start with erroneous periods ('{0}').")]
    ErroneousPeriods(String),
    /// `[…id]`: a typographic ellipsis for `...`.
    #[error("Detected a three-dot character ('…') at ('{0}'). Did you mean ('...')?")]
    ThreeDotCharacter(String),
    /// `[[id]]`: an optional single param, which Next does not support.
    #[error("Optional route parameters are not yet supported (\"{0}\").")]
    OptionalParam(String),
    /// `[]`, `[...]`.
    #[error("Segment names may not be empty ('{0}').")]
    EmptyName(String),
}

impl<'a> Segment<'a> {
    /// Parses one segment. Only a whole `[...]` segment is dynamic, as in Next.js.
    pub fn parse(segment: &'a str) -> Result<Self, SegmentError> {
        let Some(inner) = segment.strip_prefix('[').and_then(|s| s.strip_suffix(']')) else {
            return Ok(Segment::Static(segment));
        };
        let (name, optional) = match inner.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            Some(name) => (name, true),
            None => (inner, false),
        };
        if name.starts_with('…') {
            return Err(SegmentError::ThreeDotCharacter(name.to_owned()));
        }
        let (name, catch_all) = match name.strip_prefix("...") {
            Some(name) => (name, true),
            None => (name, false),
        };
        if name.starts_with('[') || name.ends_with(']') {
            return Err(SegmentError::ExtraBrackets(name.to_owned()));
        }
        if name.starts_with('.') {
            return Err(SegmentError::ErroneousPeriods(name.to_owned()));
        }
        if name.is_empty() {
            return Err(SegmentError::EmptyName(segment.to_owned()));
        }
        match (catch_all, optional) {
            (false, false) => Ok(Segment::Param(name)),
            (false, true) => Err(SegmentError::OptionalParam(segment.to_owned())),
            (true, false) => Ok(Segment::CatchAll(name)),
            (true, true) => Ok(Segment::OptionalCatchAll(name)),
        }
    }

    /// The parameter name of a dynamic segment.
    pub fn param_name(&self) -> Option<&'a str> {
        match *self {
            Segment::Static(_) => None,
            Segment::Param(name) | Segment::CatchAll(name) | Segment::OptionalCatchAll(name) => {
                Some(name)
            }
        }
    }

    /// Whether this segment takes the rest of the path.
    pub fn is_catch_all(&self) -> bool {
        matches!(self, Segment::CatchAll(_) | Segment::OptionalCatchAll(_))
    }
}

impl fmt::Display for Segment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Static(s) => f.write_str(s),
            Segment::Param(name) => write!(f, "[{name}]"),
            Segment::CatchAll(name) => write!(f, "[...{name}]"),
            Segment::OptionalCatchAll(name) => write!(f, "[[...{name}]]"),
        }
    }
}

/// Splits a route pattern such as `/posts/[id]` into its segments (`/` has none).
pub fn parse_pattern(pattern: &str) -> Result<Vec<Segment<'_>>, SegmentError> {
    pattern
        .split('/')
        .filter(|s| !s.is_empty())
        .map(Segment::parse)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_kind() {
        assert_eq!(Segment::parse("posts"), Ok(Segment::Static("posts")));
        assert_eq!(Segment::parse("[id]"), Ok(Segment::Param("id")));
        assert_eq!(Segment::parse("[...slug]"), Ok(Segment::CatchAll("slug")));
        assert_eq!(
            Segment::parse("[[...slug]]"),
            Ok(Segment::OptionalCatchAll("slug"))
        );
        // Only whole segments are dynamic.
        assert_eq!(Segment::parse("a[id]"), Ok(Segment::Static("a[id]")));
    }

    #[test]
    fn rejects_what_next_rejects() {
        assert_eq!(
            Segment::parse("[[id]]"),
            Err(SegmentError::OptionalParam("[[id]]".into()))
        );
        assert_eq!(
            Segment::parse("[...[x]]"),
            Err(SegmentError::ExtraBrackets("[x]".into()))
        );
        assert_eq!(
            Segment::parse("[.x]"),
            Err(SegmentError::ErroneousPeriods(".x".into()))
        );
        assert_eq!(
            Segment::parse("[…x]"),
            Err(SegmentError::ThreeDotCharacter("…x".into()))
        );
        assert_eq!(
            Segment::parse("[]"),
            Err(SegmentError::EmptyName("[]".into()))
        );
    }

    #[test]
    fn display_round_trips() {
        for s in ["posts", "[id]", "[...slug]", "[[...slug]]"] {
            assert_eq!(Segment::parse(s).unwrap().to_string(), s);
        }
    }
}
