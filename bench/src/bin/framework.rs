//! The benchmark page served by next-runtime.
#[global_allocator]
static ALLOCATOR: next_bench::CountingAlloc = next_bench::CountingAlloc;

/// `NEXT_BENCH_SHARED_CACHE=1` turns on the shared cache (64 MiB), for the cache runs.
fn main() -> std::io::Result<()> {
    if std::env::var_os("NEXT_BENCH_SHARED_CACHE").is_some() {
        let settings = next_runtime::Settings::from_env().shared_cache(64 << 20);
        next_bench::serve(move |cfg| next_bench::pages::configure_with(settings.clone())(cfg))
    } else {
        next_bench::serve(next_bench::pages::configure)
    }
}
