//! A page whose props (about 4 KB) are large enough to be compressed, HTML and data alike.
//! `?cc=` sets its `Cache-Control`, for the shared cache.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub lines: Vec<String>,
}

#[get_server_side_props]
pub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    if let Some(cache_control) = ctx.query.get("cc") {
        ctx.res.set_header("Cache-Control", cache_control);
    }
    let lines = (0..100).map(|i| format!("line {i} of a long page")).collect();
    Ok(ServerSideProps::props(Props { lines }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { ol { @for line in &props.lines { li { (line) } } } }
}
