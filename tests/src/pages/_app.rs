//! The layout around every page of the test app, status pages included.
use next_runtime::prelude::*;

#[page]
pub fn app(page: Markup) -> Markup {
    html! {
        header #layout { "Test app" }
        (page)
    }
}
