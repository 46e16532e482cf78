//! Next's path patterns: the `source` of a `next.config.js` redirect, rewrite or header
//! rule, and a middleware `matcher`. Next compiles them with path-to-regexp 6.1.0; this is
//! the same grammar and the same regex, so a rule written for Next means the same here.
//!
//! - `:name` is one segment (`[^\/]+?`); `:name?`, `:name*`, `:name+` make it optional or
//!   repeated; a repeated param's value is its segments;
//! - `:name(\\d+)` gives the param its own pattern; `(.*)` is an unnamed group (numbered,
//!   and dropped from rules' params as Next drops it);
//! - `{...}` groups a prefix and suffix with a param: `/a{-:b}?`;
//! - `\\` escapes the next character.
//!
//! Lookaround works, as in JavaScript (`/((?!api|_next).*)`, the usual middleware matcher),
//! through `fancy-regex`. The messages are path-to-regexp's own.

use std::collections::BTreeMap;
use std::fmt;

/// A parse error, with path-to-regexp's message and the offending character's index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    /// `:` with no name after it.
    #[error("Missing parameter name at {0}")]
    MissingName(usize),
    /// `(?...)` opening a pattern.
    #[error("Pattern cannot start with \"?\" at {0}")]
    StartsWithQuestion(usize),
    /// A capturing group inside a param's pattern.
    #[error("Capturing groups are not allowed at {0}")]
    CapturingGroup(usize),
    /// A `(` that never closes.
    #[error("Unbalanced pattern at {0}")]
    Unbalanced(usize),
    /// `()`.
    #[error("Missing pattern at {0}")]
    MissingPattern(usize),
    /// A token where the grammar wants another (`/a/*`: a bare `*` is no wildcard).
    #[error("Unexpected {found} at {at}, expected {expected}")]
    Unexpected {
        /// path-to-regexp's name for what was found (`MODIFIER`).
        found: &'static str,
        /// Its index in the source.
        at: usize,
        /// What was expected (`END`, `CLOSE`).
        expected: &'static str,
    },
    /// The regex a param's pattern makes is not one the engine accepts.
    #[error("invalid pattern: {0}")]
    Regex(String),
}

impl PatternError {
    /// `source` with a caret under the offending character, as Next prints it (two spaces
    /// in), when the error says where.
    pub fn caret(&self, source: &str) -> Option<String> {
        let at = self.at()?;
        Some(format!("  {source}\n  {}^", " ".repeat(at)))
    }

    /// Where in the source the error is, when path-to-regexp says (`at N`).
    pub fn at(&self) -> Option<usize> {
        match *self {
            PatternError::MissingName(at)
            | PatternError::StartsWithQuestion(at)
            | PatternError::CapturingGroup(at)
            | PatternError::Unbalanced(at)
            | PatternError::MissingPattern(at)
            | PatternError::Unexpected { at, .. } => Some(at),
            PatternError::Regex(_) => None,
        }
    }
}

/// How often a param may occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modifier {
    /// Exactly once.
    One,
    /// `?`
    Optional,
    /// `*`
    ZeroOrMore,
    /// `+`
    OneOrMore,
}

impl Modifier {
    fn repeats(self) -> bool {
        matches!(self, Modifier::ZeroOrMore | Modifier::OneOrMore)
    }

    fn optional(self) -> bool {
        matches!(self, Modifier::Optional | Modifier::ZeroOrMore)
    }

    fn regex_suffix(self) -> &'static str {
        match self {
            Modifier::One => "",
            Modifier::Optional => "?",
            Modifier::ZeroOrMore => "*",
            Modifier::OneOrMore => "+",
        }
    }
}

/// A param's name: `:slug`, or the number of an unnamed group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Name {
    /// `:slug`
    Named(String),
    /// The n-th unnamed group, from 0.
    Index(usize),
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Name::Named(name) => f.write_str(name),
            Name::Index(index) => write!(f, "{index}"),
        }
    }
}

