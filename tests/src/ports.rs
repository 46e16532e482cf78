//! Loopback ports for services a test must tell their port before they start (PostgreSQL,
//! `cargo next dev`). A port found with `bind(0)` and freed again can be handed at once to
//! another test's `bind(0)` or to an outgoing connection, so these come from below the
//! system's ephemeral range, which it never hands out by itself. Shared by `tests/` and
//! `next-cli/tests/` (which includes this file by path).

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::net::TcpListener;

/// The lowest port the system picks for `bind(0)` and outgoing connections.
fn ephemeral_floor() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse().ok())
        .unwrap_or(32768)
}

/// A loopback port that nothing listens on, chosen at random below the ephemeral range.
pub fn free_port() -> u16 {
    const FLOOR: u16 = 10_000;
    let ceiling = ephemeral_floor().max(FLOOR + 1_000);
    let random = RandomState::new();
    (0u32..)
        .map(|attempt| FLOOR + (random.hash_one(attempt) % u64::from(ceiling - FLOOR)) as u16)
        .take(1_000)
        .find(|&port| TcpListener::bind(("127.0.0.1", port)).is_ok())
        .expect("a free loopback port below the ephemeral range")
}
