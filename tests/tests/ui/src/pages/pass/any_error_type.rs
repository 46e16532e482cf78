// Any `std::error::Error` works as the error type, and `?` converts into it.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub n: u32,
}

#[get_server_side_props]
pub async fn load(ctx: Context) -> Result<ServerSideProps<Props>, std::num::ParseIntError> {
    let n = ctx.query.get("n").unwrap_or("1").parse()?;
    Ok(ServerSideProps::props(Props { n }))
}

#[page]
pub fn render(props: Props) -> Markup {
    html! { p { (props.n) } }
}

fn main() {}