/// A param (or an optional group) and what surrounds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// `None` for a group with neither name nor pattern (`{abc}?`).
    pub name: Option<Name>,
    /// The text before it that belongs to it (`/`, `.`, or a group's own).
    pub prefix: String,
    /// A group's text after it.
    pub suffix: String,
    /// The regex of one occurrence.
    pub pattern: String,
    /// How often it occurs.
    pub modifier: Modifier,
}

/// One piece of a parsed pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Literal text.
    Text(String),
    /// A param or group.
    Key(Key),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lexeme {
    Open,
    Close,
    Name,
    Pattern,
    Char,
    Escaped,
    Modifier,
    End,
}

impl Lexeme {
    fn label(self) -> &'static str {
        match self {
            Lexeme::Open => "OPEN",
            Lexeme::Close => "CLOSE",
            Lexeme::Name => "NAME",
            Lexeme::Pattern => "PATTERN",
            Lexeme::Char => "CHAR",
            Lexeme::Escaped => "ESCAPED_CHAR",
            Lexeme::Modifier => "MODIFIER",
            Lexeme::End => "END",
        }
    }
}

/// path-to-regexp's lexer: (kind, index, value).
fn lex(source: &str) -> Result<Vec<(Lexeme, usize, String)>, PatternError> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '*' | '+' | '?' => out.push((Lexeme::Modifier, i, c.to_string())),
            '\\' => {
                let next = chars.get(i + 1).map(char::to_string).unwrap_or_default();
                out.push((Lexeme::Escaped, i, next));
                i += 2;
                continue;
            }
            '{' => out.push((Lexeme::Open, i, c.to_string())),
            '}' => out.push((Lexeme::Close, i, c.to_string())),
            ':' => {
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                    j += 1;
                }
                if j == start {
                    return Err(PatternError::MissingName(i));
                }
                out.push((Lexeme::Name, i, chars[start..j].iter().collect()));
                i = j;
                continue;
            }
            '(' => {
                let (pattern, end) = lex_pattern(&chars, i)?;
                out.push((Lexeme::Pattern, i, pattern));
                i = end;
                continue;
            }
            _ => out.push((Lexeme::Char, i, c.to_string())),
        }
        i += 1;
    }
    out.push((Lexeme::End, i, String::new()));
    Ok(out)
}

/// A `( ... )` pattern starting at `open`: its text and the index after it.
fn lex_pattern(chars: &[char], open: usize) -> Result<(String, usize), PatternError> {
    let mut depth = 1;
    let mut pattern = String::new();
    let mut j = open + 1;
    if chars.get(j) == Some(&'?') {
        return Err(PatternError::StartsWithQuestion(j));
    }
    while j < chars.len() {
        match chars[j] {
            '\\' => {
                pattern.push('\\');
                if let Some(&next) = chars.get(j + 1) {
                    pattern.push(next);
                }
                j += 2;
                continue;
            }
            ')' => {
                depth -= 1;
                if depth == 0 {
                    j += 1;
                    break;
                }
            }
            '(' => {
                depth += 1;
                if chars.get(j + 1) != Some(&'?') {
                    return Err(PatternError::CapturingGroup(j));
                }
            }
            _ => {}
        }
        pattern.push(chars[j]);
        j += 1;
    }
    if depth > 0 {
        return Err(PatternError::Unbalanced(open));
    }
    if pattern.is_empty() {
        return Err(PatternError::MissingPattern(open));
    }
    Ok((pattern, j))
}

/// The parser's cursor over the lexemes.
struct Parser {
    lexemes: Vec<(Lexeme, usize, String)>,
    at: usize,
}

impl Parser {
    fn take(&mut self, kind: Lexeme) -> Option<String> {
        let (found, _, value) = &self.lexemes[self.at];
        (*found == kind).then(|| {
            self.at += 1;
            value.clone()
        })
    }

    fn must(&mut self, kind: Lexeme) -> Result<String, PatternError> {
        self.take(kind).ok_or_else(|| {
            let (found, at, _) = &self.lexemes[self.at];
            PatternError::Unexpected {
                found: found.label(),
                at: *at,
                expected: kind.label(),
            }
        })
    }

