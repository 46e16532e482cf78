use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub title: String,
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { (props.title) } }
}

fn main() {}
