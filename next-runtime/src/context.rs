//! The `getServerSideProps` context: what a props function knows about its request, and the
//! handle through which it shapes the response.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use actix_web::cookie::Cookie;
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::HttpRequest;

use crate::i18n::{LocaleInfo, Rendering};

/// The argument of a `#[get_server_side_props]` function (Next.js's `context`).
#[non_exhaustive]
pub struct Context {
    /// The dynamic segments of the matched route (`[id]`, `[...slug]`); empty on a static
    /// route.
    pub params: Params,
    /// The query string merged with `params` (params win), as in Next.js.
    pub query: Query,
    /// The incoming request: headers, cookies (`ctx.req.cookie("name")`), method.
    pub req: HttpRequest,
    /// Headers, status and cookies to send with the rendered page.
    pub res: ResponseHandle,
    /// The path and original query string the page was resolved for, without the
    /// locale prefix: `/posts/1?ref=home` for `/fr/posts/1?ref=home`.
    pub resolved_url: String,
    /// The request's locale (`fr` for `/fr/posts/1`, the default locale for `/posts/1`);
    /// `None` when the app configures no locales.
    pub locale: Option<&'static str>,
    /// Every locale the app supports, in configuration order; empty without locales.
    pub locales: &'static [&'static str],
    /// The locale of paths without a locale prefix; `None` without locales.
    pub default_locale: Option<&'static str>,
    /// Whether the request is in draft mode (enabled through [`crate::DraftMode`]).
    pub draft_mode: bool,
    /// Whether the request is in preview mode; always equal to `draft_mode` (Next.js
    /// keeps both names).
    pub preview: bool,
    /// The preview data set with [`crate::DraftMode::set_preview_data`]: `Some({})` in
    /// plain draft mode, `None` outside it.
    pub preview_data: Option<serde_json::Value>,
    /// The app's base path and trailing slashes, for the page's links.
    base_path: &'static str,
    trailing_slash: bool,
}

/// A route parameter's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// `[id]`: one decoded segment.
    One(String),
    /// `[...slug]`, `[[...slug]]`: the decoded segments.
    Many(Vec<String>),
}

/// The route parameters, in the order of the route pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(Vec<(String, ParamValue)>);

impl Params {
    /// The value of a one-segment param (`[id]`); `None` for a catch-all or a missing name.
    pub fn get(&self, name: &str) -> Option<&str> {
        match self.value(name)? {
            ParamValue::One(value) => Some(value),
            ParamValue::Many(_) => None,
        }
    }

    /// The segments of a catch-all (`[...slug]`); `None` when absent, e.g. an empty
    /// optional catch-all, or for a one-segment param.
    pub fn get_all(&self, name: &str) -> Option<&[String]> {
        match self.value(name)? {
            ParamValue::Many(values) => Some(values),
            ParamValue::One(_) => None,
        }
    }

    /// Every param with its value.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ParamValue)> {
        self.0.iter().map(|(name, value)| (name.as_str(), value))
    }

    /// Whether the route has no params (a static route).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The param `name` as a relative file path, for serving files named by a URL: the
    /// segments of a catch-all (`[...path]`) or the one segment of `[id]`, joined.
    ///
    /// Params are passed through decoded, as Next.js does: `/files/..%2F..%2Fetc%2Fpasswd`
    /// gives `path` the one segment `../../etc/passwd`. This refuses every segment that
    /// could leave the directory it is joined to: empty, `.` or `..`, or containing `/`,
    /// `\`, `:` or NUL; and a missing param.
    ///
    /// ```
    /// # use next_runtime::{Params, ParamValue};
    /// # let mut params = Params::default();
    /// # params.insert("path", ParamValue::Many(vec!["docs".into(), "intro.md".into()]));
    /// let file = std::path::Path::new("content").join(params.relative_path("path")?);
    /// assert_eq!(file, std::path::Path::new("content/docs/intro.md"));
    /// # Ok::<(), next_runtime::UnsafePath>(())
    /// ```
    pub fn relative_path(&self, name: &str) -> Result<PathBuf, UnsafePath> {
        let segments = match self.value(name) {
            Some(ParamValue::One(one)) => std::slice::from_ref(one),
            Some(ParamValue::Many(many)) => many.as_slice(),
            None => return Err(UnsafePath::Missing(name.to_owned())),
        };
        let mut path = PathBuf::new();
        for segment in segments {
            let unsafe_segment = segment.is_empty()
                || segment == "."
                || segment == ".."
                || segment.contains(['/', '\\', ':', '\0']);
            if unsafe_segment {
                return Err(UnsafePath::Segment(segment.clone()));
            }
            path.push(segment);
        }
        Ok(path)
    }

    /// Adds a param, as the router does: for tests of code that takes `Params`.
    pub fn insert(&mut self, name: &str, value: ParamValue) {
        self.push(name, value);
    }

    fn value(&self, name: &str) -> Option<&ParamValue> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    pub(crate) fn push(&mut self, name: &str, value: ParamValue) {
        self.0.push((name.to_owned(), value));
    }
}

