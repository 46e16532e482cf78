//! Data from an HTTP API, as docs/data-fetching.md shows: the app registers the API's base
//! URL (`web::Data<Upstream>`) and one `awc::Client` per worker with a timeout; `?id=`
//! names the post. The API's 404 is this page's 404; any other failure, or no answer in
//! time, is the 500 page.
use actix_web::http::StatusCode;
use actix_web::web;
use next_runtime::prelude::*;
use serde::{Deserialize, Serialize};

use crate::Upstream;

#[derive(Deserialize)]
pub struct Which {
    pub id: String,
}

#[derive(Deserialize, Serialize)]
pub struct Post {
    pub title: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(
    _ctx: Context,
    client: web::Data<awc::Client>,
    upstream: web::Data<Upstream>,
    web::Query(which): web::Query<Which>,
) -> Result<ServerSideProps<Post>, Error> {
    let url = format!("{}/posts/{}", upstream.0, urlencoding(&which.id));
    let mut response = client
        .get(url)
        .send()
        .await
        .map_err(|error| Error::msg(format!("the posts API did not answer: {error}")))?;
    match response.status() {
        StatusCode::OK => {}
        StatusCode::NOT_FOUND => return Ok(ServerSideProps::not_found()),
        status => return Err(Error::msg(format!("the posts API answered {status}"))),
    }
    let post: Post = response
        .json()
        .await
        .map_err(|error| Error::msg(format!("the posts API sent a bad post: {error}")))?;
    Ok(ServerSideProps::props(post))
}

/// `id` as one path segment.
fn urlencoding(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[page]
pub fn page(props: Post) -> Markup {
    html! { h1 { (props.title) } }
}
