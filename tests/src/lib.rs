//! A test app with its own `src/pages/`, served through the real generated route table by
//! the HTTP tests in `tests/`.

next_runtime::include_pages!();

/// How many times `posts/[id].rs`'s props function has run in this process, so browser
/// tests can check that a client-side transition runs it exactly once.
pub static POST_PROPS_RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
