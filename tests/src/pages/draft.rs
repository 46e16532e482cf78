//! Reports the draft-mode fields of its context, and asks to be cached publicly (which
//! draft mode overrides).
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    draft_mode: bool,
    preview: bool,
    preview_data: Option<serde_json::Value>,
}

#[get_server_side_props]
pub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    ctx.res.set_header("Cache-Control", "public, max-age=3600");
    Ok(ServerSideProps::props(Props {
        draft_mode: ctx.draft_mode,
        preview: ctx.preview,
        preview_data: ctx.preview_data.clone(),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { p #draft { (props.preview) " and " (props.preview_data.map(|d| d.to_string()).unwrap_or_default()) } }
}
