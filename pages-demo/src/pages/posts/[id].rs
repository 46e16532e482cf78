//! `/posts/[id]`: one post and its comments, from the database on every request, with a
//! form that posts a comment to this same page. A valid comment is stored and answered
//! with a 303 back here (Post/Redirect/Get: reloading never posts twice); an invalid one
//! re-renders the form with the message and what was typed; a body that is no readable
//! form gets its status and a message.
use actix_web::http::{Method, StatusCode};
use actix_web::web;
use next_runtime::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::Db;

/// What the comment form posts.
#[derive(Deserialize)]
pub struct NewComment {
    pub author: String,
    pub body: String,
}

#[derive(Serialize)]
pub struct Comment {
    pub author: String,
    pub body: String,
}

/// The form as it is shown again after a mistake.
#[derive(Serialize, Default)]
pub struct Form {
    pub author: String,
    pub body: String,
    pub error: Option<String>,
}

#[derive(Serialize)]
pub struct Props {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub comments: Vec<Comment>,
    pub form: Form,
}

#[get_server_side_props]
pub async fn get_server_side_props(
    ctx: Context,
    db: web::Data<Db>,
    posted: Result<web::Form<NewComment>, actix_web::Error>,
) -> Result<ServerSideProps<Props>, Error> {
    let Some(id) = ctx.params.get("id").and_then(|id| id.parse().ok()) else {
        return Ok(ServerSideProps::not_found());
    };
    let Some(post) = db.post(id).await? else {
        return Ok(ServerSideProps::not_found());
    };
    let mut form = Form::default();
    // A GET has no form; a POST whose body is no comment form (too large for actix's
    // 16 KiB form limit, another content type, fields missing) is told so, not ignored.
    let posted = match posted {
        _ if ctx.req.method() != Method::POST => None,
        Ok(web::Form(comment)) => Some(comment),
        Err(unreadable) => {
            ctx.res.set_status(unreadable.as_response_error().status_code());
            form.error = Some(UNREADABLE.to_owned());
            None
        }
    };
    if let Some(comment) = posted {
        match validate(&comment) {
            Ok(()) => {
                db.add_comment(id, comment.author.trim(), comment.body.trim()).await?;
                let here = format!("{}/posts/{id}#comments", locale_prefix(&ctx));
                return Ok(ServerSideProps::redirect(Redirect::with_status(
                    here,
                    StatusCode::SEE_OTHER,
                )));
            }
            Err(error) => {
                ctx.res.set_status(StatusCode::UNPROCESSABLE_ENTITY);
                form = Form {
                    author: comment.author,
                    body: comment.body,
                    error: Some(error.to_owned()),
                };
            }
        }
    }
    let comments = db.comments(id).await?;
    Ok(ServerSideProps::props(Props {
        id: post.id,
        title: post.title,
        body: post.body,
        comments: comments
            .into_iter()
            .map(|c| Comment { author: c.author, body: c.body })
            .collect(),
        form,
    }))
}

/// What a POST that is no readable comment form is told.
const UNREADABLE: &str =
    "Your comment could not be read: send it with this form, at most 2,000 characters.";

/// A name and a comment, neither blank nor too long.
fn validate(comment: &NewComment) -> Result<(), &'static str> {
    let (author, body) = (comment.author.trim(), comment.body.trim());
    if author.is_empty() {
        return Err("Please give your name.");
    }
    if author.chars().count() > 60 {
        return Err("Names are at most 60 characters.");
    }
    if body.is_empty() {
        return Err("Please write a comment.");
    }
    if body.chars().count() > 2000 {
        return Err("Comments are at most 2,000 characters.");
    }
    Ok(())
}

/// `/fr` on a French page, nothing in the default locale.
fn locale_prefix(ctx: &Context) -> String {
    match (ctx.locale, ctx.default_locale) {
        (Some(locale), Some(default)) if locale != default => format!("/{locale}"),
        _ => String::new(),
    }
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
            form method="post" {
                @if let Some(error) = &props.form.error {
                    p.error role="alert" { (error) }
                }
                label { "Name " input name="author" value=(props.form.author); }
                label { "Comment " textarea name="body" { (props.form.body) } }
                button type="submit" { "Post comment" }
            }
        }
        p { (link(format!("/posts/{}", props.id + 1), "Next post")) }
    })
    .title(format!("{} | pages-demo", props.title))
    .head(html! { meta name="description" content=(props.body); })
}
