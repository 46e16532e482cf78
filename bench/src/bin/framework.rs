//! The benchmark page served by next-runtime.
#[global_allocator]
static ALLOCATOR: next_bench::CountingAlloc = next_bench::CountingAlloc;

/// `NEXT_BENCH_SHARED_CACHE=1` turns on the shared cache (64 MiB, or
/// `NEXT_BENCH_SHARED_CACHE_BYTES`), for the cache runs. `REDIS_URL` adds its second level.
fn main() -> std::io::Result<()> {
    if std::env::var_os("NEXT_BENCH_SHARED_CACHE").is_some() {
        let bytes = std::env::var("NEXT_BENCH_SHARED_CACHE_BYTES")
            .ok()
            .and_then(|bytes| bytes.parse().ok())
            .unwrap_or(64 << 20);
        let settings = next_runtime::Settings::from_env().shared_cache(bytes);
        next_bench::serve(move |cfg| next_bench::pages::configure_with(settings.clone())(cfg))
    } else {
        next_bench::serve(next_bench::pages::configure)
    }
}