    fn text(&mut self) -> String {
        let mut text = String::new();
        while let Some(value) = self
            .take(Lexeme::Char)
            .or_else(|| self.take(Lexeme::Escaped))
        {
            text.push_str(&value);
        }
        text
    }

    fn modifier(&mut self) -> Modifier {
        match self.take(Lexeme::Modifier).as_deref() {
            Some("?") => Modifier::Optional,
            Some("*") => Modifier::ZeroOrMore,
            Some("+") => Modifier::OneOrMore,
            _ => Modifier::One,
        }
    }
}

/// The characters that become a param's prefix when they come right before it.
const PREFIXES: &str = "./";
/// A segment: what `:name` matches without a pattern of its own.
const SEGMENT: &str = "[^\\/]+?";

/// Parses `source` as path-to-regexp 6.1.0 does, with Next's delimiter `/`.
pub fn parse(source: &str) -> Result<Vec<Token>, PatternError> {
    parse_with(source, SEGMENT)
}

fn parse_with(source: &str, segment: &str) -> Result<Vec<Token>, PatternError> {
    let mut parser = Parser {
        lexemes: lex(source)?,
        at: 0,
    };
    let mut tokens = Vec::new();
    let mut index = 0;
    let mut path = String::new();
    let mut next_name = |name: Option<String>, pattern: &Option<String>| match name {
        Some(name) => Some(Name::Named(name)),
        None if pattern.is_some() => {
            index += 1;
            Some(Name::Index(index - 1))
        }
        None => None,
    };
    while parser.lexemes[parser.at].0 != Lexeme::End {
        let char = parser.take(Lexeme::Char);
        let name = parser.take(Lexeme::Name);
        let pattern = parser.take(Lexeme::Pattern);
        if name.is_some() || pattern.is_some() {
            let mut prefix = char.unwrap_or_default();
            if !PREFIXES.contains(prefix.as_str()) || prefix.is_empty() {
                path.push_str(&prefix);
                prefix = String::new();
            }
            if !path.is_empty() {
                tokens.push(Token::Text(std::mem::take(&mut path)));
            }
            let name = next_name(name, &pattern);
            tokens.push(Token::Key(Key {
                name,
                prefix,
                suffix: String::new(),
                pattern: pattern.unwrap_or_else(|| segment.to_string()),
                modifier: parser.modifier(),
            }));
            continue;
        }
        if let Some(value) = char.or_else(|| parser.take(Lexeme::Escaped)) {
            path.push_str(&value);
            continue;
        }
        if !path.is_empty() {
            tokens.push(Token::Text(std::mem::take(&mut path)));
        }
        if parser.take(Lexeme::Open).is_some() {
            let prefix = parser.text();
            let name = parser.take(Lexeme::Name);
            let pattern = parser.take(Lexeme::Pattern);
            let suffix = parser.text();
            parser.must(Lexeme::Close)?;
            let has_param = name.is_some() || pattern.is_some();
            let pattern = match (&pattern, &name) {
                (Some(pattern), _) => pattern.clone(),
                (None, Some(_)) => segment.to_string(),
                (None, None) => String::new(),
            };
            let name = if has_param {
                next_name(name, &Some(pattern.clone()))
            } else {
                None
            };
            tokens.push(Token::Key(Key {
                name,
                prefix,
                suffix,
                pattern,
                modifier: parser.modifier(),
            }));
            continue;
        }
        parser.must(Lexeme::End)?;
    }
    if !path.is_empty() {
        tokens.push(Token::Text(path));
    }
    Ok(tokens)
}

