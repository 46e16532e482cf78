//! The "fetching on the client" pattern: the page renders at once with a loading state, and
//! its script fills it in from an API route.
use maud::PreEscaped;
use next_runtime::prelude::*;

#[page]
pub fn page() -> Page {
    Page::new(html! {
        p #result { "Loading..." }
        script {
            (PreEscaped("fetch('/api/hello').then(r => r.json()).then(d => { document.getElementById('result').textContent = d.hello; });"))
        }
    })
    .title("Client fetch")
}
