//! Props that serde_json cannot write: a map whose keys are not strings.
use std::collections::BTreeMap;

use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub stats: Stats,
}

#[derive(Serialize)]
pub struct Stats {
    pub by_cell: BTreeMap<(u8, u8), u32>,
}

#[get_server_side_props]
pub async fn props(_ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let by_cell = BTreeMap::from([((1, 2), 3)]);
    Ok(ServerSideProps::props(Props { stats: Stats { by_cell } }))
}

#[page]
pub fn page(_props: Props) -> Markup {
    html! { p { "never rendered" } }
}
