//! Serves the app on 127.0.0.1, on port `PORT` (3000 by default). `cargo next dev` runs it
//! on a private port behind its own, and `cargo next start` on the one it is given.

next_runtime::include_pages!(); // declares `mod pages`: every page module + `pages::configure`

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(3000);
    let server = actix_web::HttpServer::new(|| actix_web::App::new().configure(pages::configure))
        .bind(("127.0.0.1", port))?;
    println!("{{name}}: listening on 127.0.0.1:{port}");
    server.run().await
}
