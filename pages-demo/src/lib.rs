//! A small blog built on next-runtime's public API only, as a user's app would be: posts
//! and comments in a database ([`db`]), pages under `src/pages/`. The binary (`main.rs`)
//! serves it; the tests mount the same [`configure`] on a server of their own.

pub mod content;
pub mod db;
pub mod session;

use actix_web::web;

pub use db::Db;

next_runtime::include_pages!();

/// Mounts the blog on an actix app: its database as app state, which the props functions
/// take as `web::Data<Db>`, then its pages.
pub fn configure(
    db: web::Data<Db>,
    settings: next_runtime::Settings,
) -> impl Fn(&mut web::ServiceConfig) + Clone {
    move |cfg| {
        cfg.app_data(db.clone());
        pages::configure_with(settings.clone())(cfg);
    }
}
