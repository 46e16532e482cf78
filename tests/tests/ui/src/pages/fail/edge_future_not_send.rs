use next_runtime::prelude::*;
use serde::Serialize;
use std::rc::Rc;

#[derive(Serialize)]
pub struct Props {
    pub count: usize,
}

#[get_server_side_props(runtime = "edge")]
pub async fn get_server_side_props(ctx: EdgeContext) -> Result<ServerSideProps<Props>, Error> {
    let shared = Rc::new(ctx.query.iter().count());
    std::future::ready(()).await;
    Ok(ServerSideProps::props(Props { count: *shared }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { p { (props.count) } }
}

fn main() {}
