use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub id: String,
}

#[get_server_side_props]
pub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let id = ctx.params.get("id").unwrap_or_default().to_owned();
    Ok(ServerSideProps::props(Props { id }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { "dynamic " (props.id) } }
}
