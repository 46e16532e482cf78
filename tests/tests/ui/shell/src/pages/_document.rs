use next_runtime::prelude::*;

#[page]
pub fn document(lang: String) -> Document {
    Document::new().lang(lang)
}

fn main() {}
