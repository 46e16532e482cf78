//! Shows a catch-all's segments as the router decoded them, and what
//! `Params::relative_path` makes of them.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub path: Vec<String>,
    /// The safe relative path, or why it was refused.
    pub file: Result<String, String>,
}

#[get_server_side_props]
pub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let path = ctx.params.get_all("path").unwrap_or_default().to_vec();
    let file = match ctx.params.relative_path("path") {
        Ok(file) => Ok(file.display().to_string()),
        Err(refused) => Err(refused.to_string()),
    };
    Ok(ServerSideProps::props(Props { path, file }))
}

#[page]
pub fn files(props: Props) -> Markup {
    html! { ul { @for part in &props.path { li { (part) } } } }
}
