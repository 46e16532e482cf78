//! The `__NEXT_DATA__` payload, with Next.js's field order (`render.tsx`).

use crate::context::Query;
use crate::i18n::LocaleInfo;
use crate::wire::{Flavor, PageProps};

/// What differs between pages in `__NEXT_DATA__`.
pub struct NextData<'a> {
    /// The serialized props of a props function, and which kind; `None` for a page
    /// without data.
    pub page_props: PageProps<'a>,
    /// The route pattern, e.g. `/posts/[id]`.
    pub page: &'a str,
    /// The merged query, already as JSON ([`Query::to_json`]).
    pub query: &'a str,
    pub build_id: &'a str,
    /// The request's locale, in an app with locales.
    pub locale: Option<LocaleInfo>,
    /// A draft-mode or preview request.
    pub is_preview: bool,
    /// A `fallback: true` page's stand-in, before its props exist.
    pub is_fallback: bool,
}

impl<'a> NextData<'a> {
    /// A page rendered without request data, once at start-up: a static page or a status
    /// page, in `locale`.
    pub fn prerendered(page: &'a str, build_id: &'a str, locale: Option<LocaleInfo>) -> Self {
        NextData {
            page_props: None,
            page,
            query: "{}",
            build_id,
            locale,
            is_preview: false,
            is_fallback: false,
        }
    }

    /// The JSON text, not yet escaped for HTML.
    pub fn to_json(&self) -> String {
        let mut out =
            String::with_capacity(128 + self.page_props.map_or(0, |(props, _)| props.len()));
        out.push_str(r#"{"props":{"#);
        crate::wire::push_props_fields(&mut out, self.page_props, self.is_preview);
        out.push('}');
        out.push_str(r#","page":"#);
        push_json_string(&mut out, self.page);
        out.push_str(r#","query":"#);
        out.push_str(self.query);
        out.push_str(r#","buildId":"#);
        push_json_string(&mut out, self.build_id);
        if self.page_props.is_none() {
            // A page without a props function is exported statically, as Next's auto-export.
            out.push_str(r#","nextExport":true,"autoExport":true"#);
        }
        out.push_str(match self.is_fallback {
            true => r#","isFallback":true"#,
            false => r#","isFallback":false"#,
        });
        match self.page_props {
            Some((_, Flavor::ServerSide)) => out.push_str(r#","gssp":true"#),
            Some((_, Flavor::Static)) => out.push_str(r#","gsp":true"#),
            None => {}
        }
        if let Some(info) = self.locale {
            out.push_str(r#","locale":"#);
            push_json_string(&mut out, info.locale);
            out.push_str(r#","locales":["#);
            for (i, locale) in info.locales.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json_string(&mut out, locale);
            }
            out.push_str(r#"],"defaultLocale":"#);
            push_json_string(&mut out, info.default_locale);
        }
        if self.is_preview {
            out.push_str(r#","isPreview":true"#);
        }
        out.push_str(r#","scriptLoader":[]}"#);
        out
    }
}

impl Query {
    /// `{"key":"value","list":["a","b"]}`: one value as a string, repeated ones as a list,
    /// as Next.js writes `query` in `__NEXT_DATA__`.
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        push_query(&mut out, self);
        out
    }
}

fn push_query(out: &mut String, query: &Query) {
    out.push('{');
    for (i, (key, values, list)) in query.iter_json_shape().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, key);
        out.push(':');
        match values {
            [one] if !list => push_json_string(out, one),
            many => {
                out.push('[');
                for (j, value) in many.iter().enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    push_json_string(out, value);
                }
                out.push(']');
            }
        }
    }
    out.push('}');
}

fn push_json_string(out: &mut String, value: &str) {
    out.push_str(&super::json_string(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_side_payload_has_next_fields_in_order() {
        let query = Query::parse("id=1&tag=a&tag=b");
        let json = NextData {
            page_props: Some((r#"{"id":1}"#, Flavor::ServerSide)),
            page: "/posts/[id]",
            query: &query.to_json(),
            build_id: "abc",
            locale: None,
            is_preview: false,
            is_fallback: false,
        }
        .to_json();
        assert_eq!(
            json,
            r#"{"props":{"pageProps":{"id":1},"__N_SSP":true},"page":"/posts/[id]","query":{"id":"1","tag":["a","b"]},"buildId":"abc","isFallback":false,"gssp":true,"scriptLoader":[]}"#
        );
    }

    #[test]
    fn locale_and_preview_fields_follow_gssp() {
        let json = NextData {
            page_props: Some(("{}", Flavor::ServerSide)),
            page: "/",
            query: "{}",
            build_id: "abc",
            locale: Some(crate::i18n::I18n::new(&["en-US", "fr"], "en-US", true).info("fr")),
            is_preview: true,
            is_fallback: false,
        }
        .to_json();
        assert!(
            json.starts_with(r#"{"props":{"pageProps":{},"__N_SSP":true,"__N_PREVIEW":true},"#)
                && json.ends_with(r#""gssp":true,"locale":"fr","locales":["en-US","fr"],"defaultLocale":"en-US","isPreview":true,"scriptLoader":[]}"#),
            "{json}"
        );
    }

    #[test]
    fn static_payload_has_no_gssp_key() {
        let json = NextData {
            page_props: None,
            page: "/",
            query: &Query::default().to_json(),
            build_id: "abc",
            locale: None,
            is_preview: false,
            is_fallback: false,
        }
        .to_json();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["props"], serde_json::json!({"pageProps": {}}));
        assert!(value.get("gssp").is_none());
        assert_eq!(value["isFallback"], false);
    }
}
