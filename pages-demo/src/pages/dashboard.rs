//! `/dashboard`, behind the sign-in gate of `src/middleware.rs`: shows at once with a loading state, then fills in from `/api/stats` on the
//! client (Next's "fetching on the client" pattern). Its script runs after a full load and
//! after a client-side transition alike.
use maud::PreEscaped;
use next_runtime::prelude::*;

const LOAD_STATS: &str = "fetch('/api/stats').then(function (r) { return r.json(); }).then(function (s) {\
  document.getElementById('stats').innerHTML = '';\
  [['Posts', s.posts], ['API calls served', s.calls], ['Server time', new Date(s.time * 1000).toLocaleString()]]\
    .forEach(function (row) { var li = document.createElement('li'); li.textContent = row[0] + ': ' + row[1]; document.getElementById('stats').appendChild(li); });\
});";

#[page]
pub fn page() -> Page {
    Page::new(html! {
        h1 { "Dashboard" }
        ul #stats { li { "Loading stats…" } }
        script { (PreEscaped(LOAD_STATS)) }
    })
    .title("Dashboard | pages-demo")
}
