//! `/posts/[id]/comment`: where a post's comment form posts. A valid comment is stored,
//! the post's generated pages are regenerated (`next_runtime::revalidate`), and the answer
//! is a 303 back to the post (Post/Redirect/Get: reloading never posts twice). An invalid
//! one shows the form again here with the message and what was typed; a body that is no
//! readable form gets its status and a message. A GET shows the empty form.
use actix_web::http::{Method, StatusCode};
use actix_web::web;
use next_runtime::prelude::*;
use serde::Serialize;

use crate::db::Db;
use crate::{Comment, Form};

#[derive(Serialize)]
pub struct Props {
    pub id: i64,
    pub title: String,
    pub form: Form,
    pub comment_url: String,
}

#[get_server_side_props]
pub async fn get_server_side_props(
    ctx: Context,
    db: web::Data<Db>,
    posted: Result<web::Form<Comment>, actix_web::Error>,
) -> Result<ServerSideProps<Props>, Error> {
    let Some(id) = ctx.params.get("id").and_then(|id| id.parse().ok()) else {
        return Ok(ServerSideProps::not_found());
    };
    let Some(post) = db.post(id).await? else {
        return Ok(ServerSideProps::not_found());
    };
    let prefix = crate::locale_prefix(ctx.locale, ctx.default_locale);
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
                regenerate(id, ctx.locales, ctx.default_locale).await;
                let post = format!("{prefix}/posts/{id}#comments");
                return Ok(ServerSideProps::redirect(Redirect::with_status(
                    post,
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
    Ok(ServerSideProps::props(Props {
        id: post.id,
        title: post.title,
        form,
        comment_url: format!("{prefix}/posts/{id}/comment"),
    }))
}

/// The post's pages in every locale, generated again with the new comment. A failure is
/// logged: the comment is stored, and the page catches up within its `revalidate`.
async fn regenerate(id: i64, locales: &[&str], default_locale: Option<&str>) {
    for locale in locales {
        let prefix = crate::locale_prefix(Some(locale), default_locale);
        let path = format!("{prefix}/posts/{id}");
        if let Err(error) = next_runtime::revalidate(&path).await {
            eprintln!("pages-demo: {path} not regenerated after a comment: {error}");
        }
    }
}

/// What a POST that is no readable comment form is told.
const UNREADABLE: &str =
    "Your comment could not be read: send it with this form, at most 2,000 characters.";

/// A name and a comment, neither blank nor too long.
fn validate(comment: &Comment) -> Result<(), &'static str> {
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

#[page]
pub fn page(props: Props) -> Page {
    Page::new(html! {
        h1 { "Comment on " (props.title) }
        section #comments {
            (crate::comment_form(&props.comment_url, &props.form))
        }
        p { (link(format!("/posts/{}", props.id), "Back to the post")) }
    })
    .title(format!("Comment on {} | pages-demo", props.title))
}
