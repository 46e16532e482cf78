//! `/`: the list of posts. No props function, so it is rendered once per locale at
//! start-up (`/` in English, `/fr` in French).
use next_runtime::prelude::*;

use crate::content::POSTS;

#[page]
pub fn home() -> Page {
    let heading = match next_runtime::rendering_locale() {
        Some("fr") => "Un blog sur next-runtime",
        _ => "A blog on next-runtime",
    };
    Page::new(html! {
        h1 { (heading) }
        ul {
            @for post in POSTS {
                li { (link(format!("/posts/{}", post.id), post.title)) }
            }
        }
        p { (link("/blog/2", "An old link")) " redirects to its new address." }
    })
    .title("A blog on next-runtime")
}
