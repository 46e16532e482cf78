//! The not-found page, for unknown paths and `ServerSideProps::not_found()`.
use next_runtime::prelude::*;

use crate::content::layout;

#[page]
pub fn page() -> Markup {
    layout(
        "404: this page could not be found",
        html! { p { "Try the " a href="/" { "home page" } "." } },
    )
}
