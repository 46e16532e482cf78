use next_runtime::prelude::*;

#[page]
pub fn page() -> Markup {
    html! {
        h1 { "Home" }
        nav #links {
            (link("/posts/2", "Post 2"))
            (link("/about", html! { b { "About" } }))
            (link("/posts/0", "Old post"))
            (link("/posts/nope", "Missing post"))
            (link("/failures?mode=error", "Broken page"))
            (link("/client-fetch", "Client fetch"))
            a href="https://example.invalid/elsewhere" { "Elsewhere" }
        }
    }
}
