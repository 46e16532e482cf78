use next_runtime::prelude::*;

#[page]
pub fn page() -> Markup {
    html! {
        h1 { "Welcome to {{name}}" }
        p { "Edit " code { "src/pages/index.rs" } " and save: the page reloads by itself." }
        p { (link("/posts/1", "The first post")) }
    }
}
