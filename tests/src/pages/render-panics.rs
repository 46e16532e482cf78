//! Its props function works, its page panics: data requests must never render it.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub ok: bool,
}

#[get_server_side_props]
pub async fn props(_ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props { ok: true }))
}

#[page]
pub fn page(_props: Props) -> Markup {
    panic!("the page was rendered")
}
