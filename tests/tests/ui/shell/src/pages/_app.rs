use next_runtime::prelude::*;

#[page]
pub fn app() -> Markup {
    html! { nav { "menu" } }
}

fn main() {}
