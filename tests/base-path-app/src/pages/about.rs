use next_runtime::prelude::*;

#[page]
pub fn page() -> Markup {
    html! { h1 { "About the shop" } (link("/", "Home")) }
}
