//! `build.rs`'s URL rules at request time: `headers`, `redirects` and the three phases of
//! `rewrites`, with their `has` and `missing` conditions, compiled once. Dispatch calls
//! them in Next's order (see `site::dispatch`); this module only answers "does this rule
//! apply to this path, and what does it give".

mod condition;
mod def;
mod destination;
mod index;
#[cfg(test)]
mod tests;

use actix_web::http::header::{HeaderName, HeaderValue};
use next_conventions::pattern::{Params, Pattern};

pub(crate) use condition::Incoming;
pub use def::{Action, Condition, ConditionKind, Rule, Rules};
use destination::Destination;
use index::RuleList;

use crate::context::Query;
use crate::router::normalize_slashes;

/// The app's rules, compiled, each phase in `build.rs`'s order.
#[derive(Debug, Default)]
pub(crate) struct RuleSet {
    headers: RuleList,
    redirects: RuleList,
    before_files: RuleList,
    after_files: RuleList,
    fallback: RuleList,
}

/// One phase's rules, compiled.
fn compile(rules: &'static [Rule]) -> Result<RuleList, String> {
    Ok(RuleList::new(
        rules.iter().map(Compiled::new).collect::<Result<_, _>>()?,
    ))
}

/// The phases of `rewrites`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    BeforeFiles,
    AfterFiles,
    Fallback,
}

/// The path a rule is matched against: inside the base path (and without the locale
/// prefix), or, for `basePath: false` rules, as requested.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paths<'p> {
    /// `None` when the request is outside the base path.
    pub inner: Option<&'p str>,
    pub raw: &'p str,
}

/// A rule compiled: its source, its conditions and what it does.
#[derive(Debug)]
struct Compiled {
    rule: &'static Rule,
    source: Pattern,
    has: Vec<condition::Compiled>,
    missing: Vec<condition::Compiled>,
    destination: Option<Destination>,
    /// A header rule's headers, made once; `None` for one whose name or value has a `:`
    /// (a param to fill in per request).
    headers: Option<Vec<(HeaderName, HeaderValue)>>,
    /// Whether the source has named params (else a match needs no captures).
    named: bool,
}

/// A matching redirect: its status and where to.
#[derive(Debug)]
pub(crate) struct Redirect {
    pub status: u16,
    /// The `Location`, before the base path and locale prefix (internal ones only).
    pub location: String,
    /// `false` for an external destination or a `basePath: false` rule: nothing is added.
    pub prefixed: bool,
}

/// Where a rewrite sends a request: the path to route, and the query the page sees.
#[derive(Debug)]
pub(crate) struct Rewritten {
    pub path: String,
    pub query: Query,
}

impl RuleSet {
    /// Compiles the generated rules. They were validated by the build script, so an error
    /// here means a generated file and a runtime of different versions.
    pub fn new(rules: &'static Rules) -> Result<Self, String> {
        Ok(RuleSet {
            headers: compile(rules.headers)?,
            redirects: compile(rules.redirects)?,
            before_files: compile(rules.before_files)?,
            after_files: compile(rules.after_files)?,
            fallback: compile(rules.fallback)?,
        })
    }

    /// No rules at all: dispatch skips every step.
    pub fn is_empty(&self) -> bool {
        [
            &self.headers,
            &self.redirects,
            &self.before_files,
            &self.after_files,
            &self.fallback,
        ]
        .iter()
        .all(|list| list.is_empty())
    }

    /// The headers every matching `headers` rule adds, in order (a later one with the same
    /// name replaces an earlier one when applied).
    pub fn headers(
        &self,
        paths: Paths<'_>,
        incoming: &Incoming<'_>,
    ) -> Vec<(HeaderName, HeaderValue)> {
        let mut out = Vec::new();
        for (_, compiled) in self.headers.candidates(paths, 0) {
            let Some(params) = compiled.matched(paths, incoming) else {
                continue;
            };
            let def::Action::Headers(headers) = compiled.rule.action else {
                continue;
            };
            if let Some(made) = &compiled.headers {
                out.extend(made.iter().cloned());
                continue;
            }
            for (name, value) in headers {
                let (name, value) = (
                    destination::fill_text(name, &params),
                    destination::fill_text(value, &params),
                );
                match (
                    HeaderName::try_from(name.as_str()),
                    HeaderValue::try_from(value.as_str()),
                ) {
                    (Ok(name), Ok(value)) => out.push((name, value)),
                    _ => {
                        tracing::debug!(rule = compiled.rule.source, %name, "a header rule's filled-in header is not valid HTTP; left out")
                    }
                }
            }
        }
        out
    }

