//! The HTML shell of every page: the stylesheet and the icon, from `public/` through
//! `asset!`, so their URLs change with their content and browsers keep them for good.
use next_runtime::prelude::*;

#[page]
pub fn document() -> Document {
    // No `.lang(..)`: `<html lang>` follows the page's locale.
    Document::new().head(html! {
        link rel="stylesheet" href=(asset!("/styles/site.css"));
        link rel="icon" type="image/svg+xml" href=(asset!("/favicon.svg"));
    })
}