/// Escapes what a regex would read as syntax, as path-to-regexp's `escapeString`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if ".+*?=^!:${}()[]|/\\".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The regex of `tokens`, as `tokensToRegexp` builds it with `strict: true` (and `end`):
/// anchored at both ends, without path-to-regexp's own optional trailing delimiter.
fn regex_source(tokens: &[Token]) -> String {
    let mut route = String::from("^");
    for token in tokens {
        match token {
            Token::Text(text) => route.push_str(&escape(text)),
            Token::Key(key) => {
                let (prefix, suffix) = (escape(&key.prefix), escape(&key.suffix));
                let modifier = key.modifier.regex_suffix();
                if key.pattern.is_empty() {
                    route.push_str(&format!("(?:{prefix}{suffix}){modifier}"));
                } else if prefix.is_empty() && suffix.is_empty() {
                    route.push_str(&format!("({}){modifier}", key.pattern));
                } else if key.modifier.repeats() {
                    let optional = if key.modifier.optional() { "?" } else { "" };
                    route.push_str(&format!(
                        "(?:{prefix}((?:{p})(?:{suffix}{prefix}(?:{p}))*){suffix}){optional}",
                        p = key.pattern
                    ));
                } else {
                    route.push_str(&format!("(?:{prefix}({}){suffix}){modifier}", key.pattern));
                }
            }
        }
    }
    route
}

/// A param's value: one segment, or the segments of a repeated param.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A param that does not repeat.
    One(String),
    /// The segments of a `*` or `+` param.
    Many(Vec<String>),
}

/// The params a match gives, by name (still percent-encoded, as in the request path).
pub type Params = BTreeMap<Name, Value>;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    tokens: Vec<Token>,
    regex: fancy_regex::Regex,
    /// The literal text every match starts with (`/blog` of `/blog/:slug`), and whether it
    /// is compared ignoring ASCII case: a quick no for most paths, before the regex.
    prefix: String,
    ignore_case: bool,
}

impl Pattern {
    /// A `next.config.js` rule's `source`: case-insensitive, with Next's optional trailing
    /// slash (`(?:\/)?$`), as Next's `getPathMatch` and `modifyRouteRegex` build it.
    pub fn rule(source: &str) -> Result<Pattern, PatternError> {
        let tokens = parse(source)?;
        let regex = format!("(?i){}(?:\\/)?$", regex_source(&tokens));
        Pattern::new(tokens, &regex, true)
    }

    /// A middleware `matcher`: case-sensitive, compiled with path-to-regexp's defaults
    /// (segments stop at `/`, `#` and `?`; an optional trailing one of those).
    pub fn matcher(source: &str) -> Result<Pattern, PatternError> {
        let tokens = parse_with(source, "[^\\/#\\?]+?")?;
        let regex = format!("{}[\\/#\\?]?$", regex_source(&tokens));
        Pattern::new(tokens, &regex, false)
    }

    fn new(tokens: Vec<Token>, regex: &str, ignore_case: bool) -> Result<Pattern, PatternError> {
        let regex = fancy_regex::Regex::new(regex)
            .map_err(|error| PatternError::Regex(error.to_string()))?;
        let prefix = match tokens.first() {
            Some(Token::Text(text)) => text.clone(),
            _ => String::new(),
        };
        Ok(Pattern {
            tokens,
            regex,
            prefix,
            ignore_case,
        })
    }

