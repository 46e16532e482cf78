//! A static page whose render panics: it is rendered at start-up, so the panic happens
//! there, and the site must still start.
use next_runtime::prelude::*;

#[page]
pub fn page() -> Markup {
    panic!("the static page exploded at start-up")
}
