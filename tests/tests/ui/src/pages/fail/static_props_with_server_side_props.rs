use next_runtime::prelude::*;

#[get_server_side_props]
pub async fn per_request(_ctx: Context) -> Result<ServerSideProps<()>, Error> {
    Ok(ServerSideProps::props(()))
}

#[get_static_props]
pub async fn generated(_ctx: StaticContext) -> Result<StaticProps<()>, Error> {
    Ok(StaticProps::props(()))
}

#[page]
pub fn render(_props: ()) -> Markup {
    html! {}
}

fn main() {}
