//! The not-found page, for unknown paths and `ServerSideProps::not_found()`.
use next_runtime::prelude::*;

#[page]
pub fn page() -> Page {
    Page::new(html! {
        h1 { "404: this page could not be found" }
        p { "Try the " (link("/", "home page")) "." }
    })
    .title("Not found | pages-demo")
}
