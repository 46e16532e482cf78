//! Serves the blog on `PORT` (3000 by default), its database at `DATABASE_URL` (a SQLite
//! file beside the crate by default; `postgres://...` works the same).

use actix_web::web;
use pages_demo::{configure, db, pages, Db};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(3000);
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| db::default_url());
    // A PostgreSQL URL may hold a password: it is never printed.
    let shown = if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        url.as_str()
    };
    let db = Db::connect(&url).await.map_err(|error| {
        std::io::Error::other(format!(
            "pages-demo: cannot open the database ({shown}): {error}"
        ))
    })?;
    // The shared cache (32 MiB) serves pages that say `public, s-maxage=N` from memory.
    let db = web::Data::new(db);
    let settings = next_runtime::Settings::from_env().shared_cache(32 * 1024 * 1024);
    // Every post is generated before the port opens; a post that fails stops the start.
    let settings = pages_demo::settings(db.clone(), settings);
    pages::prerender(&settings)
        .await
        .map_err(|error| std::io::Error::other(format!("pages-demo: cannot start: {error}")))?;
    let configure = configure(db, settings);
    let server =
        actix_web::HttpServer::new(move || actix_web::App::new().configure(configure.clone()))
            .bind(("127.0.0.1", port))?;
    println!("pages-demo: serving the blog on http://127.0.0.1:{port} (database: {shown})");
    server.run().await
}
