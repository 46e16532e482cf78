//! A small blog built on next-runtime's public API only, as a user's app would be.

mod content;

next_runtime::include_pages!();

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(3000);
    // The shared cache (32 MiB) serves pages that say `public, s-maxage=N` from memory.
    let settings = next_runtime::Settings::from_env().shared_cache(32 * 1024 * 1024);
    let server = actix_web::HttpServer::new(move || {
        actix_web::App::new().configure(pages::configure_with(settings.clone()))
    })
    .bind(("127.0.0.1", port))?;
    println!("pages-demo: serving the blog on http://127.0.0.1:{port}");
    server.run().await
}
