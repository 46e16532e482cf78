use next_runtime::prelude::*;

#[get_static_props]
pub async fn load(_ctx: StaticContext) -> Result<ServerSideProps<()>, Error> {
    Ok(ServerSideProps::props(()))
}

#[page]
pub fn render(_props: ()) -> Markup {
    html! {}
}

fn main() {}
