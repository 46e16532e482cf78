use next_runtime::prelude::*;

#[page]
pub fn nav() -> Markup {
    html! { nav { "menu" } }
}

fn main() {}
