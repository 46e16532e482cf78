//! The benchmark page served by next-runtime.
#[global_allocator]
static ALLOCATOR: next_bench::CountingAlloc = next_bench::CountingAlloc;

fn main() -> std::io::Result<()> {
    next_bench::serve(next_bench::pages::configure)
}
