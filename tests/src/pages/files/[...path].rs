use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub path: Vec<String>,
}

#[get_server_side_props]
pub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let path = ctx.params.get_all("path").unwrap_or_default().to_vec();
    Ok(ServerSideProps::props(Props { path }))
}

#[page]
pub fn files(props: Props) -> Markup {
    html! { ul { @for part in &props.path { li { (part) } } } }
}