/// Why [`Params::relative_path`] refused a param.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnsafePath {
    /// The route has no param of that name.
    #[error("the route has no param {0:?}")]
    Missing(String),
    /// A segment that could leave the directory.
    #[error("the path segment {0:?} could leave the directory it is joined to (empty, `.`, `..`, or with `/`, `\\`, `:` or NUL)")]
    Segment(String),
}

/// The query string merged with the route params, in first-seen key order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<QueryEntry>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct QueryEntry {
    key: String,
    values: Vec<String>,
    /// A catch-all param: a list even with one value, as Next.js writes it.
    list: bool,
}

/// Up to this many distinct keys, a key is found by scanning: cheaper than hashing for the
/// queries real pages get. Past it, parsing switches to a hash index, so a hostile query of
/// thousands of keys costs time linear in its length.
const SCAN_KEYS: usize = 16;

impl Query {
    /// Parses a raw query string (`a=1&a=2&b`), decoding `+` and `%XX`, in time linear in
    /// its length. Pages never see more than
    /// [`MAX_QUERY_PAIRS`](crate::limits::MAX_QUERY_PAIRS) pairs: a longer query string
    /// is answered with 400 before any page runs.
    pub fn parse(query_string: &str) -> Self {
        let mut entries: Vec<QueryEntry> = Vec::new();
        let mut index: Option<HashMap<String, usize>> = None;
        for (key, value) in form_urlencoded::parse(query_string.as_bytes()) {
            let found = match &index {
                Some(index) => index.get(key.as_ref()).copied(),
                None => entries.iter().position(|entry| entry.key == key),
            };
            if let Some(at) = found {
                entries[at].values.push(value.into_owned());
                continue;
            }
            entries.push(QueryEntry {
                key: key.into_owned(),
                values: vec![value.into_owned()],
                list: false,
            });
            match &mut index {
                Some(index) => {
                    index.insert(entries[entries.len() - 1].key.clone(), entries.len() - 1);
                }
                None if entries.len() > SCAN_KEYS => {
                    // Sized once for every pair the string can still hold.
                    let pairs = memchr::memchr_iter(b'&', query_string.as_bytes()).count() + 1;
                    let mut map = HashMap::with_capacity(pairs);
                    map.extend(
                        entries
                            .iter()
                            .enumerate()
                            .map(|(at, e)| (e.key.clone(), at)),
                    );
                    index = Some(map);
                }
                None => {}
            }
        }
        Query(entries)
    }

    /// Lays `params` over the query: a param replaces a query key of the same name.
    pub(crate) fn merge_params(&mut self, params: &Params) {
        for (name, value) in params.iter() {
            let (values, list) = match value {
                ParamValue::One(one) => (vec![one.clone()], false),
                ParamValue::Many(many) => (many.clone(), true),
            };
            let entry = QueryEntry {
                key: name.to_owned(),
                values,
                list,
            };
            match self.0.iter_mut().find(|existing| existing.key == name) {
                Some(existing) => *existing = entry,
                None => self.0.push(entry),
            }
        }
    }

    /// Replaces `key`'s values, or adds the key last.
    pub(crate) fn set(&mut self, key: &str, values: Vec<String>) {
        match self.0.iter_mut().find(|entry| entry.key == key) {
            Some(entry) => entry.values = values,
            None => self.0.push(QueryEntry {
                key: key.to_owned(),
                values,
                list: false,
            }),
        }
    }

