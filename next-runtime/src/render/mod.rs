//! HTML rendering: the document shell around a page, and its `__NEXT_DATA__` script.

mod escape;
mod next_data;

pub use escape::html_escape_json_string;
pub(crate) use next_data::NextData;

use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The whole HTML document for a rendered page body.
pub(crate) fn document(body: Markup, next_data: &NextData<'_>, title: Option<&str>) -> String {
    let json = next_data.to_json();
    html! {
        (DOCTYPE)
        html {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width";
                @if let Some(title) = title {
                    title { (title) }
                }
            }
            body {
                div #__next { (body) }
                script #__NEXT_DATA__ type="application/json" {
                    (PreEscaped(html_escape_json_string(&json)))
                }
            }
        }
    }
    .into_string()
}
