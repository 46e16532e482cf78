//! The cost of parsing a query string by its number of distinct keys: `Query::parse` on
//! 1,600 and 16,000 three-letter keys (what issue 10 measured at 6 ms and 0.45 s before the
//! parser kept an index). Prints the median time of each and their ratio: 10× the keys
//! should cost about 10× the time. Run by `bench/run --reliability`.
use std::time::{Duration, Instant};

fn keys(n: usize) -> String {
    let letter = |d: usize| char::from(b'a' + (d % 26) as u8);
    (0..n)
        .map(|i| format!("{}{}{}", letter(i / 676), letter(i / 26), letter(i)))
        .collect::<Vec<_>>()
        .join("&")
}

fn median_parse(query: &str, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let parsed = next_runtime::Query::parse(std::hint::black_box(query));
            std::hint::black_box(parsed);
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let (small, large) = (keys(1_600), keys(16_000));
    // Alternating rounds, so both sizes see the same machine.
    let (mut small_times, mut large_times) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        small_times.push(median_parse(&small, 41));
        large_times.push(median_parse(&large, 41));
    }
    small_times.sort();
    large_times.sort();
    let (small, large) = (small_times[2], large_times[2]);
    println!(
        "{{\"keys_1600_us\": {:.1}, \"keys_16000_us\": {:.1}, \"ratio\": {:.2}}}",
        small.as_secs_f64() * 1e6,
        large.as_secs_f64() * 1e6,
        large.as_secs_f64() / small.as_secs_f64()
    );
}
