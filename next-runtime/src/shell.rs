//! The app shell: what a page returns ([`Page`]: body, title, head tags), the layout
//! `_app.rs` wraps around every page, and the HTML shell `_document.rs` describes.

use std::panic::AssertUnwindSafe;

use maud::{html, Markup, PreEscaped};

use crate::handler::panic_message;
use crate::i18n::Rendering;
use crate::Error;

/// What a `#[page]` function returns when it sets its `<title>` or head tags; a plain
/// `Markup` is a page without them.
///
/// ```ignore
/// #[page]
/// pub fn page(props: Props) -> Page {
///     Page::new(html! { h1 { (props.title) } })
///         .title(format!("{} | My blog", props.title))
///         .head(html! { meta name="description" content=(props.summary); })
/// }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub(crate) body: Markup,
    pub(crate) title: Option<String>,
    pub(crate) head: Option<Markup>,
}

impl Page {
    /// A page with this body.
    pub fn new(body: Markup) -> Self {
        Page {
            body,
            title: None,
            head: None,
        }
    }

    /// Sets the document's `<title>`.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Adds tags to `<head>`: `meta`, `link`... (a `title` belongs in [`Page::title`]).
    pub fn head(mut self, tags: Markup) -> Self {
        let mut all = self.head.map(Markup::into_string).unwrap_or_default();
        all.push_str(&tags.into_string());
        self.head = Some(PreEscaped(all));
        self
    }
}

impl From<Markup> for Page {
    fn from(body: Markup) -> Self {
        Page::new(body)
    }
}

/// A link to another page: `(link("/posts/2", "Next post"))` renders
/// `<a href="/posts/2">Next post</a>`. It works as a plain link without JavaScript; with it,
/// the client router turns the click into a client-side transition. `content` is anything
/// maud renders.
///
/// In an app with locales, a local path stays in the locale being rendered, as Next's
/// `<Link>` does: on a `/fr/...` page, `link("/posts/2", ..)` points at `/fr/posts/2`.
pub fn link(href: impl AsRef<str>, content: impl maud::Render) -> Markup {
    html! { a href=(crate::i18n::localized(href.as_ref())) { (content) } }
}

/// A link into a given locale, for a locale switcher (Next's `<Link locale="fr">`):
/// `link_to_locale("fr", "/posts/2", "Français")` points at `/fr/posts/2`. Unlike a
/// plain link, the prefix is written for the default locale too, so `/` does not send the
/// visitor back to the locale their browser prefers.
pub fn link_to_locale(locale: &str, href: impl AsRef<str>, content: impl maud::Render) -> Markup {
    html! { a href=(crate::i18n::in_locale(href.as_ref(), locale)) hreflang=(locale) { (content) } }
}

/// What a `#[page]` function may return: `Markup` or [`Page`].
#[diagnostic::on_unimplemented(
    message = "a page returns `Markup` or `Page`, not `{Self}`",
    label = "build the body with `html! {{ .. }}`, and wrap it in `Page::new(..)` to set a title",
    note = "`Page::new(html! {{ .. }}).title(\"...\")` sets the document's title and head tags"
)]
pub trait IntoPage {
    /// The page this value renders.
    fn into_page(self) -> Page;
}

impl IntoPage for Markup {
    fn into_page(self) -> Page {
        Page::new(self)
    }
}

impl IntoPage for Page {
    fn into_page(self) -> Page {
        self
    }
}

/// The HTML shell `_document.rs` describes: `<html lang>`, extra head tags, body attributes.
///
/// ```ignore
/// // src/pages/_document.rs
/// #[page]
/// pub fn document() -> Document {
///     Document::new()
///         .lang("en")
///         .head(html! { link rel="icon" href="/favicon.ico"; })
///         .body_attribute("class", "light")
/// }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub(crate) lang: Option<String>,
    pub(crate) head: String,
    pub(crate) body_attributes: Vec<(String, String)>,
}

impl Document {
    /// The default shell: `<html lang="en">`, UTF-8, no extra head tags.
    pub fn new() -> Self {
        Document::default()
    }

    /// `<html lang="..">`.
    pub fn lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = Some(lang.into());
        self
    }

    /// Tags added to every page's `<head>`.
    pub fn head(mut self, tags: Markup) -> Self {
        self.head.push_str(&tags.into_string());
        self
    }

    /// An attribute of `<body>`.
    pub fn body_attribute(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.body_attributes.push((name.into(), value.into()));
        self
    }
}

