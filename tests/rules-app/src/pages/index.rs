use next_runtime::prelude::*;

#[page]
pub fn page() -> Markup {
    html! {
        h1 { "Home" }
        (link("/shop/socks", "Socks (a rewrite)"))
        (link("/mw/rewrite", "A middleware rewrite"))
    }
}