    /// The first matching redirect.
    pub fn redirect(&self, paths: Paths<'_>, incoming: &Incoming<'_>) -> Option<Redirect> {
        self.redirects.candidates(paths, 0).find_map(|(_, compiled)| {
            let params = compiled.matched(paths, incoming)?;
            let def::Action::Redirect { status, .. } = compiled.rule.action else {
                return None;
            };
            let destination = compiled.destination.as_ref()?;
            let filled = match destination.fill(&params, incoming.query, false) {
                Ok(filled) => filled,
                Err(error) => {
                    tracing::debug!(rule = compiled.rule.source, %error, "redirect not applied");
                    return None;
                }
            };
            let mut location = filled.origin.unwrap_or_default();
            location.push_str(&normalize_slashes(&filled.path));
            if !filled.query.is_empty() {
                location.push('?');
                location.push_str(&filled.query.to_query_string());
            }
            location.push_str(&filled.hash);
            Some(Redirect {
                status,
                location,
                prefixed: compiled.rule.base_path && !destination.is_external(),
            })
        })
    }

    /// The first rule of a rewrite phase, from rule `from` on, that rewrites `paths`: its
    /// index (to go on after it, on the rewritten path) and where it sends the request.
    pub fn next_rewrite(
        &self,
        phase: Phase,
        from: usize,
        paths: Paths<'_>,
        incoming: &Incoming<'_>,
    ) -> Option<(usize, Rewritten)> {
        let list = match phase {
            Phase::BeforeFiles => &self.before_files,
            Phase::AfterFiles => &self.after_files,
            Phase::Fallback => &self.fallback,
        };
        list.candidates(paths, from)
            .find_map(|(index, compiled)| Some((index, compiled.rewrite(paths, incoming)?)))
    }
}

impl Compiled {
    /// Where this rewrite rule sends `paths`, if it matches.
    fn rewrite(&self, paths: Paths<'_>, incoming: &Incoming<'_>) -> Option<Rewritten> {
        let params = self.matched(paths, incoming)?;
        let destination = self.destination.as_ref()?;
        match destination.fill(&params, incoming.query, true) {
            Ok(filled) => Some(Rewritten {
                path: normalize_slashes(&filled.path),
                query: filled.query,
            }),
            Err(error) => {
                tracing::debug!(rule = self.rule.source, %error, "rewrite not applied");
                None
            }
        }
    }

    fn new(rule: &'static Rule) -> Result<Self, String> {
        let context = |error: String| format!("rule {:?}: {error}", rule.source);
        let source = Pattern::rule(rule.source).map_err(|error| context(error.to_string()))?;
        let conditions = |list: &'static [Condition]| {
            list.iter()
                .map(condition::Compiled::new)
                .collect::<Result<Vec<_>, _>>()
                .map_err(context)
        };
        let destination = match rule.action {
            Action::Headers(_) => None,
            Action::Redirect { destination, .. } | Action::Rewrite { destination } => {
                Some(Destination::parse(destination).map_err(context)?)
            }
        };
        let headers = match rule.action {
            Action::Headers(headers)
                if !headers
                    .iter()
                    .any(|(n, v)| n.contains(':') || v.contains(':')) =>
            {
                headers
                    .iter()
                    .map(|(name, value)| {
                        Some((
                            HeaderName::try_from(*name).ok()?,
                            HeaderValue::from_str(value).ok()?,
                        ))
                    })
                    .collect()
            }
            _ => None,
        };
        Ok(Compiled {
            named: source.has_names(),
            rule,
            source,
            has: conditions(rule.has)?,
            missing: conditions(rule.missing)?,
            destination,
            headers,
        })
    }

    /// The params if the rule applies: the source's, then the conditions' over them.
    fn matched(&self, paths: Paths<'_>, incoming: &Incoming<'_>) -> Option<Params> {
        let path = match self.rule.base_path {
            true => paths.inner?,
            false => paths.raw,
        };
        // A source without named params (`/(.*)`) needs no captures: its match is enough.
        let mut params = match self.named {
            false if self.source.is_match(path) => Params::new(),
            false => return None,
            true => self.source.matches(path)?,
        };
        // Unnamed groups are no params of a rule, as in Next (`removeUnnamedParams`).
        params.retain(|name, _| matches!(name, next_conventions::pattern::Name::Named(_)));
        if self.has.is_empty() && self.missing.is_empty() {
            return Some(params);
        }
        let captured = condition::check(&self.has, &self.missing, incoming)?;
        params.extend(captured);
        Some(params)
    }
}
