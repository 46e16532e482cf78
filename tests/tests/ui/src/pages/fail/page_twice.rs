use next_runtime::prelude::*;

#[page]
pub fn page() -> Markup {
    html! { h1 { "one" } }
}

#[page]
pub fn other_page() -> Markup {
    html! { h1 { "two" } }
}

fn main() {}
