//! A static page: rendered once per locale at start-up.
use next_runtime::prelude::*;

#[page]
pub fn page() -> Page {
    Page::new(html! { h1 { "About" } (link("/posts/2", "Second post")) }).title("About")
}