    /// The query as a query string, each key and value encoded as JavaScript's
    /// `encodeURIComponent` does (`a=1&b=x%20y`).
    pub(crate) fn to_query_string(&self) -> String {
        use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
        const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'_')
            .remove(b'.')
            .remove(b'!')
            .remove(b'~')
            .remove(b'*')
            .remove(b'\'')
            .remove(b'(')
            .remove(b')');
        let mut out = String::new();
        for entry in &self.0 {
            for value in &entry.values {
                if !out.is_empty() {
                    out.push('&');
                }
                out.extend(utf8_percent_encode(&entry.key, COMPONENT));
                out.push('=');
                out.extend(utf8_percent_encode(value, COMPONENT));
            }
        }
        out
    }

    /// The first value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.get_all(key)?.first().map(String::as_str)
    }

    /// Every value of `key`, in order.
    pub fn get_all(&self, key: &str) -> Option<&[String]> {
        self.0
            .iter()
            .find(|entry| entry.key == key)
            .map(|entry| entry.values.as_slice())
    }

    /// Every key with its values.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0
            .iter()
            .map(|entry| (entry.key.as_str(), entry.values.as_slice()))
    }

    /// Like [`Query::iter`], with whether each value is a list (repeated key or catch-all)
    /// rather than a single string, as Next.js writes `query`.
    pub(crate) fn iter_json_shape(&self) -> impl Iterator<Item = (&str, &[String], bool)> {
        self.0.iter().map(|entry| {
            let list = entry.list || entry.values.len() != 1;
            (entry.key.as_str(), entry.values.as_slice(), list)
        })
    }

    /// Whether the query string had no pairs.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Next.js's `context.res`: set headers, a status or cookies for the rendered page.
///
/// The methods take `&self` so a plain (non-`mut`) `ctx` works; the runtime keeps its own
/// handle and applies what was set once the props function has returned. A header name or
/// value that HTTP does not allow turns the response into a 500 that says why (in dev mode).
#[derive(Clone, Default)]
pub struct ResponseHandle(Rc<RefCell<ResponseParts>>);

/// What a props function set on `ctx.res`.
#[derive(Default)]
pub(crate) struct ResponseParts {
    pub status: Option<StatusCode>,
    pub headers: HeaderMap,
    pub cookies: Vec<Cookie<'static>>,
    /// Problems found while setting, reported once the function returns.
    pub errors: Vec<String>,
}

impl ResponseHandle {
    /// Sets a header, replacing any earlier value (Node's `res.setHeader`).
    pub fn set_header(&self, name: &str, value: &str) {
        let mut parts = self.0.borrow_mut();
        match (
            HeaderName::try_from(name),
            HeaderValue::try_from(value),
        ) {
            (Ok(name), Ok(value)) => {
                parts.headers.insert(name, value);
            }
            (Err(_), _) => parts.errors.push(format!(
                "`ctx.res.set_header({name:?}, ..)`: {name:?} is not a valid HTTP header name (use letters, digits and `-`)"
            )),
            (_, Err(_)) => parts.errors.push(format!(
                "`ctx.res.set_header({name:?}, {value:?})`: the value is not a valid HTTP header value (no control characters or newlines)"
            )),
        }
    }

    /// Sets the status of a rendered page (the default is 200).
    pub fn set_status(&self, status: StatusCode) {
        self.0.borrow_mut().status = Some(status);
    }

    /// Adds a `Set-Cookie` header. A cookie that cannot be sent (a newline or control
    /// character in it) turns the response into a 500, as an invalid header does.
    pub fn set_cookie(&self, cookie: Cookie<'static>) {
        let mut parts = self.0.borrow_mut();
        match HeaderValue::try_from(cookie.to_string()) {
            Ok(_) => parts.cookies.push(cookie),
            Err(_) => parts.errors.push(format!(
                "`ctx.res.set_cookie(..)`: the cookie {:?} is not a valid `Set-Cookie` header value (no control characters or newlines)",
                cookie.name()
            )),
        }
    }

