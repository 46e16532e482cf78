//! A small blog built on next-runtime's public API only, as a user's app would be: posts
//! and comments in a database ([`db`]), pages under `src/pages/`. The binary (`main.rs`)
//! serves it; the tests mount the same [`configure`] on a server of their own.

pub mod content;
pub mod db;
pub mod session;

use actix_web::web;

pub use db::Db;

next_runtime::include_pages!();

/// The settings the blog runs with: `settings` with its database as app state, which the
/// props functions and the static props functions take as `web::Data<Db>`.
pub fn settings(db: web::Data<Db>, settings: next_runtime::Settings) -> next_runtime::Settings {
    settings.state(db)
}

/// Mounts the blog on an actix app: its database as app state, then its pages.
pub fn configure(
    db: web::Data<Db>,
    settings: next_runtime::Settings,
) -> impl Fn(&mut web::ServiceConfig) + Clone {
    let settings = self::settings(db, settings);
    move |cfg| pages::configure_with(settings.clone())(cfg)
}

/// A comment form as a post and the comment page show it: what was typed and the message
/// of a mistake, posting to `action`.
pub fn comment_form(action: &str, form: &Form) -> maud::Markup {
    maud::html! {
        form method="post" action=(action) {
            @if let Some(error) = &form.error {
                p.error role="alert" { (error) }
            }
            label { "Name " input name="author" value=(form.author); }
            label { "Comment " textarea name="body" { (form.body) } }
            button type="submit" { "Post comment" }
        }
    }
}

/// A comment: what the comment form posts, and what a post shows.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Comment {
    pub author: String,
    pub body: String,
}

/// The comment form as it is shown again after a mistake.
#[derive(serde::Serialize, Default)]
pub struct Form {
    pub author: String,
    pub body: String,
    pub error: Option<String>,
}

/// `/fr` for a page in French, nothing in the default locale.
pub fn locale_prefix(locale: Option<&str>, default_locale: Option<&str>) -> String {
    match (locale, default_locale) {
        (Some(locale), Some(default)) if locale != default => format!("/{locale}"),
        _ => String::new(),
    }
}
