use next_runtime::middleware::NextResponse;
use next_runtime::prelude::*;

const DASHBOARD: &str = "/dashboard";

#[middleware(matcher = ["/blog/:", "dashboard", DASHBOARD, "/a/*"], runtime = "edge")]
pub fn middleware() -> NextResponse {
    NextResponse::next()
}

fn main() {}
