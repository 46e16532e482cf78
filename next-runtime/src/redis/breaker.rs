//! A circuit breaker in front of Redis: after a few failures in a row, Redis is not asked
//! for a while and every instance goes on from its own memory; each change of state is
//! logged once, never once per request.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures in a row that open the breaker.
const FAILURES_TO_OPEN: u32 = 3;
/// How long an open breaker keeps Redis out before one request tries again.
const OPEN_FOR: Duration = Duration::from_secs(5);

pub(super) struct Breaker {
    state: Mutex<State>,
}

enum State {
    /// Redis answers; `failures` in a row so far.
    Closed { failures: u32 },
    /// Redis is left alone until `until`; then one request tries it.
    Open { until: Instant },
}

impl Breaker {
    pub fn new() -> Self {
        Breaker {
            state: Mutex::new(State::Closed { failures: 0 }),
        }
    }

    /// Whether Redis may be asked now: closed, or open long enough that one request
    /// tries it (the breaker stays open for the others meanwhile).
    pub fn allow(&self) -> bool {
        let mut state = self.state.lock().expect("no panic holds it");
        match *state {
            State::Closed { .. } => true,
            State::Open { until } if Instant::now() >= until => {
                *state = State::Open {
                    until: Instant::now() + OPEN_FOR,
                };
                true
            }
            State::Open { .. } => false,
        }
    }

    /// Redis answered.
    pub fn success(&self) {
        let mut state = self.state.lock().expect("no panic holds it");
        if let State::Open { .. } = *state {
            tracing::warn!("Redis answers again: generated pages are shared through it again");
        }
        *state = State::Closed { failures: 0 };
    }

    /// Redis failed (`error` says how).
    pub fn failure(&self, error: &dyn std::fmt::Display) {
        let mut state = self.state.lock().expect("no panic holds it");
        match *state {
            State::Closed { failures } if failures + 1 >= FAILURES_TO_OPEN => {
                tracing::error!(%error, "Redis fails: serving generated pages from this instance's memory and its own renders, trying Redis again every {OPEN_FOR:?}");
                *state = State::Open {
                    until: Instant::now() + OPEN_FOR,
                };
            }
            State::Closed { failures } => {
                *state = State::Closed {
                    failures: failures + 1,
                }
            }
            State::Open { .. } => {
                *state = State::Open {
                    until: Instant::now() + OPEN_FOR,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_opens_after_failures_in_a_row_and_a_success_closes_it() {
        let breaker = Breaker::new();
        for _ in 0..FAILURES_TO_OPEN - 1 {
            breaker.failure(&"refused");
            assert!(breaker.allow(), "still closed");
        }
        breaker.success();
        for _ in 0..FAILURES_TO_OPEN {
            breaker.failure(&"refused");
        }
        assert!(!breaker.allow(), "open");
        breaker.success();
        assert!(breaker.allow(), "closed again");
    }
}
