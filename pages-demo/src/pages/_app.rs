//! The layout around every page: navigation and footer. Links go through `link`, so clicks
//! become client-side transitions.
use next_runtime::prelude::*;

#[page]
pub fn app(page: Markup) -> Markup {
    html! {
        header {
            nav {
                (link("/", "Home")) " · "
                (link("/posts/1", "First post")) " · "
                (link("/docs", "Docs")) " · "
                (link("/dashboard", "Dashboard"))
            }
        }
        main { (page) }
        footer { small { "pages-demo, served by next-runtime" } }
    }
}
