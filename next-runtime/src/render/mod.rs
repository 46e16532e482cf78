//! What goes into the HTML around a page body: the `__NEXT_DATA__` payload and its
//! escaping. The document itself is the app shell's (`crate::shell`).

mod escape;
mod next_data;

pub use escape::html_escape_json_string;
pub(crate) use next_data::NextData;

/// The fields of Next's `props` object, without its braces: `"pageProps":{..},"__N_SSP":true`
/// for a page with a props function, plus `"__N_PREVIEW":true` in draft mode;
/// `"pageProps":{}` for a static page.
pub(crate) fn push_props_fields(out: &mut String, page_props: Option<&str>, preview: bool) {
    out.push_str(r#""pageProps":"#);
    match page_props {
        Some(props) => {
            out.push_str(props);
            out.push_str(r#","__N_SSP":true"#);
            if preview {
                out.push_str(r#","__N_PREVIEW":true"#);
            }
        }
        None => out.push_str("{}"),
    }
}

/// Next's `props` object: what the data route answers.
pub(crate) fn props_json(page_props: Option<&str>, preview: bool) -> String {
    let mut out = String::with_capacity(48 + page_props.map_or(0, str::len));
    out.push('{');
    push_props_fields(&mut out, page_props, preview);
    out.push('}');
    out
}

/// `text` as a JSON string literal, quotes included.
pub(crate) fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("a str always serializes")
}
