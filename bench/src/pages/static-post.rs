//! The benchmark post as a static page (rendered once at start-up): the speed a shared-cache
//! hit is compared with. It carries the post's JSON too, so its response is the size of the
//! cached page's (whose `__NEXT_DATA__` holds the props): like is compared with like.
use maud::PreEscaped;
use next_runtime::prelude::*;

use crate::content::{post, render_post};

#[page]
pub fn page() -> Markup {
    let post = post(1);
    let json = serde_json::to_string(&post).expect("the post serializes");
    html! {
        (render_post(&post))
        script #post type="application/json" { (PreEscaped(json.replace('<', "\\u003c"))) }
    }
}
