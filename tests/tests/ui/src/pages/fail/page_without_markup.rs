use next_runtime::prelude::*;

#[page]
pub fn page() {}

fn main() {}
