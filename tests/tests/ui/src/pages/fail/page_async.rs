use next_runtime::prelude::*;

#[page]
pub async fn page() -> Markup {
    html! { h1 { "Home" } }
}

fn main() {}