    /// The named params of the pattern (what a destination may use).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.keys().filter_map(|key| match &key.name {
            Some(Name::Named(name)) => Some(name.as_str()),
            _ => None,
        })
    }

    fn keys(&self) -> impl Iterator<Item = &Key> {
        self.tokens.iter().filter_map(|token| match token {
            Token::Key(key) if key.name.is_some() => Some(key),
            _ => None,
        })
    }

    /// Whether the pattern has a named param (a rule's destination can use only those).
    #[inline]
    pub fn has_names(&self) -> bool {
        self.names().next().is_some()
    }

    /// The literal text every match starts with (`/blog` of `/blog/:slug`; empty when the
    /// pattern starts with a param). A rule's is compared ignoring ASCII case; a path with
    /// other than ASCII letters may match it through Unicode case folding.
    pub fn literal_start(&self) -> &str {
        &self.prefix
    }

    /// Whether `path` matches, without collecting params: a fast check before
    /// [`Pattern::matches`], for the usual path that matches no rule.
    #[inline]
    pub fn is_match(&self, path: &str) -> bool {
        self.may_match(path) && self.regex.is_match(path).unwrap_or(false)
    }

    /// `false` when `path` cannot match: it lacks the pattern's literal start. Only for an
    /// ASCII path (what clients send; the regex folds Unicode case, `K` and the Kelvin sign
    /// alike), so the answer never differs from the regex's.
    #[inline]
    fn may_match(&self, path: &str) -> bool {
        let Some(start) = path.as_bytes().get(..self.prefix.len()) else {
            return !path.is_ascii();
        };
        let same = match self.ignore_case {
            true => start.eq_ignore_ascii_case(self.prefix.as_bytes()),
            false => start == self.prefix.as_bytes(),
        };
        same || !path.is_ascii()
    }

    /// The params of `path` if it matches; a param that did not take part is left out.
    pub fn matches(&self, path: &str) -> Option<Params> {
        // Most paths match no rule: the match alone runs on a fast automaton, while
        // captures need a slower engine.
        if !self.is_match(path) {
            return None;
        }
        let captures = self.regex.captures(path).ok()??;
        let mut params = Params::new();
        for (index, key) in self.keys().enumerate() {
            let Some(found) = captures.get(index + 1) else {
                continue;
            };
            let name = key.name.clone().expect("keys have names");
            let value = if key.modifier.repeats() {
                let separator = format!("{}{}", key.suffix, key.prefix);
                Value::Many(
                    found
                        .as_str()
                        .split(separator.as_str())
                        .map(str::to_string)
                        .collect(),
                )
            } else {
                Value::One(found.as_str().to_string())
            };
            params.insert(name, value);
        }
        Some(params)
    }
}

/// A `has` or `missing` condition's `value`, matched as Next's `matchHas` does: the whole
/// value (`^value$`, with no flags, so `a|b` reads as `^a|b$`), case-sensitive; its named
/// groups (`(?<plan>pro|team)`) become params a destination may use.
#[derive(Debug, Clone)]
pub struct ValuePattern {
    regex: fancy_regex::Regex,
}

impl ValuePattern {
    /// Compiles a condition's `value`.
    pub fn new(value: &str) -> Result<ValuePattern, PatternError> {
        fancy_regex::Regex::new(&format!("^{value}$"))
            .map(|regex| ValuePattern { regex })
            .map_err(|error| PatternError::Regex(error.to_string()))
    }

    /// The names of the value's named groups.
    pub fn group_names(&self) -> impl Iterator<Item = &str> {
        self.regex.capture_names().flatten()
    }

    /// `None` if `actual` does not match; otherwise the whole match and each named group
    /// that took part.
    pub fn captures<'a>(&self, actual: &'a str) -> Option<(&'a str, Vec<(&str, &'a str)>)> {
        let captures = self.regex.captures(actual).ok()??;
        let whole = captures.get(0)?.as_str();
        let groups = self
            .regex
            .capture_names()
            .flatten()
            .filter_map(|name| Some((name, captures.name(name)?.as_str())))
            .collect();
        Some((whole, groups))
    }
}

/// The param name a condition without a `value` stores its match under: the key's ASCII
/// letters only (Next's `getSafeParamName`), so header `X-User-Id` gives `:xuserid`.
pub fn safe_param_name(key: &str) -> String {
    key.chars().filter(char::is_ascii_alphabetic).collect()
}

/// Why a destination could not be filled in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    /// A required param has no value.
    #[error("Expected \"{0}\" to be a string")]
    Missing(String),
    /// Next's own wording for an array given to a param that does not repeat.
    #[error("To use a multi-match in the destination you must add `*` at the end of the param name to signify it should repeat. https://nextjs.org/docs/messages/invalid-multi-match")]
    MultiMatch(String),
}

