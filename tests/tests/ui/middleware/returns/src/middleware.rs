use next_runtime::prelude::*;

#[middleware(matcher = "/dashboard")]
pub async fn middleware() -> Result<String, Error> {
    Ok("go on".to_owned())
}

fn main() {}
