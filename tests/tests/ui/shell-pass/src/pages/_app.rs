use next_runtime::prelude::*;

#[page]
pub fn app(page: Markup) -> Markup {
    html! {
        nav { a href="/" { "Home" } }
        main { (page) }
    }
}

fn main() {}
