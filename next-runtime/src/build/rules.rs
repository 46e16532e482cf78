//! `build.rs`'s URL rules: Next's `redirects`, `rewrites` and `headers` of `next.config.js`,
//! as builders, validated with Next's messages before any code is generated.
//!
//! ```no_run
//! use next_runtime::build::{Config, Has, Headers, Redirect, Rewrite};
//!
//! Config::new()
//!     .redirect(Redirect::permanent("/blog/:slug", "/news/:slug"))
//!     .redirect(Redirect::temporary("/beta/:path*", "/preview/:path*").has(Has::cookie("beta")))
//!     .rewrite(Rewrite::new("/docs/:path*", "/manual/:path*"))
//!     .headers(Headers::on("/(.*)").header("X-Frame-Options", "DENY"))
//!     .generate_routes();
//! ```

use std::collections::BTreeSet;

use next_conventions::pattern::{self, safe_param_name, Name, Pattern, Token, ValuePattern};

use super::error::BuildError;

/// What a `has` or `missing` condition looks at, and the value it wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Has {
    pub(super) kind: HasKind,
    pub(super) key: String,
    pub(super) value: Option<String>,
}

/// The four kinds of condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HasKind {
    /// A request header (its name matched case-insensitively).
    Header,
    /// A cookie.
    Cookie,
    /// A query key (after earlier rewrites added theirs).
    Query,
    /// The `Host` header, without its port.
    Host,
}

impl Has {
    /// The header is present (and not empty); its value becomes the param named after the
    /// key's letters (`X-User-Id` gives `:xuserid`).
    pub fn header(name: impl Into<String>) -> Self {
        Has::new(HasKind::Header, name.into())
    }

    /// The cookie is set (and not empty); its value becomes a param, as for a header.
    pub fn cookie(name: impl Into<String>) -> Self {
        Has::new(HasKind::Cookie, name.into())
    }

    /// The query key is present (and not empty); its value becomes a param.
    pub fn query(key: impl Into<String>) -> Self {
        Has::new(HasKind::Query, key.into())
    }

    /// The host (without port) matches `value`, a regex matched whole.
    pub fn host(value: impl Into<String>) -> Self {
        Has::new(HasKind::Host, String::new()).value(value)
    }

    /// The value must match this regex, whole (`^value$`, case-sensitive); its named
    /// groups (`(?<plan>pro|team)`) become params a destination may use.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    fn new(kind: HasKind, key: String) -> Self {
        Has {
            kind,
            key,
            value: None,
        }
    }

    fn kind_name(&self) -> &'static str {
        match self.kind {
            HasKind::Header => "header",
            HasKind::Cookie => "cookie",
            HasKind::Query => "query",
            HasKind::Host => "host",
        }
    }

    /// As Next prints it: `{"type":"cookie","key":"beta"}`.
    fn json(&self) -> String {
        let mut out = format!("{{\"type\":\"{}\"", self.kind_name());
        if self.kind != HasKind::Host {
            out.push_str(&format!(",\"key\":{}", json_string(&self.key)));
        }
        if let Some(value) = &self.value {
            out.push_str(&format!(",\"value\":{}", json_string(value)));
        }
        out.push('}');
        out
    }
}

/// Where a rule applies: its source and conditions, shared by the three kinds of rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Matching {
    pub source: String,
    pub has: Vec<Has>,
    pub missing: Vec<Has>,
    pub base_path: bool,
}

impl Matching {
    fn new(source: String) -> Self {
        Matching {
            source,
            has: Vec::new(),
            missing: Vec::new(),
            base_path: true,
        }
    }
}

