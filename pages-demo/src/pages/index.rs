//! `/`: the list of posts. No props function, so it is rendered once at start-up.
use next_runtime::prelude::*;

use crate::content::{layout, POSTS};

#[page]
pub fn home() -> Markup {
    layout(
        "A blog on next-runtime",
        html! {
            ul {
                @for post in POSTS {
                    li { a href={ "/posts/" (post.id) } { (post.title) } }
                }
            }
            p { a href="/blog/2" { "An old link" } " redirects to its new address." }
        },
    )
}
