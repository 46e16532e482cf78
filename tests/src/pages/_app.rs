//! The layout around every page of the test app, status pages included. It panics around a
//! page whose body holds `__panic_in_app__`, so tests can see a failing `_app`.
use next_runtime::prelude::*;

#[page]
pub fn app(page: Markup) -> Markup {
    if page.0.contains("__panic_in_app__") {
        panic!("_app refused this page");
    }
    html! {
        header #layout { "Test app" }
        (page)
    }
}
