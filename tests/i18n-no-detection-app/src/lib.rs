//! A test app with locales whose root never redirects (`locale_detection(false)`, Next's
//! `i18n.localeDetection: false`), for the i18n HTTP tests.

next_runtime::include_pages!();
