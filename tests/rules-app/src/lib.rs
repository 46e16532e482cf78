//! A test app with URL rules, served through its generated route table by the rules tests.

next_runtime::include_pages!();