/// `.has(..)`, `.missing(..)` and `.outside_base_path()` for each kind of rule.
macro_rules! matching_methods {
    ($rule:ident) => {
        impl $rule {
            /// Applies only when the condition holds (all `has` conditions must).
            pub fn has(mut self, condition: Has) -> Self {
                self.on.has.push(condition);
                self
            }

            /// Applies only when the condition does not hold (none of them may).
            pub fn missing(mut self, condition: Has) -> Self {
                self.on.missing.push(condition);
                self
            }

            /// Matches the source against the path as requested, outside the app's base
            /// path (Next's `basePath: false`).
            pub fn outside_base_path(mut self) -> Self {
                self.on.base_path = false;
                self
            }
        }
    };
}

/// A redirect rule (Next's `redirects`): the first that matches answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub(super) on: Matching,
    pub(super) destination: String,
    pub(super) status: u16,
}

impl Redirect {
    /// `permanent: true`: 308, which clients and search engines remember.
    pub fn permanent(source: impl Into<String>, destination: impl Into<String>) -> Self {
        Redirect::with_status(308, source, destination)
    }

    /// `permanent: false`: 307.
    pub fn temporary(source: impl Into<String>, destination: impl Into<String>) -> Self {
        Redirect::with_status(307, source, destination)
    }

    /// `statusCode`: 301, 302, 303, 307 or 308.
    pub fn with_status(
        status: u16,
        source: impl Into<String>,
        destination: impl Into<String>,
    ) -> Self {
        Redirect {
            on: Matching::new(source.into()),
            destination: destination.into(),
            status,
        }
    }
}

matching_methods!(Redirect);

/// When a rewrite is tried, relative to the app's files and pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Before public files and pages (`beforeFiles`).
    BeforeFiles,
    /// After public files and pages without params, before dynamic routes (`afterFiles`,
    /// what Next does with a plain array).
    AfterFiles,
    /// After the dynamic routes too (`fallback`).
    Fallback,
}

/// A rewrite rule (Next's `rewrites`): serves another path of this app at the source; the
/// browser keeps the URL it asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    pub(super) on: Matching,
    pub(super) destination: String,
    pub(super) phase: Phase,
}

impl Rewrite {
    /// An `afterFiles` rewrite.
    pub fn new(source: impl Into<String>, destination: impl Into<String>) -> Self {
        Rewrite {
            on: Matching::new(source.into()),
            destination: destination.into(),
            phase: Phase::AfterFiles,
        }
    }

    /// Tried before public files and pages.
    pub fn before_files(mut self) -> Self {
        self.phase = Phase::BeforeFiles;
        self
    }

    /// Tried after every page, dynamic ones too.
    pub fn fallback(mut self) -> Self {
        self.phase = Phase::Fallback;
        self
    }
}

matching_methods!(Rewrite);

/// A header rule (Next's `headers`): every rule that matches adds its headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headers {
    pub(super) on: Matching,
    pub(super) headers: Vec<(String, String)>,
}

impl Headers {
    /// The rule for `source`; add headers with [`Headers::header`].
    pub fn on(source: impl Into<String>) -> Self {
        Headers {
            on: Matching::new(source.into()),
            headers: Vec::new(),
        }
    }

    /// A header to add; `:params` of the source may appear in the name and value.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

matching_methods!(Headers);

/// Every rule, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlRules {
    pub(super) redirects: Vec<Redirect>,
    pub(super) rewrites: Vec<Rewrite>,
    pub(super) headers: Vec<Headers>,
}

impl UrlRules {
    pub(super) fn is_empty(&self) -> bool {
        self.redirects.is_empty() && self.rewrites.is_empty() && self.headers.is_empty()
    }

