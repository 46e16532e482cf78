//! `has` and `missing`: whether a request's header, cookie, query key or host holds (and
//! matches a pattern), as Next's `matchHas` decides it.

use actix_web::http::header::{self, HeaderMap};
use next_conventions::pattern::{safe_param_name, Name, Params, Value, ValuePattern};

use super::def::{Condition, ConditionKind};
use crate::context::Query;

/// What conditions are checked against: the request's headers and its query as rewritten
/// so far.
pub(crate) struct Incoming<'r> {
    pub headers: &'r HeaderMap,
    pub query: &'r Query,
}

/// A condition ready to test.
#[derive(Debug)]
pub(super) struct Compiled {
    kind: ConditionKind,
    /// Lowercased for a header.
    key: String,
    value: Option<ValuePattern>,
}

impl Compiled {
    pub fn new(condition: &Condition) -> Result<Self, String> {
        let value = condition
            .value
            .map(ValuePattern::new)
            .transpose()
            .map_err(|error| format!("`value` {:?}: {error}", condition.value))?;
        let key = match condition.kind {
            ConditionKind::Header => condition.key.to_ascii_lowercase(),
            _ => condition.key.to_owned(),
        };
        Ok(Compiled {
            kind: condition.kind,
            key,
            value,
        })
    }

    /// Whether the condition holds, adding what it captured to `params`: the value under
    /// the key's letters (no `value` pattern), the pattern's named groups, or `host`.
    fn holds(&self, incoming: &Incoming<'_>, params: &mut Params) -> bool {
        let Some(actual) = self.actual(incoming) else {
            return false;
        };
        let Some(pattern) = &self.value else {
            if actual.is_empty() {
                return false;
            }
            let name = Name::Named(safe_param_name(&self.key));
            params.insert(name, Value::One(actual));
            return true;
        };
        let Some((whole, groups)) = pattern.captures(&actual) else {
            return false;
        };
        let mut named = false;
        for (name, value) in groups {
            params.insert(Name::Named(name.to_owned()), Value::One(value.to_owned()));
            named = true;
        }
        if !named && self.kind == ConditionKind::Host {
            params.insert(Name::Named("host".into()), Value::One(whole.to_owned()));
        }
        true
    }

    /// The request's value for the condition: repeated headers joined with `, `, the last
    /// value of a repeated query key, the host without its port, lowercased.
    fn actual(&self, incoming: &Incoming<'_>) -> Option<String> {
        match self.kind {
            ConditionKind::Header => {
                let values: Vec<&str> = incoming
                    .headers
                    .get_all(&self.key)
                    .filter_map(|value| value.to_str().ok())
                    .collect();
                (!values.is_empty()).then(|| values.join(", "))
            }
            ConditionKind::Cookie => cookie(incoming.headers, &self.key),
            ConditionKind::Query => incoming.query.get_all(&self.key)?.last().cloned(),
            ConditionKind::Host => {
                let host = incoming.headers.get(header::HOST)?.to_str().ok()?;
                let name = match host.rsplit_once(':') {
                    Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
                    _ => host,
                };
                Some(name.to_ascii_lowercase())
            }
        }
    }
}

/// A cookie's value, from every `Cookie` header.
fn cookie(headers: &HeaderMap, key: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| actix_web::cookie::Cookie::parse_encoded(pair.trim()).ok())
        .find(|cookie| cookie.name() == key)
        .map(|cookie| cookie.value().to_owned())
}

/// Next's `matchHas`: every `has` holds and no `missing` does; the captured params, or
/// `None`.
pub(super) fn check(
    has: &[Compiled],
    missing: &[Compiled],
    incoming: &Incoming<'_>,
) -> Option<Params> {
    let mut params = Params::new();
    if !has
        .iter()
        .all(|condition| condition.holds(incoming, &mut params))
    {
        return None;
    }
    let mut ignored = Params::new();
    match missing
        .iter()
        .any(|condition| condition.holds(incoming, &mut ignored))
    {
        true => None,
        false => Some(params),
    }
}
