use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    id: String,
    resolved_url: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    if ctx.query.get("go").is_some() {
        return Ok(ServerSideProps::redirect(Redirect::temporary("/about")));
    }
    if ctx.query.get("away").is_some() {
        return Ok(ServerSideProps::redirect(Redirect::temporary("/elsewhere").outside_base_path()));
    }
    Ok(ServerSideProps::props(Props {
        id: ctx.params.get("id").unwrap_or_default().to_owned(),
        resolved_url: ctx.resolved_url.clone(),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { "Post " (props.id) } }
}
