use next_runtime::prelude::*;

/// The document shell every page shares: the stylesheet from public/, by a URL that
/// changes with its content.
#[page]
pub fn document() -> Document {
    Document::new()
        .lang("en")
        .head(html! { link rel="stylesheet" href=(asset!("/styles/site.css")); })
}
