//! Serves the app on 127.0.0.1, on port `PORT` (3000 by default). `cargo next dev` runs it
//! on a private port behind its own, `cargo next start` on the one it is given, and
//! `cargo next export` to write its pages as files (`prerender` then ends the process).

next_runtime::include_pages!(); // declares `mod pages`: every page module + `pages::configure`

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(3000);
    let settings = next_runtime::Settings::from_env();
    // Pages of `#[get_static_props]` functions are generated before the port opens; a page
    // that fails stops the start, as `next build` does.
    pages::prerender(&settings)
        .await
        .map_err(|error| std::io::Error::other(error.to_string()))?;
    let server = actix_web::HttpServer::new(move || {
        actix_web::App::new().configure(pages::configure_with(settings.clone()))
    })
    .bind(("127.0.0.1", port))?;
    println!("{{name}}: listening on 127.0.0.1:{port}");
    server.run().await
}
