use next_runtime::prelude::*;

// Usable in a constant and in markup alike.
const STYLESHEET: &str = asset!("/styles/site.css");

fn main() {
    let head = html! { link rel="stylesheet" href=(STYLESHEET); img src=(asset!("/img/logo.png")); };
    assert!(head.into_string().contains("/_next/static/media/img/logo."));
    assert!(STYLESHEET.starts_with("/_next/static/media/styles/site."));
}
