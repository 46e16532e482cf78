//! What goes into the HTML around a page body: the `__NEXT_DATA__` payload and its
//! escaping. The document itself is the app shell's (`crate::shell`).

mod escape;
mod next_data;

pub use escape::html_escape_json_string;
pub(crate) use next_data::NextData;

/// `text` as a JSON string literal, quotes included.
pub(crate) fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("a str always serializes")
}
