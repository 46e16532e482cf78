use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    slug: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let slug = ctx.params.get("slug").unwrap_or_default().to_owned();
    Ok(ServerSideProps::props(Props { slug }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { "Blog " (props.slug) } }
}
