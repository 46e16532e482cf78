//! `/docs`, `/docs/routing`, `/docs/routing/dynamic`...: one optional catch-all page.
use next_runtime::prelude::*;
use serde::Serialize;

use crate::content::{doc, DOCS};

#[derive(Serialize)]
pub struct Props {
    pub path: Vec<String>,
    pub text: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let path = ctx.params.get_all("slug").unwrap_or_default().to_vec();
    let Some(text) = doc(&path.join("/")) else {
        return Ok(ServerSideProps::not_found());
    };
    Ok(ServerSideProps::props(Props { path, text: text.to_owned() }))
}

#[page]
pub fn page(props: Props) -> Page {
    let title = match props.path.last() {
        Some(last) => format!("Docs: {last}"),
        None => "Docs".to_owned(),
    };
    Page::new(html! {
        h1 { (title) }
        p { (props.text) }
        ul {
            @for (path, _) in DOCS.iter().filter(|(path, _)| !path.is_empty()) {
                li { (link(format!("/docs/{path}"), *path)) }
            }
        }
    })
    .title(title.clone())
}
