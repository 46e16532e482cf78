use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    id: String,
    locale: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    if ctx.query.get("shared").is_some() {
        crate::SHARED_RENDERS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        ctx.res
            .set_header("Cache-Control", "public, s-maxage=60");
    }
    Ok(ServerSideProps::props(Props {
        id: ctx.params.get("id").unwrap_or_default().to_owned(),
        locale: ctx.locale.unwrap_or_default().to_owned(),
    }))
}

#[page]
pub fn page(props: Props) -> Page {
    Page::new(html! {
        h1 #post { "Post " (props.id) " (" (props.locale) ")" }
        (link("/about", "About"))
    })
    .title(format!("Post {}", props.id))
}
