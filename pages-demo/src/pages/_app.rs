//! The layout around every page: navigation, the locale switcher and footer. Links go
//! through `link`, so clicks become client-side transitions that stay in the locale.
use next_runtime::prelude::*;

#[page]
pub fn app(page: Markup) -> Markup {
    html! {
        header {
            img.logo src=(asset!("/img/logo.svg")) alt="pages-demo" width="32" height="32";
            nav {
                (link("/", "Home")) " · "
                (link("/posts/1", "First post")) " · "
                (link("/docs", "Docs")) " · "
                (link("/dashboard", "Dashboard")) " · "
                (link("/cached", "Cached")) " · "
                (link("/draft", "Draft mode"))
            }
            p.locales {
                (link_to_locale("en", "/", "English")) " · "
                (link_to_locale("fr", "/", "Français"))
            }
        }
        main { (page) }
        footer { small { "pages-demo, served by next-runtime" } }
    }
}
