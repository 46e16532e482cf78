use next_runtime::prelude::*;

#[page(title = "Home")]
pub struct Home;

fn main() {}
