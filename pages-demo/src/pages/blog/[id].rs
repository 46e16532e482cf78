//! `/blog/[id]`: the blog's old address. Every request is redirected to `/posts/[id]`.
use next_runtime::prelude::*;

#[get_server_side_props]
pub async fn moved(ctx: Context) -> Result<ServerSideProps<()>, Error> {
    let id = ctx.params.get("id").unwrap_or_default();
    Ok(ServerSideProps::redirect(Redirect::permanent(format!("/posts/{id}"))))
}

#[page]
pub fn page(_props: ()) -> Markup {
    html! {}
}
