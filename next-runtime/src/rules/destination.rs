//! A rule's `destination`, filled in from the params its source and conditions captured,
//! as Next's `prepareDestination` does: params in the path (and an external redirect's
//! host), params in query values, the request's query kept underneath.

use next_conventions::pattern::{self, Name, Params, Token, Value};
use percent_encoding::percent_decode_str;

use crate::context::Query;

/// A parsed destination: `[scheme://host[:port]]/path[?query][#hash]`.
#[derive(Debug)]
pub(super) struct Destination {
    /// `https://` and the host's tokens and `:port`, for an external redirect.
    origin: Option<(&'static str, Vec<Token>, &'static str)>,
    path: Vec<Token>,
    /// The destination's own query, its values still holding `:params`.
    query: Vec<(String, String)>,
    /// `#...`, with params.
    hash: &'static str,
    /// Whether any param is used in the path or host (then none is appended to the query).
    uses_params: bool,
}

/// A filled-in destination.
#[derive(Debug)]
pub(super) struct Filled {
    /// `https://host` for an external one.
    pub origin: Option<String>,
    pub path: String,
    /// The request's query with the destination's laid over it (and, for a rewrite, the
    /// params no path segment used).
    pub query: Query,
    pub hash: String,
}

impl Destination {
    pub fn parse(destination: &'static str) -> Result<Destination, String> {
        let (origin, rest) = split_origin(destination);
        let (before_hash, hash) = match rest.find('#') {
            Some(at) => rest.split_at(at),
            None => (rest, ""),
        };
        let (path, query) = before_hash.split_once('?').unwrap_or((before_hash, ""));
        let path = pattern::parse(path).map_err(|error| error.to_string())?;
        let origin = match origin {
            Some((scheme, host, port)) => {
                let host = pattern::parse(host).map_err(|error| error.to_string())?;
                Some((scheme, host, port))
            }
            None => None,
        };
        let names = |tokens: &[Token]| {
            tokens
                .iter()
                .any(|token| matches!(token, Token::Key(key) if key.name.is_some()))
        };
        let uses_params = names(&path) || origin.as_ref().is_some_and(|(_, host, _)| names(host));
        let query = form_urlencoded::parse(query.as_bytes())
            .map(|(key, value)| (key.into_owned(), value.into_owned()))
            .collect();
        Ok(Destination {
            origin,
            path,
            query,
            hash,
            uses_params,
        })
    }

    pub fn is_external(&self) -> bool {
        self.origin.is_some()
    }

    /// Fills the destination in. `append`: a rewrite's params go into the query when the
    /// path uses none of them.
    pub fn fill(
        &self,
        params: &Params,
        request_query: &Query,
        append: bool,
    ) -> Result<Filled, String> {
        let path = pattern::compile(&self.path, params).map_err(|error| error.to_string())?;
        let origin = match &self.origin {
            Some((scheme, host, port)) => {
                let host = pattern::compile(host, params).map_err(|error| error.to_string())?;
                Some(format!("{scheme}{host}{port}"))
            }
            None => None,
        };
        let mut query = request_query.clone();
        let mut own: Vec<(String, Vec<String>)> = Vec::new();
        for (key, value) in &self.query {
            let value = fill_text(value, params);
            match own.iter_mut().find(|(existing, _)| existing == key) {
                Some((_, values)) => values.push(value),
                None => own.push((key.clone(), vec![value])),
            }
        }
        if append && !self.uses_params {
            for (name, value) in params {
                let Name::Named(name) = name else { continue };
                if own.iter().any(|(key, _)| key == name) {
                    continue;
                }
                let values = match value {
                    Value::One(one) => vec![decoded(one)],
                    Value::Many(many) => many.iter().map(|one| decoded(one)).collect(),
                };
                own.push((name.clone(), values));
            }
        }
        for (key, values) in own {
            query.set(&key, values);
        }
        Ok(Filled {
            origin,
            path,
            query,
            hash: fill_text(self.hash, params),
        })
    }
}

/// `("https://", "host", ":port")` and the rest, for a destination with a scheme.
fn split_origin(
    destination: &'static str,
) -> (
    Option<(&'static str, &'static str, &'static str)>,
    &'static str,
) {
    let Some(scheme_end) = destination.find("://").map(|at| at + 3) else {
        return (None, destination);
    };
    let after = &destination[scheme_end..];
    let authority_end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let (authority, rest) = after.split_at(authority_end);
    let (host, port) = match authority.rfind(':') {
        Some(at)
            if authority[at + 1..].bytes().all(|b| b.is_ascii_digit())
                && at + 1 < authority.len() =>
        {
            authority.split_at(at)
        }
        _ => (authority, ""),
    };
    (Some((&destination[..scheme_end], host, port)), rest)
}

/// A query value or hash with its `:params` put in (Next's `compileNonPath`): a repeated
/// param's segments joined with `/`; every other `:` left as it is.
pub(super) fn fill_text(value: &str, params: &Params) -> String {
    if !value.contains(':') {
        return value.to_owned();
    }
    let mut names: Vec<&str> = params
        .keys()
        .filter_map(|name| match name {
            Name::Named(name) => Some(name.as_str()),
            Name::Index(_) => None,
        })
        .collect();
    // The longest first, so that `:slug` does not take the start of `:slugs`.
    names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    'scan: while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        for name in &names {
            let Some(tail) = after.strip_prefix(name) else {
                continue;
            };
            if tail.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let tail = tail.strip_prefix(['*', '?', '+']).unwrap_or(tail);
            let value = params.get(&Name::Named((*name).to_owned()));
            match value {
                Some(Value::One(one)) => out.push_str(&decoded(one)),
                Some(Value::Many(many)) => {
                    let parts: Vec<String> = many.iter().map(|one| decoded(one)).collect();
                    out.push_str(&parts.join("/"));
                }
                None => {}
            }
            rest = tail;
            continue 'scan;
        }
        out.push(':');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A param's value as a page reads it: percent-decoded (kept as it is if not UTF-8).
fn decoded(value: &str) -> String {
    match percent_decode_str(value).decode_utf8() {
        Ok(text) => text.into_owned(),
        Err(_) => value.to_owned(),
    }
}
