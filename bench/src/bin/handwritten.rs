//! The benchmark page written by hand against actix-web and maud.
#[global_allocator]
static ALLOCATOR: next_bench::CountingAlloc = next_bench::CountingAlloc;

fn main() -> std::io::Result<()> {
    next_bench::serve(|cfg| next_bench::handwritten::configure(cfg, next_bench::pages::BUILD_ID))
}
