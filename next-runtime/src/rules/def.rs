//! The URL rules of `build.rs`'s `Config` as the generated code writes them: plain static
//! data, validated at build time, compiled once when the site starts.

/// Every rule of the app, by phase, in the order `build.rs` listed them.
#[doc(hidden)]
#[derive(Debug)]
pub struct Rules {
    /// `headers`: every match adds its headers to the answer.
    pub headers: &'static [Rule],
    /// `redirects`: the first match answers.
    pub redirects: &'static [Rule],
    /// `rewrites.beforeFiles`: before public files and pages; each match feeds the next.
    pub before_files: &'static [Rule],
    /// `rewrites.afterFiles`: after public files and pages that need no params.
    pub after_files: &'static [Rule],
    /// `rewrites.fallback`: after the dynamic routes too.
    pub fallback: &'static [Rule],
}

/// One rule: where it applies, and what it does.
#[doc(hidden)]
#[derive(Debug)]
pub struct Rule {
    /// The path pattern (path-to-regexp), as written.
    pub source: &'static str,
    /// Conditions that must all hold.
    pub has: &'static [Condition],
    /// Conditions none of which may hold.
    pub missing: &'static [Condition],
    /// `false`: the source is matched outside the app's base path (`basePath: false`).
    pub base_path: bool,
    pub action: Action,
}

/// What a matching rule does.
#[doc(hidden)]
#[derive(Debug)]
pub enum Action {
    /// Adds these headers (name, value) to the answer.
    Headers(&'static [(&'static str, &'static str)]),
    /// Answers with a redirect to `destination`, with this status.
    Redirect {
        destination: &'static str,
        status: u16,
    },
    /// Serves `destination` (a path of this app) instead.
    Rewrite { destination: &'static str },
}

/// A `has` or `missing` item.
#[doc(hidden)]
#[derive(Debug)]
pub struct Condition {
    pub kind: ConditionKind,
    /// The header, cookie or query key (empty for `host`).
    pub key: &'static str,
    /// The value pattern; `None`: any non-empty value.
    pub value: Option<&'static str>,
}

/// What a condition looks at.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConditionKind {
    Header,
    Cookie,
    Query,
    Host,
}
