//! A test app with its own `src/pages/`, served through the real generated route table by
//! the HTTP tests in `tests/`.

next_runtime::include_pages!();
