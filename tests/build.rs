use next_runtime::build::{Config, PublicMode};

fn main() {
    // Embedded even in the debug builds of `cargo test`, so the HTTP tests see what a
    // release build serves; reading from disk (the debug default) is tested by the demo
    // and by next-runtime's own tests.
    Config::new()
        .public_files(PublicMode::Embedded)
        .generate_routes();
}
