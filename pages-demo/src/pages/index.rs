//! `/`: the list of posts. No props function, so it is rendered once at start-up.
use next_runtime::prelude::*;

use crate::content::POSTS;

#[page]
pub fn home() -> Page {
    Page::new(html! {
        h1 { "A blog on next-runtime" }
        ul {
            @for post in POSTS {
                li { (link(format!("/posts/{}", post.id), post.title)) }
            }
        }
        p { (link("/blog/2", "An old link")) " redirects to its new address." }
    })
    .title("A blog on next-runtime")
}
