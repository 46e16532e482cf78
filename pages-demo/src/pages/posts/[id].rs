//! `/posts/[id]`: one post and its comments, generated from the database instead of read
//! on every request: every post, in each locale, before the server starts; a post added
//! later on its first request (`Fallback::Blocking`). A page is regenerated in the
//! background a minute after it was made, and at once when a comment is posted
//! (`posts/[id]/comment.rs` calls `next_runtime::revalidate`), or when the CMS webhook
//! (`api/revalidate.rs`) says so.
use actix_web::web;
use next_runtime::prelude::*;
use serde::Serialize;

use crate::db::Db;
use crate::Comment;

#[derive(Serialize)]
pub struct Props {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub comments: Vec<Comment>,
    /// Where the comment form posts: `/posts/1/comment`, `/fr/posts/1/comment`.
    pub comment_url: String,
}

/// How long a generated post is served before it is regenerated, in seconds.
pub const REVALIDATE: u32 = 60;

#[get_static_paths]
pub async fn get_static_paths(
    ctx: StaticPathsContext,
    db: web::Data<Db>,
) -> Result<StaticPaths, Error> {
    let posts = db.posts().await?;
    let mut paths = Vec::new();
    for post in &posts {
        for locale in ctx.locales {
            paths.push(
                StaticPath::params()
                    .param("id", post.id.to_string())
                    .locale(*locale),
            );
        }
    }
    Ok(StaticPaths::new(paths, Fallback::Blocking))
}

#[get_static_props]
pub async fn get_static_props(
    ctx: StaticContext,
    db: web::Data<Db>,
) -> Result<StaticProps<Props>, Error> {
    let Some(id) = ctx.params.get("id").and_then(|id| id.parse().ok()) else {
        return Ok(StaticProps::not_found());
    };
    let Some(post) = db.post(id).await? else {
        return Ok(StaticProps::not_found().revalidate(REVALIDATE));
    };
    let comments = db.comments(id).await?;
    let prefix = crate::locale_prefix(ctx.locale, ctx.default_locale);
    Ok(StaticProps::props(Props {
        id: post.id,
        title: post.title,
        body: post.body,
        comments: comments
            .into_iter()
            .map(|c| Comment { author: c.author, body: c.body })
            .collect(),
        comment_url: format!("{prefix}/posts/{id}/comment"),
    })
    .revalidate(REVALIDATE))
}

#[page]
pub fn page(props: Props) -> Page {
    Page::new(html! {
        h1 { (props.title) }
        p { (props.body) }
        section #comments {
            h2 { "Comments" }
            @if props.comments.is_empty() {
                p.empty { "No comments yet." }
            }
            @for comment in &props.comments {
                div.comment { b { (comment.author) } ": " (comment.body) }
            }
            (crate::comment_form(&props.comment_url, &Default::default()))
        }
        p { (link(format!("/posts/{}", props.id + 1), "Next post")) }
    })
    .title(format!("{} | pages-demo", props.title))
    .head(html! { meta name="description" content=(props.body); })
}
