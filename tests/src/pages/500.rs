use next_runtime::prelude::*;

#[page]
pub fn page() -> Markup {
    html! { h1 { "Custom 500: something broke" } }
}
