//! What goes into the HTML around a page body: the `__NEXT_DATA__` payload and its
//! escaping. The document itself is the app shell's (`crate::shell`).

mod escape;
mod next_data;

pub use escape::html_escape_json_string;
pub(crate) use next_data::NextData;
