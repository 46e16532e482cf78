//! The HTML shell of every page.
use next_runtime::prelude::*;

#[page]
pub fn document() -> Document {
    Document::new().lang("en").head(html! {
        style { "body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}" }
    })
}