    /// Next's `checkCustomRoutes`: every bad rule, each with all that is wrong with it.
    pub(super) fn check(&self) -> Vec<BuildError> {
        let mut errors = Vec::new();
        let mut push = |kind: &'static str, route: String, problems: Vec<String>| {
            if !problems.is_empty() {
                errors.push(BuildError::InvalidRule {
                    kind,
                    problems: problems.join(", "),
                    route,
                });
            }
        };
        for redirect in &self.redirects {
            let mut problems = Vec::new();
            let params = check_source(&redirect.on, &mut problems);
            if !next_conventions::redirects::STATUSES.contains(&redirect.status) {
                problems.push(
                    "`statusCode` is not undefined or valid statusCode (use 301, 302, 303, 307 or 308)"
                        .to_owned(),
                );
            }
            check_destination(&redirect.destination, params.as_ref(), &mut problems);
            push("redirect", redirect.json(), problems);
        }
        for rewrite in &self.rewrites {
            let mut problems = Vec::new();
            let params = check_source(&rewrite.on, &mut problems);
            let destination = &rewrite.destination;
            if destination.starts_with("http://") || destination.starts_with("https://") {
                problems.push("`destination` is an external URL: rewriting to another server (proxying) is not supported; use a `Redirect`, or a reverse proxy in front of the app".to_owned());
            } else if !destination.starts_with('/') {
                problems.push(
                    "`destination` does not start with `/`, `http://`, or `https://`".to_owned(),
                );
            } else {
                check_destination(destination, params.as_ref(), &mut problems);
            }
            if !rewrite.on.base_path {
                problems.push(format!("The route {} rewrites urls outside of the basePath. Please use a destination that starts with `http://` or `https://` https://nextjs.org/docs/messages/invalid-external-rewrite", rewrite.on.source));
            }
            push("rewrite", rewrite.json(), problems);
        }
        for rule in &self.headers {
            let mut problems = Vec::new();
            check_source(&rule.on, &mut problems);
            if rule.headers.is_empty() {
                problems.push(
                    "`headers` field cannot be empty (add one with `.header(name, value)`)"
                        .to_owned(),
                );
            }
            for (name, value) in &rule.headers {
                if name.is_empty() || !name.bytes().all(is_token_byte) {
                    problems.push(format!(
                        "`key` in header item {} is not a valid HTTP header name",
                        json_string(name)
                    ));
                }
                if value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
                    problems.push(format!(
                        "`value` in header item {} holds a line break or NUL",
                        json_string(name)
                    ));
                }
            }
            push("header", rule.json(), problems);
        }
        errors
    }
}

/// The source's checks; the names a destination may use, if it parsed.
fn check_source(on: &Matching, problems: &mut Vec<String>) -> Option<BTreeSet<String>> {
    let mut names = BTreeSet::new();
    if !on.source.starts_with('/') {
        problems.push("`source` does not start with /".to_owned());
    }
    match Pattern::rule(&on.source) {
        Ok(pattern) => names.extend(pattern.names().map(str::to_owned)),
        Err(error) => {
            problems.push(format!(
                "`source` parse failed{}",
                parse_diagnostic(&on.source, &error)
            ));
            return None;
        }
    }
    let mut bad = Vec::new();
    for condition in on.has.iter().chain(&on.missing) {
        let mut parts = Vec::new();
        if condition.kind != HasKind::Host && condition.key.is_empty() {
            parts.push(format!("invalid key {}", json_string(&condition.key)));
        }
        if condition.kind == HasKind::Host && condition.value.as_deref().is_none_or(str::is_empty) {
            parts.push("value is required for \"host\" type".to_owned());
        }
        if let Some(value) = &condition.value {
            if let Err(error) = ValuePattern::new(value) {
                parts.push(format!("invalid value {} ({error})", json_string(value)));
            }
        }
        if !parts.is_empty() {
            bad.push(format!("{} for {}", parts.join(", "), condition.json()));
        }
    }
    if !bad.is_empty() {
        problems.push(format!(
            "invalid `has` or `missing` item(s) found: {}",
            bad.join("; ")
        ));
        return Some(names);
    }
    // What `has` items give a destination; `missing` items give nothing.
    for condition in &on.has {
        match &condition.value {
            None => {
                let key = match condition.kind {
                    HasKind::Header => condition.key.to_ascii_lowercase(),
                    _ => condition.key.clone(),
                };
                names.insert(safe_param_name(&key));
            }
            Some(value) => {
                let pattern = ValuePattern::new(value).expect("checked above");
                let groups: Vec<String> = pattern.group_names().map(str::to_owned).collect();
                if groups.is_empty() && condition.kind == HasKind::Host {
                    names.insert("host".to_owned());
                }
                names.extend(groups);
            }
        }
    }
    Some(names)
}

