//! `/draft`: whether draft mode is on, with the switch (an API route that sets or clears
//! the signed draft-mode cookies). In draft mode, pages are never cached.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    draft_mode: bool,
}

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props {
        draft_mode: ctx.draft_mode,
    }))
}

#[page]
pub fn page(props: Props) -> Page {
    Page::new(html! {
        h1 { "Draft mode" }
        @if props.draft_mode {
            p #status { "Draft mode is on: every page renders fresh, and none is cached." }
            p { a href="/api/draft?enable=0" { "Leave draft mode" } }
        } @else {
            p #status { "Draft mode is off." }
            p { a href="/api/draft?enable=1" { "Enter draft mode" } }
        }
    })
    .title("Draft mode | pages-demo")
}
