use next_runtime::prelude::*;

#[page]
pub fn page() -> Markup {
    html! {
        h1 { "Shop" }
        (link("/about", "About"))
        (link("/posts/1", "Post 1"))
        a #logo href=(asset!("/logo.txt")) { "logo" }
    }
}
