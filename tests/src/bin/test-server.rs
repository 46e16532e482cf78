//! The test app as a real process, for what only a process shows (start-up checks of the
//! environment, the mode line, SIGTERM) and for the reliability suite
//! (`bench/run --reliability`). Settings come from the environment as in a user's app;
//! `PORT` (default 0: any free port) picks the port, and the first line on stdout says
//! where it listens: `listening on http://127.0.0.1:PORT`. `NEXT_SHARED_CACHE_BYTES` turns
//! on the shared cache, `NEXT_WORKERS` sets the worker count (default 1), and
//! `NEXT_TEST_PAGE_STORE` keeps generated pages in that folder. `NEXT_TEST_LAZY=1` skips
//! `pages::prerender`: the static pages are then generated on first need.
use std::io::Write;

use next_tests::pages;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let number = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .map(|value| {
                value
                    .parse()
                    .unwrap_or_else(|_| panic!("{name}={value:?} is not a number"))
            })
            .unwrap_or(default)
    };
    let mut settings = next_runtime::Settings::from_env().state(next_tests::cms());
    if let Ok(dir) = std::env::var("NEXT_TEST_PAGE_STORE") {
        settings = settings.page_store(next_runtime::FsStore::new(dir));
    }
    if let Some(bytes) = std::env::var("NEXT_SHARED_CACHE_BYTES")
        .ok()
        .and_then(|b| b.parse().ok())
    {
        settings = settings.shared_cache(bytes);
    }
    // The static pages first, as a user's app does: a page that fails stops the start.
    let lazy = std::env::var("NEXT_TEST_LAZY").as_deref() == Ok("1");
    if let Err(error) = async {
        match lazy {
            true => Ok(()),
            false => pages::prerender(&settings).await,
        }
    }
    .await
    {
        eprintln!("test-server: cannot start: {error}");
        std::process::exit(1);
    }
    let server = actix_web::HttpServer::new(move || {
        actix_web::App::new().configure(pages::configure_with(settings.clone()))
    })
    .workers(number("NEXT_WORKERS", 1) as usize)
    .bind(("127.0.0.1", number("PORT", 0) as u16))?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{}", server.addrs()[0])?;
    stdout.flush()?;
    server.run().await
}
