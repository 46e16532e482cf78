//! A static page with a stylesheet and an image from `public/`, named through `asset!`.
use next_runtime::prelude::*;

#[page]
pub fn page() -> Page {
    Page::new(html! {
        h1 { "Styled" }
        img src=(asset!("/img/logo.png")) alt="logo";
    })
    .title("Styled")
    .head(html! { link rel="stylesheet" href=(asset!("/styles/site.css")); })
}
