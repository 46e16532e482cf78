//! One Redis connection per runtime thread: a command runs on the runtime that awaits it
//! (an actix worker's), with no hop to another thread and back. The connection is made on
//! first use and kept in the thread; a runtime that ended (a test's, a stopped server's)
//! takes its connection with it, and the next command on the thread makes a new one.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use redis::aio::ConnectionManager;

thread_local! {
    /// This thread's connections, by store.
    static CONNECTIONS: RefCell<HashMap<u64, Local>> = RefCell::new(HashMap::new());
}

/// A new store's number, for [`connection`].
pub(super) fn store_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

struct Local {
    connection: ConnectionManager,
    /// A task that never ends, on the runtime the connection was made on: finished once
    /// that runtime is gone, and the connection's driver with it.
    alive: tokio::task::JoinHandle<()>,
}

impl Drop for Local {
    fn drop(&mut self) {
        self.alive.abort();
    }
}

/// Store `store`'s connection on this thread's runtime, made now if it has none (or the
/// runtime it was made on is gone). Must run on a tokio runtime.
pub(super) async fn connection(
    store: u64,
    client: &redis::Client,
) -> redis::RedisResult<ConnectionManager> {
    let kept = CONNECTIONS.with(|connections| {
        let connections = connections.borrow();
        let local = connections.get(&store)?;
        (!local.alive.is_finished()).then(|| local.connection.clone())
    });
    if let Some(connection) = kept {
        return Ok(connection);
    }
    let connection = super::connect(client).await?;
    let alive = tokio::spawn(std::future::pending());
    let local = Local {
        connection: connection.clone(),
        alive,
    };
    CONNECTIONS.with(|connections| connections.borrow_mut().insert(store, local));
    Ok(connection)
}
