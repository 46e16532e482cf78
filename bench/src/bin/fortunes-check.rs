//! Checks a server's Fortunes answer against the rules (`next_bench::fortunes::check`):
//! `fortunes-check CONTENT_TYPE < body`. Exit 0 when it passes; otherwise the rule it
//! breaks, on stderr. `bench/bench.py` runs it on every server before measuring.
use std::io::Read;

fn main() {
    let content_type = std::env::args().nth(1).unwrap_or_default();
    let mut body = String::new();
    std::io::stdin()
        .read_to_string(&mut body)
        .expect("the body is UTF-8");
    if let Err(broken) = next_bench::fortunes::check(&content_type, &body) {
        eprintln!("fortunes-check: {broken}");
        std::process::exit(1);
    }
}
