//! A static page with a stylesheet and an image from `public/`, named through `asset!`.
use next_runtime::prelude::*;

#[page]
pub fn page() -> Page {
    Page::new(html! {
        h1 { "Styled" }
        img src=(asset!("/img/logo.png")) alt="logo";
        a href=(asset!("/my file.txt")) { "a file with a space in its name" }
    })
    .title("Styled")
    .head(html! { link rel="stylesheet" href=(asset!("/styles/site.css")); })
}
