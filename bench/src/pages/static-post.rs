//! The benchmark post as a static page (rendered once at start-up): the speed a shared-cache
//! hit is compared with.
use next_runtime::prelude::*;

use crate::content::{post, render_post};

#[page]
pub fn page() -> Markup {
    render_post(&post(1))
}
