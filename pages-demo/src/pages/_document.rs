//! The HTML shell of every page.
use next_runtime::prelude::*;

#[page]
pub fn document() -> Document {
    // No `.lang(..)`: `<html lang>` follows the page's locale.
    Document::new().head(html! {
        style { "body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}" }
    })
}
