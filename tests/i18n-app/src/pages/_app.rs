use next_runtime::prelude::*;

#[page]
pub fn app(page: Markup) -> Markup {
    html! {
        nav {
            (link("/", "Home")) " "
            (link("/about", "About")) " "
            (link_to_locale("fr", "/", "Français")) " "
            (link_to_locale("en-US", "/", "English"))
        }
        (page)
    }
}