/// Fills `destination`'s params from `params`, as path-to-regexp's `compile` with
/// `validate: false`: values go in as they are; a repeated value is joined with its
/// prefix and suffix; an optional param without a value leaves nothing.
pub fn compile(destination: &[Token], params: &Params) -> Result<String, CompileError> {
    let mut out = String::new();
    for token in destination {
        let key = match token {
            Token::Text(text) => {
                out.push_str(text);
                continue;
            }
            Token::Key(key) => key,
        };
        let Some(name) = &key.name else {
            out.push_str(&key.prefix);
            out.push_str(&key.suffix);
            continue;
        };
        match params.get(name) {
            Some(Value::One(value)) => {
                out.push_str(&format!("{}{value}{}", key.prefix, key.suffix));
            }
            Some(Value::Many(values)) if key.modifier.repeats() => {
                for value in values {
                    out.push_str(&format!("{}{value}{}", key.prefix, key.suffix));
                }
            }
            Some(Value::Many(_)) => return Err(CompileError::MultiMatch(name.to_string())),
            None if key.modifier.optional() => {}
            None => return Err(CompileError::Missing(name.to_string())),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(value: &str) -> Value {
        Value::One(value.into())
    }

    fn named(name: &str) -> Name {
        Name::Named(name.into())
    }

    /// Next's rule regexes for its worked examples (path-to-regexp 6.1.0, `strict: true`,
    /// then `modifyRouteRegex`'s optional trailing slash).
    #[test]
    fn rules_compile_to_nexts_regexes() {
        for (source, regex) in [
            ("/blog/:slug", "^\\/blog(?:\\/([^\\/]+?))"),
            ("/blog/:slug?", "^\\/blog(?:\\/([^\\/]+?))?"),
            (
                "/docs/:path*",
                "^\\/docs(?:\\/((?:[^\\/]+?)(?:\\/(?:[^\\/]+?))*))?",
            ),
            (
                "/docs/:path+",
                "^\\/docs(?:\\/((?:[^\\/]+?)(?:\\/(?:[^\\/]+?))*))",
            ),
            ("/post/:id(\\d{1,})", "^\\/post(?:\\/(\\d{1,}))"),
            ("/old/(.*)", "^\\/old(?:\\/(.*))"),
            ("/a{-:b}?", "^\\/a(?:-([^\\/]+?))?"),
            (
                "/files/:name.:ext",
                "^\\/files(?:\\/([^\\/]+?))(?:\\.([^\\/]+?))",
            ),
            ("/:a-:b", "^(?:\\/([^\\/]+?))-([^\\/]+?)"),
            ("/x\\:y", "^\\/x\\:y"),
            ("/(foo|bar)/:id", "^(?:\\/(foo|bar))(?:\\/([^\\/]+?))"),
        ] {
            assert_eq!(regex_source(&parse(source).unwrap()), regex, "{source}");
        }
    }

    #[test]
    fn rules_match_as_next_does() {
        let slug = Pattern::rule("/blog/:slug").unwrap();
        assert_eq!(
            slug.matches("/blog/hello%20world"),
            Some(Params::from([(named("slug"), one("hello%20world"))]))
        );
        assert_eq!(slug.matches("/blog/a/b"), None);
        assert!(
            slug.matches("/BLOG/x/").is_some(),
            "case-insensitive, a trailing slash"
        );

        let docs = Pattern::rule("/docs/:path*").unwrap();
        assert_eq!(
            docs.matches("/docs/a/b"),
            Some(Params::from([(
                named("path"),
                Value::Many(vec!["a".into(), "b".into()])
            )]))
        );
        assert_eq!(docs.matches("/docs"), Some(Params::new()));
        assert_eq!(docs.matches("/docs/"), Some(Params::new()));
        assert_eq!(
            Pattern::rule("/docs/:path+").unwrap().matches("/docs"),
            None
        );

        let id = Pattern::rule("/post/:id(\\d{1,})").unwrap();
        assert!(id.matches("/post/12").is_some());
        assert_eq!(id.matches("/post/x"), None);

        let unnamed = Pattern::rule("/old/(.*)").unwrap();
        assert_eq!(
            unnamed.matches("/old/a/b"),
            Some(Params::from([(Name::Index(0), one("a/b"))]))
        );
        assert_eq!(unnamed.names().count(), 0);
    }

    #[test]
    fn matchers_are_case_sensitive_and_allow_lookahead() {
        let about = Pattern::matcher("/about/:path*").unwrap();
        assert!(about.matches("/about").is_some());
        assert!(about.matches("/about/a/b").is_some());
        assert_eq!(about.matches("/ABOUT"), None);
        let usual = Pattern::matcher("/((?!api|_next/static|favicon.ico).*)").unwrap();
        assert!(usual.matches("/dashboard").is_some());
        assert_eq!(usual.matches("/api/users"), None);
        assert_eq!(usual.matches("/_next/static/chunk.js"), None);
    }

    #[test]
    fn bad_sources_get_path_to_regexps_messages() {
        for (source, message) in [
            ("/:", "Missing parameter name at 1"),
            ("/(?x)", "Pattern cannot start with \"?\" at 2"),
            ("/:p(a(b)c)", "Capturing groups are not allowed at 5"),
            ("/(abc", "Unbalanced pattern at 1"),
            ("/()", "Missing pattern at 1"),
            ("/a/*", "Unexpected MODIFIER at 3, expected END"),
            ("/{a", "Unexpected END at 3, expected CLOSE"),
        ] {
            assert_eq!(parse(source).unwrap_err().to_string(), message, "{source}");
        }
        assert_eq!(parse("/a/*").unwrap_err().at(), Some(3));
        assert_eq!(
            parse("/a/*").unwrap_err().caret("/a/*").as_deref(),
            Some("  /a/*\n     ^")
        );
    }

    #[test]
    fn the_literal_start_is_a_quick_no_that_never_differs_from_the_regex() {
        let blog = Pattern::rule("/blog/:slug").unwrap();
        assert!(!blog.is_match("/"), "shorter than the prefix");
        assert!(!blog.is_match("/about"));
        assert!(blog.is_match("/BLOG/a"), "ASCII case ignored for rules");
        let kelvin = Pattern::rule("/k").unwrap();
        assert!(
            kelvin.is_match("/\u{212a}"),
            "the regex decides for a non-ASCII path"
        );
        let matcher = Pattern::matcher("/Dashboard").unwrap();
        assert!(
            !matcher.is_match("/dashboard"),
            "matchers are case-sensitive"
        );
        assert!(matcher.is_match("/Dashboard/"));
    }

    #[test]
    fn condition_values_match_whole_and_name_their_groups() {
        let plan = ValuePattern::new("(?<plan>pro|team)").unwrap();
        assert_eq!(plan.group_names().collect::<Vec<_>>(), ["plan"]);
        assert_eq!(
            plan.captures("team"),
            Some(("team", vec![("plan", "team")]))
        );
        assert_eq!(plan.captures("teams"), None, "anchored at both ends");
        assert_eq!(plan.captures("Pro"), None, "case-sensitive");
        let either = ValuePattern::new("a|b").unwrap();
        assert!(
            either.captures("a-anything").is_some(),
            "`^a|b$`, as in Next"
        );
        assert!(ValuePattern::new("(").is_err());
        assert_eq!(safe_param_name("X-User-Id"), "XUserId");
    }

    #[test]
    fn destinations_are_filled_in() {
        let params = Params::from([
            (named("slug"), one("hello")),
            (named("path"), Value::Many(vec!["a".into(), "b".into()])),
        ]);
        let fill = |destination: &str| compile(&parse(destination).unwrap(), &params);
        assert_eq!(fill("/news/:slug").unwrap(), "/news/hello");
        assert_eq!(fill("/new-docs/:path*").unwrap(), "/new-docs/a/b");
        assert_eq!(fill("/x/:missing?").unwrap(), "/x");
        assert_eq!(
            fill("/x/:missing").unwrap_err(),
            CompileError::Missing("missing".into())
        );
        assert!(fill("/x/:path")
            .unwrap_err()
            .to_string()
            .starts_with("To use a multi-match in the destination you must add `*`"));
    }
}
