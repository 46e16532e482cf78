use next_runtime::middleware::NextResponse;
use next_runtime::prelude::*;

#[middleware]
pub async fn middleware() -> NextResponse {
    NextResponse::next()
}

fn main() {}
