use next_runtime::prelude::*;

#[page]
pub fn page() -> String {
    "<h1>Home</h1>".to_owned()
}

fn main() {}
