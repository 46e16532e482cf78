//! A static page: rendered once per locale at start-up.
use next_runtime::prelude::*;

#[page]
pub fn page() -> Page {
    let locale = next_runtime::rendering_locale().unwrap_or_default();
    Page::new(html! { h1 { "About" } p #locale { (locale) } (link("/posts/2", "Second post")) })
        .title("About")
}
