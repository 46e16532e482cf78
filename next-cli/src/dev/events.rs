//! What the browsers are told: the dev server's state (building, serving build N, failed
//! with these errors, the app crashed) and changed public files, as server-sent events.

use std::sync::Mutex;

use bytes::Bytes;
use serde::Serialize;
use tokio::sync::broadcast;

use crate::diagnostic::Problem;

/// Where the dev server stands.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Status {
    /// A build runs; the last good app (if any) still serves.
    Building,
    /// The build named in the state serves.
    Ready,
    /// The latest build failed: rustc's errors, shown over the last good page.
    Failed { problems: Vec<Problem> },
    /// The app did not start, or stopped: what it said, shown the same way.
    Crashed { problems: Vec<Problem> },
}

/// The state event: which build serves (0: none yet) and the status.
#[derive(Serialize)]
struct State<'a> {
    build: u64,
    #[serde(flatten)]
    status: &'a Status,
}

/// The events every connected browser receives, and the state a new one starts from.
pub struct Hub {
    state: Mutex<(u64, Status)>,
    events: broadcast::Sender<Bytes>,
}

impl Hub {
    pub fn new() -> Hub {
        Hub {
            state: Mutex::new((0, Status::Building)),
            events: broadcast::channel(64).0,
        }
    }

    /// Build `build` (0: none) serves, and the server is in `status`.
    pub fn set(&self, build: u64, status: Status) {
        let event = state_event(build, &status);
        *self.state.lock().unwrap() = (build, status);
        let _ = self.events.send(event);
    }

    /// Files under `public/` changed (by URL path): pages swap their stylesheets in place,
    /// and reload when another resource they use changed.
    pub fn public_changed(&self, paths: &[String]) {
        let data = serde_json::json!({ "paths": paths });
        let _ = self
            .events
            .send(Bytes::from(format!("event: public\ndata: {data}\n\n")));
    }

    /// The state now, as an event, and every event from now on.
    pub fn subscribe(&self) -> (Bytes, broadcast::Receiver<Bytes>) {
        // Subscribed first: a change between the two is heard twice, never missed.
        let events = self.events.subscribe();
        (self.current(), events)
    }

    /// The state event now (after a subscriber fell behind and missed some).
    pub fn current(&self) -> Bytes {
        let state = self.state.lock().unwrap();
        state_event(state.0, &state.1)
    }

    /// The first problem of a failed build or crashed app, for a page the app cannot
    /// answer.
    pub fn problem(&self) -> Option<Problem> {
        match &self.state.lock().unwrap().1 {
            Status::Failed { problems } | Status::Crashed { problems } => problems.first().cloned(),
            _ => None,
        }
    }
}

fn state_event(build: u64, status: &Status) -> Bytes {
    let data = serde_json::to_string(&State { build, status }).expect("plain data serializes");
    Bytes::from(format!("event: state\ndata: {data}\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_browser_starts_from_the_state_and_hears_what_follows() {
        let hub = Hub::new();
        hub.set(3, Status::Ready);
        let (state, mut events) = hub.subscribe();
        assert_eq!(
            state,
            "event: state\ndata: {\"build\":3,\"status\":\"ready\"}\n\n"
        );
        hub.public_changed(&["/styles/site.css".to_string()]);
        assert_eq!(
            events.try_recv().unwrap(),
            "event: public\ndata: {\"paths\":[\"/styles/site.css\"]}\n\n"
        );
        hub.set(
            3,
            Status::Failed {
                problems: vec![Problem::from_output("cargo build failed", "error: oops")],
            },
        );
        let failed = String::from_utf8(events.try_recv().unwrap().to_vec()).unwrap();
        assert!(failed.starts_with("event: state\ndata: {\"build\":3,\"status\":\"failed\",\"problems\":[{\"message\":\"cargo build failed\""), "{failed}");
        assert_eq!(hub.problem().unwrap().rendered, "error: oops");
    }
}
