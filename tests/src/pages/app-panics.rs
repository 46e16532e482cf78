//! A working page whose body makes `_app` panic at request time.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {}

#[get_server_side_props]
pub async fn props(_ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props {}))
}

#[page]
pub fn page(_props: Props) -> Markup {
    html! { p { "__panic_in_app__" } }
}
