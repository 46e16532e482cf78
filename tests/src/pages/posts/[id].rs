use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub id: u64,
    pub title: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    crate::POST_PROPS_RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let Some(id) = ctx.params.get("id").and_then(|id| id.parse::<u64>().ok()) else {
        return Ok(ServerSideProps::not_found());
    };
    if id == 0 {
        return Ok(ServerSideProps::redirect(Redirect::permanent("/posts/1")));
    }
    ctx.res.set_header("Cache-Control", "public, s-maxage=10, stale-while-revalidate=59");
    Ok(ServerSideProps::props(Props { id, title: format!("Post {id}") }))
}

#[page]
pub fn page(props: Props) -> Page {
    Page::new(html! { h1 { (props.title) } }).title(format!("{} | Test app", props.title))
}
