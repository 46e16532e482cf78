//! Links the client router must leave to the browser, and a target far down the page for
//! hash scrolling (browser tests).
use next_runtime::prelude::*;

#[page]
pub fn page() -> Page {
    Page::new(html! {
        h1 { "Links" }
        nav {
            a #plain href="/about" { "About" }
            a #self href="/about" target="_self" { "About, same tab" }
            a #blank href="/about" target="_blank" { "About, new tab" }
            a #download href="/about" download { "About, saved" }
            a #api href="/api/hello" { "An API route" }
            a #hash href="#bottom" { "Further down" }
            a #external href="https://example.invalid/" { "Elsewhere" }
        }
        div style="height: 3000px" {}
        h2 #bottom { "Bottom" }
        // Room below, so the target can reach the top of the viewport.
        div style="height: 3000px" {}
    })
    .title("Links")
}