    /// Takes what was set, leaving the handle empty.
    pub(crate) fn take(&self) -> ResponseParts {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

impl Context {
    pub(crate) fn new(
        req: HttpRequest,
        params: Params,
        query: Query,
        resolved_url: String,
    ) -> Self {
        Context {
            params,
            query,
            req,
            res: ResponseHandle::default(),
            resolved_url,
            locale: None,
            locales: &[],
            default_locale: None,
            draft_mode: false,
            preview: false,
            preview_data: None,
            base_path: "",
            trailing_slash: false,
        }
    }

    /// Sets draft mode from the request's preview cookies.
    pub(crate) fn in_preview(mut self, preview_data: Option<serde_json::Value>) -> Self {
        self.draft_mode = preview_data.is_some();
        self.preview = preview_data.is_some();
        self.preview_data = preview_data;
        self
    }

    /// Sets the request's locale.
    pub(crate) fn in_locale(mut self, locale: Option<LocaleInfo>) -> Self {
        if let Some(info) = locale {
            self.locale = Some(info.locale);
            self.locales = info.locales;
            self.default_locale = Some(info.default_locale);
        }
        self
    }

    /// The locale to render links in, as [`Context::in_locale`] set it.
    pub(crate) fn locale_info(&self) -> Option<LocaleInfo> {
        Some(LocaleInfo {
            locale: self.locale?,
            locales: self.locales,
            default_locale: self.default_locale?,
        })
    }

    /// Sets the base path and trailing slashes the page's links are written with.
    pub(crate) fn with_urls(mut self, base_path: &'static str, trailing_slash: bool) -> Self {
        self.base_path = base_path;
        self.trailing_slash = trailing_slash;
        self
    }

    /// What the page's `link()`s are written for: its locale and the app's base path.
    pub(crate) fn rendering(&self) -> Rendering {
        Rendering {
            locale: self.locale_info(),
            base_path: self.base_path,
            trailing_slash: self.trailing_slash,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_keeps_repeated_keys_and_params_win() {
        let mut query = Query::parse("post=other&tag=a&tag=b&q=a+b%21");
        assert_eq!(query.get("tag"), Some("a"));
        assert_eq!(query.get_all("tag").unwrap(), ["a", "b"]);
        assert_eq!(query.get("q"), Some("a b!"));
        let mut params = Params::default();
        params.push("post", ParamValue::One("post-1".into()));
        params.push("slug", ParamValue::Many(vec!["x".into(), "y".into()]));
        query.merge_params(&params);
        assert_eq!(query.get_all("post").unwrap(), ["post-1"]);
        assert_eq!(query.get_all("slug").unwrap(), ["x", "y"]);
    }

    #[test]
    fn params_distinguish_one_from_many() {
        let mut params = Params::default();
        params.push("id", ParamValue::One("7".into()));
        params.push("slug", ParamValue::Many(vec!["a".into()]));
        assert_eq!(params.get("id"), Some("7"));
        assert_eq!(params.get_all("id"), None);
        assert_eq!(params.get("slug"), None);
        assert_eq!(params.get_all("slug").unwrap(), ["a"]);
        assert_eq!(params.get("missing"), None);
    }

    #[test]
    fn relative_paths_refuse_every_way_out() {
        let many = |segments: &[&str]| {
            let mut params = Params::default();
            let segments = segments.iter().map(|s| s.to_string()).collect();
            params.push("path", ParamValue::Many(segments));
            params
        };
        let path = many(&["docs", "a b", "intro.md"]).relative_path("path");
        assert_eq!(path.unwrap(), PathBuf::from("docs/a b/intro.md"));
        for bad in [
            "..",
            ".",
            "",
            "../../etc/passwd",
            "a/b",
            "a\\b",
            "C:",
            "x\0y",
        ] {
            let refused = many(&["docs", bad]).relative_path("path");
            assert_eq!(refused, Err(UnsafePath::Segment(bad.to_owned())), "{bad:?}");
        }
        let mut one = Params::default();
        one.push("id", ParamValue::One("..".into()));
        assert!(one.relative_path("id").is_err());
        assert_eq!(
            one.relative_path("nope"),
            Err(UnsafePath::Missing("nope".into()))
        );
    }

    #[test]
    fn invalid_headers_are_recorded_not_panicked() {
        let res = ResponseHandle::default();
        res.set_header("x-ok", "1");
        res.set_header("bad name", "1");
        res.set_header("x-bad-value", "a\nb");
        res.set_cookie(Cookie::new("ok", "1"));
        res.set_cookie(Cookie::new("bad", "a\nb"));
        let parts = res.take();
        assert_eq!(parts.headers.get("x-ok").unwrap(), "1");
        assert_eq!(parts.cookies.len(), 1);
        assert_eq!(parts.errors.len(), 3);
        assert!(parts.errors[2].contains("\"bad\" is not a valid `Set-Cookie` header value"));
        assert!(parts.errors[0].contains("not a valid HTTP header name"));
    }
}
