//! Says which locale it was rendered in.
use next_runtime::prelude::*;

#[page]
pub fn page() -> Markup {
    html! { h1 #locale { (next_runtime::rendering_locale().unwrap_or_default()) } }
}
