//! A test app with locales, served through its generated route table by the i18n tests.

next_runtime::include_pages!();

/// How many times `posts/[id].rs` rendered with `?shared` (a `Cache-Control` the shared
/// cache keeps), for the shared-cache locale test.
pub static SHARED_RENDERS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
