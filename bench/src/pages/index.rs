use next_runtime::prelude::*;

#[page]
pub fn page() -> Markup {
    html! { h1 { "Benchmark app" } a href="/posts/1" { "The benchmark post" } }
}
