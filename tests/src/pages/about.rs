//! A static page with its own title and meta tags.
use next_runtime::prelude::*;

#[page]
pub fn page() -> Page {
    Page::new(html! { h1 { "About" } })
        .title("About <us>")
        .head(html! { meta name="description" content="Who we are"; })
}
