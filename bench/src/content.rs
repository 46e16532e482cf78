//! The benchmark's post: about 2 KB of props, and its markup. Shared by the framework page,
//! the hand-written handler and (copied) the generated scaling apps.

use maud::{html, Markup};
use serde::Serialize;

#[derive(Serialize)]
pub struct Post {
    pub id: u64,
    pub title: String,
    pub author: Author,
    pub tags: Vec<String>,
    pub body: String,
    pub comments: Vec<Comment>,
}

#[derive(Serialize)]
pub struct Author {
    pub name: String,
    pub bio: String,
}

#[derive(Serialize)]
pub struct Comment {
    pub author: String,
    pub text: String,
}

const PARAGRAPH: &str = "Server-side rendering runs the props function on every request, then renders the page with what it returned. ";

/// The post with this id, built the same way on every request.
pub fn post(id: u64) -> Post {
    Post {
        id,
        title: format!("Post number {id}: rendering on the server"),
        author: Author {
            name: "Ada Lovelace".into(),
            bio: "Writes about analytical engines & the web <3".into(),
        },
        tags: ["rust", "ssr", "nextjs", "actix", "maud"]
            .map(String::from)
            .to_vec(),
        body: PARAGRAPH.repeat(12),
        comments: (1..=5)
            .map(|n| Comment {
                author: format!("reader{n}"),
                text: format!("Comment {n} on post {id}: a fair point, well made."),
            })
            .collect(),
    }
}

pub fn render_post(post: &Post) -> Markup {
    html! {
        article {
            h1 { (post.title) }
            p.byline { "By " (post.author.name) " — " (post.author.bio) }
            ul.tags { @for tag in &post.tags { li { (tag) } } }
            div.body { p { (post.body) } }
            section.comments {
                h2 { "Comments" }
                @for comment in &post.comments {
                    div.comment { b { (comment.author) } ": " (comment.text) }
                }
            }
        }
    }
}
