use next_runtime::prelude::*; // page, get_server_side_props, Context, ServerSideProps, Redirect, Error, html!, Markup
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub id: u64,
    pub title: String,
}

/// Runs on every request for `/posts/<id>`, as Next's `getServerSideProps`.
#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let Some(id) = ctx.params.get("id").and_then(|id| id.parse::<u64>().ok()) else {
        return Ok(ServerSideProps::not_found());
    };
    if id == 0 {
        return Ok(ServerSideProps::redirect(Redirect::permanent("/posts/1")));
    }
    Ok(ServerSideProps::props(Props {
        id,
        title: format!("Post {id}"),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! {
        h1 { (props.title) }
        p { (link(format!("/posts/{}", props.id + 1), "Next post")) " · " (link("/", "Home")) }
    }
}
