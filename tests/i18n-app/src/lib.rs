//! A test app with locales, served through its generated route table by the i18n tests.

next_runtime::include_pages!();
