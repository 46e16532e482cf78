use next_runtime::prelude::*;

#[page]
pub fn document() -> Document {
    Document::new()
        .lang("en")
        .head(html! { link rel="icon" href="/favicon.ico"; })
        .body_attribute("class", "light")
}

fn main() {}
