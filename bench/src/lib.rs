//! Benchmark apps: the framework serving `src/pages/`, and [`handwritten`], the same page
//! written directly against actix-web. Run the suite with `bench/run`.

pub mod content;
pub mod fortunes;
pub mod handwritten;

next_runtime::include_pages!();

/// The posts the generated pages (`/ssg/[id]`, `/isr/[id]`) list (1 to 3); the others are
/// generated on request. Here, not in `content.rs`: the Leptos server shares that file and
/// has no next-runtime.
pub fn generated_posts() -> next_runtime::StaticPaths {
    use next_runtime::{Fallback, StaticPath, StaticPaths};
    let paths = (1..=3).map(|id| StaticPath::params().param("id", id.to_string()));
    StaticPaths::new(paths, Fallback::Blocking)
}

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

/// Counts heap allocations, so the suite can report allocations per request. Both servers
/// use it, so its small cost (one uncontended atomic add per allocation) falls on both.
pub struct CountingAlloc;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: forwards every call to the system allocator unchanged.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

/// Renders of `cached/[id].rs` so far, served at `/_bench/renders`: the stampede run
/// counts how many a burst of misses caused.
pub static RENDERS: AtomicU64 = AtomicU64::new(0);

/// Generations of `isr/[id].rs` so far, served at `/_bench/generations`: the regeneration
/// run counts how many a load on a page with `revalidate(1)` caused.
pub static GENERATIONS: AtomicU64 = AtomicU64::new(0);

/// Allocations so far, served at `/_bench/allocations`.
pub fn allocations() -> u64 {
    ALLOCATIONS.load(Ordering::Relaxed)
}

/// Runs one benchmark server on `PORT` (default 3000) with one worker.
pub fn serve(
    configure: impl Fn(&mut actix_web::web::ServiceConfig) + Clone + Send + 'static,
) -> std::io::Result<()> {
    use actix_web::{web, App, HttpServer};
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(3000);
    actix_web::rt::System::new().block_on(async move {
        // The Fortunes test's database, when `DATABASE_URL` names one.
        let pool = fortunes::pool_from_env().map(web::Data::new);
        let server = HttpServer::new(move || {
            let pool = pool.clone();
            App::new()
                .configure(move |cfg| {
                    if let Some(pool) = pool {
                        cfg.app_data(pool);
                    }
                })
                .route(
                    "/_bench/allocations",
                    web::get().to(|| async { allocations().to_string() }),
                )
                .route(
                    "/_bench/asset",
                    web::get().to(|| async { next_runtime::asset!("/styles/site.css") }),
                )
                .route(
                    "/_bench/renders",
                    web::get().to(|| async { RENDERS.load(Ordering::Relaxed).to_string() }),
                )
                .route(
                    "/_bench/generations",
                    web::get().to(|| async { GENERATIONS.load(Ordering::Relaxed).to_string() }),
                )
                .configure(configure.clone())
        })
        .workers(1)
        .bind(("127.0.0.1", port))?;
        println!("listening on http://127.0.0.1:{port}");
        server.run().await
    })
}
