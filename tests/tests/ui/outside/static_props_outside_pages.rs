use next_runtime::prelude::*;

#[get_static_props]
pub async fn load(_ctx: StaticContext) -> Result<StaticProps<()>, Error> {
    Ok(StaticProps::props(()))
}

fn main() {}
