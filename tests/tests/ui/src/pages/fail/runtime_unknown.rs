use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {}

#[get_server_side_props(runtime = "deno")]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let _ = ctx;
    Ok(ServerSideProps::props(Props {}))
}

#[page]
pub fn page(props: Props) -> Markup {
    let Props {} = props;
    html! {}
}

fn main() {}