/// A destination's checks: it parses, and names only params the source or `has` give.
fn check_destination(
    destination: &str,
    allowed: Option<&BTreeSet<String>>,
    problems: &mut Vec<String>,
) {
    if destination.is_empty() {
        problems.push("`destination` is missing".to_owned());
        return;
    }
    // External destinations are not checked, as in Next (their host may hold params).
    if !destination.starts_with('/') {
        return;
    }
    let path = destination.split(['?', '#']).next().unwrap_or(destination);
    let tokens = match pattern::parse(path) {
        Ok(tokens) => tokens,
        Err(error) => {
            problems.push(format!(
                "`destination` parse failed{}",
                parse_diagnostic(path, &error)
            ));
            return;
        }
    };
    let Some(allowed) = allowed else { return };
    let mut unnamed = Vec::new();
    let mut unknown = Vec::new();
    for token in &tokens {
        let Token::Key(key) = token else { continue };
        match &key.name {
            Some(Name::Named(name)) if name.bytes().all(|b| b.is_ascii_digit()) => {
                unnamed.push(format!(":{name}"))
            }
            Some(Name::Named(name)) if !allowed.contains(name) => unknown.push(name.clone()),
            _ => {}
        }
    }
    if !unnamed.is_empty() {
        problems.push(format!(
            "`destination` has unnamed params {}",
            unnamed.join(", ")
        ));
    }
    if !unknown.is_empty() {
        problems.push(format!(
            "`destination` has segments not in `source` or `has` ({})",
            unknown.join(", ")
        ));
    }
}

/// Next's `Reason: ... ` block with a caret under the offending character.
fn parse_diagnostic(source: &str, error: &pattern::PatternError) -> String {
    match error.caret(source) {
        Some(caret) => format!("\n\nError parsing `{source}` https://nextjs.org/docs/messages/invalid-route-source\nReason: {error}\n\n{caret}\n"),
        None => format!(" ({error})"),
    }
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Matching {
    /// The fields every kind of rule shares, as Next's `JSON.stringify(route)` prints them.
    fn json_fields(&self) -> String {
        let mut out = format!("\"source\":{}", json_string(&self.source));
        for (field, list) in [("has", &self.has), ("missing", &self.missing)] {
            if !list.is_empty() {
                let items: Vec<String> = list.iter().map(Has::json).collect();
                out.push_str(&format!(",\"{field}\":[{}]", items.join(",")));
            }
        }
        if !self.base_path {
            out.push_str(",\"basePath\":false");
        }
        out
    }
}

impl Redirect {
    fn json(&self) -> String {
        let status = match self.status {
            308 => "\"permanent\":true".to_owned(),
            307 => "\"permanent\":false".to_owned(),
            status => format!("\"statusCode\":{status}"),
        };
        format!(
            "{{{},\"destination\":{},{status}}}",
            self.on.json_fields(),
            json_string(&self.destination)
        )
    }
}

impl Rewrite {
    fn json(&self) -> String {
        format!(
            "{{{},\"destination\":{}}}",
            self.on.json_fields(),
            json_string(&self.destination)
        )
    }
}

impl Headers {
    fn json(&self) -> String {
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(key, value)| {
                format!(
                    "{{\"key\":{},\"value\":{}}}",
                    json_string(key),
                    json_string(value)
                )
            })
            .collect();
        format!(
            "{{{},\"headers\":[{}]}}",
            self.on.json_fields(),
            headers.join(",")
        )
    }
}
