//! A props function that requires a JSON body (`web::Json<Note>`) and echoes it; anything
//! else is the extractor's 400 (or 415, for another content type).
use actix_web::web;
use next_runtime::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize)]
pub struct Note {
    pub text: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(
    _ctx: Context,
    web::Json(note): web::Json<Note>,
) -> Result<ServerSideProps<Note>, Error> {
    Ok(ServerSideProps::props(note))
}

#[page]
pub fn page(props: Note) -> Markup {
    html! { p #text { (props.text) } }
}
