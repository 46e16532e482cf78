//! A static page that shows how many times it has been rendered.
use std::sync::atomic::{AtomicUsize, Ordering};

use next_runtime::prelude::*;

static RENDERS: AtomicUsize = AtomicUsize::new(0);

#[page]
pub fn page() -> Markup {
    let n = RENDERS.fetch_add(1, Ordering::SeqCst) + 1;
    html! { p #renders { (n) } }
}
