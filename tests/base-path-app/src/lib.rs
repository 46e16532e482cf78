//! A test app under a base path, served through its generated route table by the
//! base-path tests.

next_runtime::include_pages!();
