//! Props whose hand-written `Serialize` panics.
use next_runtime::prelude::*;
use serde::{Serialize, Serializer};

pub struct Props;

impl Serialize for Props {
    fn serialize<S: Serializer>(&self, _serializer: S) -> Result<S::Ok, S::Error> {
        panic!("serializer exploded")
    }
}

#[get_server_side_props]
pub async fn props(_ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props))
}

#[page]
pub fn page(_props: Props) -> Markup {
    html! {}
}
