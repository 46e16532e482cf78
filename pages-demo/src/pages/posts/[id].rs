//! `/posts/[id]`: one post, loaded on every request.
use next_runtime::prelude::*;
use serde::Serialize;

use crate::content::post;

#[derive(Serialize)]
pub struct Props {
    pub id: u64,
    pub title: String,
    pub body: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let Some(post) = ctx.params.get("id").and_then(|id| id.parse().ok()).and_then(post) else {
        return Ok(ServerSideProps::not_found());
    };
    ctx.res.set_header("Cache-Control", "public, s-maxage=10, stale-while-revalidate=59");
    Ok(ServerSideProps::props(Props {
        id: post.id,
        title: post.title.to_owned(),
        body: post.body.to_owned(),
    }))
}

#[page]
pub fn page(props: Props) -> Page {
    Page::new(html! {
        h1 { (props.title) }
        p { (props.body) }
        p { (link(format!("/posts/{}", props.id + 1), "Next post")) }
    })
    .title(format!("{} | pages-demo", props.title))
    .head(html! { meta name="description" content=(props.body); })
}
