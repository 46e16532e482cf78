use next_runtime::prelude::*;

#[get_static_props]
pub async fn load(_ctx: StaticContext) -> Result<StaticProps<()>, Error> {
    Ok(StaticProps::props(()))
}

#[page]
pub fn app(page: Markup) -> Markup {
    page
}

fn main() {}
