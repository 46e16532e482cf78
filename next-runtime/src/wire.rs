//! Every JSON body the data route answers and the client router reads, written in one place:
//! Next's `props` object, its not-found and redirect shapes, and the router's transition
//! (the same JSON plus the page's markup). `__NEXT_DATA__` (`render::NextData`) writes its
//! `props` field with [`push_props_fields`] too.

use crate::render::json_string;

/// Where a page's props come from: its marker in Next's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// A props function run per request: `__N_SSP`, `gssp`.
    ServerSide,
    /// A static props function, run at start-up or in the background: `__N_SSG`, `gsp`.
    Static,
}

impl Flavor {
    fn marker(self) -> &'static str {
        match self {
            Flavor::ServerSide => r#""__N_SSP":true"#,
            Flavor::Static => r#""__N_SSG":true"#,
        }
    }
}

/// A page's props as JSON, and where they come from; `None` for a page without data.
pub(crate) type PageProps<'a> = Option<(&'a str, Flavor)>;

/// The data route's answer for `notFound: true` (with status 404).
pub(crate) const NOT_FOUND: &str = r#"{"notFound":true}"#;

/// The fields of Next's `props` object, without its braces: `"pageProps":{..},"__N_SSP":true`
/// for a page with a props function (`__N_SSG` with a static one), plus
/// `"__N_PREVIEW":true` in draft mode; `"pageProps":{}` for a page without data.
pub(crate) fn push_props_fields(out: &mut String, page_props: PageProps<'_>, preview: bool) {
    out.push_str(r#""pageProps":"#);
    match page_props {
        Some((props, flavor)) => {
            out.push_str(props);
            out.push(',');
            out.push_str(flavor.marker());
            if preview {
                out.push_str(r#","__N_PREVIEW":true"#);
            }
        }
        None => out.push_str("{}"),
    }
}

/// Next's `props` object: what the data route answers.
pub(crate) fn props(page_props: PageProps<'_>, preview: bool) -> String {
    let mut out = String::with_capacity(48 + page_props.map_or(0, |(props, _)| props.len()));
    out.push('{');
    push_props_fields(&mut out, page_props, preview);
    out.push('}');
    out
}

/// A redirect on the data route: Next's `__N_REDIRECT` props, which the client follows.
pub(crate) fn redirect(destination: &str, status: u16, flavor: Flavor) -> String {
    format!(
        r#"{{"pageProps":{{"__N_REDIRECT":{},"__N_REDIRECT_STATUS":{status}}},{}}}"#,
        json_string(destination),
        flavor.marker(),
    )
}

/// The page as the client router swaps it in.
pub(crate) struct RouterPage<'a> {
    /// `#__next`'s new content: the `_app`-wrapped body.
    pub body: &'a str,
    /// The document title, not escaped.
    pub title: Option<&'a str>,
    /// The page's head tags.
    pub head: &'a str,
    /// `__NEXT_DATA__`'s new JSON.
    pub next_data: &'a str,
}

/// The data-route answer to the client router: Next's JSON (`pageProps`, `__N_SSP` for a
/// page with a props function) plus `__next_render`, what the router swaps in.
pub(crate) fn transition(
    page_props: PageProps<'_>,
    preview: bool,
    markup: RouterPage<'_>,
) -> String {
    let mut props = String::from("{");
    push_props_fields(&mut props, page_props, preview);
    let title = markup.title.map_or("null".to_owned(), json_string);
    format!(
        r#"{props},"__next_render":{{"html":{},"title":{title},"head":{},"nextData":{}}}}}"#,
        json_string(markup.body),
        json_string(markup.head),
        markup.next_data,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shapes_next_and_the_router_read() {
        assert_eq!(props(None, false), r#"{"pageProps":{}}"#);
        assert_eq!(
            props(Some((r#"{"id":1}"#, Flavor::ServerSide)), true),
            r#"{"pageProps":{"id":1},"__N_SSP":true,"__N_PREVIEW":true}"#
        );
        assert_eq!(
            redirect("/a?b=\"c\"", 307, Flavor::ServerSide),
            r#"{"pageProps":{"__N_REDIRECT":"/a?b=\"c\"","__N_REDIRECT_STATUS":307},"__N_SSP":true}"#
        );
        let markup = RouterPage {
            body: "<h1>Hi</h1>",
            title: Some("T \"1\""),
            head: "",
            next_data: "{}",
        };
        let json: serde_json::Value =
            serde_json::from_str(&transition(Some(("{}", Flavor::ServerSide)), false, markup))
                .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"pageProps": {}, "__N_SSP": true, "__next_render": {
                "html": "<h1>Hi</h1>", "title": "T \"1\"", "head": "", "nextData": {}
            }})
        );
    }
}
