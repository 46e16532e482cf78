//! `/`: the list of posts, read from the database on every request (`/` in English, `/fr`
//! in French).
use actix_web::web;
use next_runtime::prelude::*;
use serde::Serialize;

use crate::db::Db;

#[derive(Serialize)]
pub struct Listed {
    pub id: i64,
    pub title: String,
}

#[derive(Serialize)]
pub struct Props {
    pub posts: Vec<Listed>,
}

#[get_server_side_props]
pub async fn get_server_side_props(
    _ctx: Context,
    db: web::Data<Db>,
) -> Result<ServerSideProps<Props>, Error> {
    let posts = db.posts().await?;
    Ok(ServerSideProps::props(Props {
        posts: posts
            .into_iter()
            .map(|post| Listed { id: post.id, title: post.title })
            .collect(),
    }))
}

#[page]
pub fn home(props: Props) -> Page {
    let heading = match next_runtime::rendering_locale() {
        Some("fr") => "Un blog sur next-runtime",
        _ => "A blog on next-runtime",
    };
    Page::new(html! {
        h1 { (heading) }
        ul {
            @for post in &props.posts {
                li { (link(format!("/posts/{}", post.id), post.title.as_str())) }
            }
        }
        p { (link("/blog/2", "An old link")) " redirects to its new address." }
    })
    .title("A blog on next-runtime")
}