/// The document around every page, fixed at start-up: everything but the page's title,
/// head tags, body and `__NEXT_DATA__` is rendered once.
pub(crate) struct Shell {
    /// `<!DOCTYPE html><html lang=..><head><meta ..>`, up to where a page's title goes.
    pub head_start: String,
    /// The document's own head tags, the router script, `</head><body ..>`.
    pub head_end: String,
    /// `_app.rs`: the layout around every page.
    pub app: Option<fn(Markup) -> Markup>,
    /// What this shell renders links for: its locale (also `<html lang>`), in an app with
    /// locales, and the app's base path and trailing slashes.
    pub rendering: Rendering,
}

impl Shell {
    /// `scripts` are whole `<script>` tags for the head, after the document's own tags
    /// (the router script; the dev server's client under `cargo next dev`).
    pub fn new(
        document: &Document,
        scripts: &str,
        app: Option<fn(Markup) -> Markup>,
        rendering: Rendering,
    ) -> Self {
        // `_document.rs`'s `lang` wins; otherwise the locale, as Next's `<Html>` does.
        let lang = document
            .lang
            .as_deref()
            .or(rendering.locale.map(|info| info.locale));
        let lang = match lang {
            Some(lang) => format!(" lang=\"{}\"", escape(lang)),
            None => String::new(),
        };
        let head_start = format!(
            "<!DOCTYPE html><html{lang}><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
        );
        let mut body_attributes = String::new();
        for (name, value) in &document.body_attributes {
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'));
            if valid {
                body_attributes.push_str(&format!(" {name}=\"{}\"", escape(value)));
            } else {
                tracing::warn!(attribute = %name, "_document.rs: not a valid HTML attribute name; left out");
            }
        }
        let head_end = format!("{}{scripts}</head><body{body_attributes}>", document.head);
        Shell {
            head_start,
            head_end,
            app,
            rendering,
        }
    }

    /// A page's own parts, wrapped in `_app` and escaped, ready for a document or a
    /// client-side transition. A panic in `_app` is an error, never an unwound request.
    pub fn render_parts(&self, page: Page) -> Result<RenderedPage, Error> {
        let mut parts = RenderedPage::without_app(page);
        if let Some(app) = self.app {
            let body = PreEscaped(std::mem::take(&mut parts.body));
            let wrap = AssertUnwindSafe(|| crate::i18n::render_in(self.rendering, || app(body)));
            parts.body = std::panic::catch_unwind(wrap)
                .map_err(|panic| Error::msg(format!("_app panicked: {}", panic_message(&*panic))))?
                .0;
        }
        Ok(parts)
    }

    /// The whole document for a page, around its (not yet escaped) `__NEXT_DATA__` JSON.
    pub fn document(&self, page: &RenderedPage, next_data_json: &str) -> String {
        let json = crate::render::html_escape_json_string(next_data_json);
        let mut out = String::with_capacity(
            self.head_start.len() + self.head_end.len() + page.body.len() + json.len() + 192,
        );
        out.push_str(&self.head_start);
        // The page's own head tags sit between two markers, so a client-side transition can
        // replace exactly them.
        out.push_str("<meta name=\"next-head\">");
        if let Some(title) = &page.title {
            out.push_str("<title>");
            out.push_str(&escape(title));
            out.push_str("</title>");
        }
        out.push_str(&page.head);
        out.push_str("<meta name=\"next-head-end\">");
        out.push_str(&self.head_end);
        out.push_str("<div id=\"__next\">");
        out.push_str(&page.body);
        out.push_str("</div><script id=\"__NEXT_DATA__\" type=\"application/json\">");
        out.push_str(&json);
        out.push_str("</script></body></html>");
        out
    }

    /// `document(render_parts(page))`.
    pub fn render(&self, page: Page, next_data_json: &str) -> Result<String, Error> {
        Ok(self.document(&self.render_parts(page)?, next_data_json))
    }
}

/// A page rendered for the shell: the `_app`-wrapped body, the title (not escaped yet),
/// the head tags.
pub(crate) struct RenderedPage {
    body: String,
    title: Option<String>,
    head: String,
}

impl RenderedPage {
    /// The page's parts as they are, without `_app`: what a status page falls back to
    /// when `_app` fails.
    pub fn without_app(page: Page) -> Self {
        RenderedPage {
            body: page.body.0,
            title: page.title,
            head: page.head.map(|head| head.0).unwrap_or_default(),
        }
    }

    /// The data-route answer to the client router ([`crate::wire::transition`]).
    pub fn transition_json(
        &self,
        page_props: crate::wire::PageProps<'_>,
        preview: bool,
        next_data_json: &str,
    ) -> String {
        let markup = crate::wire::RouterPage {
            body: &self.body,
            title: self.title.as_deref(),
            head: &self.head,
            next_data: next_data_json,
        };
        crate::wire::transition(page_props, preview, markup)
    }
}

/// HTML-escapes text for an element or a double-quoted attribute.
fn escape(text: &str) -> String {
    html! { (text) }.into_string()
}
