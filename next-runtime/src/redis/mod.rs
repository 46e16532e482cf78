//! Generated pages and the shared cache's responses, shared by every instance of an app
//! through Redis (feature `redis`): [`RedisStore`] keeps them, takes the one generation (or
//! render) lock per path (or key) across instances, and tells the other instances when a
//! page changed (pub/sub), so that each drops its copy in memory ([`responses`] has the
//! response cache's side). Commands run on the runtime that awaits them, each worker with
//! its own connection ([`local`]). Redis that fails or is slow costs each request at most
//! one short timeout, then nothing at all while the [`breaker`] is open: every instance
//! goes on from its memory.

mod breaker;
mod local;
mod responses;

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use redis::aio::ConnectionManager;
use redis::AsyncCommands;

use crate::ssg::{PageKey, PageStore, StoreError, StoreFuture, StoredPage};
use breaker::Breaker;

/// How long one Redis command may take before it counts as a failure.
const COMMAND_TIMEOUT: Duration = Duration::from_millis(500);

/// Keeps generated pages in Redis, for every instance of the app: set with
/// `Settings::redis(url)` or `REDIS_URL`.
///
/// Keys are `next:{build id}:page:{locale}:{path}` (another build never reads them), values
/// the page as JSON; the generation lock is `next:{build id}:lock:{locale}:{path}` and the
/// change channel `next:{build id}:changed`. A value that does not decode is a miss.
#[derive(Clone)]
pub struct RedisStore {
    inner: Arc<Inner>,
}

struct Inner {
    client: redis::Client,
    /// This store, for its connection in each thread ([`local`]).
    id: u64,
    /// Redis's own runtime, on a thread of its own, for the pub/sub subscription: it
    /// outlives every actix worker (and every test's runtime).
    runtime: tokio::runtime::Handle,
    breaker: Breaker,
    /// This process, in its announcements, so that it skips its own.
    instance: String,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RedisStore")
    }
}

impl RedisStore {
    /// A store at `url` (`redis://127.0.0.1:6379/0`). The URL is checked now; the
    /// connection is made on first use, and remade whenever it breaks.
    pub fn new(url: &str) -> Result<Self, StoreError> {
        let client = redis::Client::open(url)
            .map_err(|error| StoreError::other(format!("REDIS_URL {url:?}: {error}")))?;
        let runtime = redis_runtime()?;
        let instance = format!(
            "{}-{:x}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |since| since.as_nanos())
        );
        Ok(RedisStore {
            inner: Arc::new(Inner {
                client,
                id: local::store_id(),
                runtime,
                breaker: Breaker::new(),
                instance,
            }),
        })
    }

    /// Runs `command` with this thread's connection, on the runtime that awaits it, under
    /// the timeout and the breaker. Awaited outside a tokio runtime, it fails at once.
    fn run<T, F, Fut>(&self, command: F) -> StoreFuture<'static, T>
    where
        T: Send + 'static,
        F: FnOnce(ConnectionManager) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = redis::RedisResult<T>> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move {
            if tokio::runtime::Handle::try_current().is_err() {
                return Err(StoreError::other(
                    "RedisStore: await it on a tokio runtime (actix's is one)",
                ));
            }
            if !inner.breaker.allow() {
                return Err(StoreError::other("Redis is left alone for now (it failed)"));
            }
            let attempt = tokio::time::timeout(COMMAND_TIMEOUT, async {
                command(local::connection(inner.id, &inner.client).await?).await
            });
            let result = match attempt.await {
                Ok(Ok(value)) => Ok(value),
                Ok(Err(error)) => Err(error.to_string()),
                Err(_elapsed) => Err(format!("no answer within {COMMAND_TIMEOUT:?}")),
            };
            match result {
                Ok(value) => {
                    inner.breaker.success();
                    Ok(value)
                }
                Err(error) => {
                    inner.breaker.failure(&error);
                    Err(StoreError::other(format!("Redis: {error}")))
                }
            }
        })
    }
}

impl RedisStore {
    /// Takes the lock at `lock` for `hold` at most (`SET NX PX`): `true` when it was free.
    fn take_lock(&self, lock: String, hold: Duration) -> StoreFuture<'static, bool> {
        let (owner, millis) = (self.inner.instance.clone(), millis(hold));
        self.run(move |mut connection| async move {
            let taken: Option<String> = redis::cmd("SET")
                .arg(lock)
                .arg(owner)
                .arg("NX")
                .arg("PX")
                .arg(millis)
                .query_async(&mut connection)
                .await?;
            Ok(taken.is_some())
        })
    }

    /// Deletes the lock at `lock` if it is still this instance's: one that expired and was
    /// taken since is another's.
    fn give_back(&self, lock: String) -> StoreFuture<'static, ()> {
        let owner = self.inner.instance.clone();
        self.run(move |mut connection| async move {
            script(&GIVE_BACK)
                .key(lock)
                .arg(owner)
                .invoke_async::<()>(&mut connection)
                .await
        })
    }
}

/// A duration as Redis's milliseconds (`PX`, `PEXPIRE`): at least one, which Redis needs.
fn millis(duration: Duration) -> u64 {
    duration.as_millis().clamp(1, u64::MAX.into()) as u64
}

/// Deletes a lock only if it is still ours: one that expired and was taken since is
/// another instance's.
static GIVE_BACK: Lua =
    Lua::new("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end");

/// A Lua script, sent once and then run by its SHA1 (`EVALSHA`, loaded again when Redis
/// does not know it, after a restart): Redis need not hash the text on every call.
struct Lua(std::sync::OnceLock<redis::Script>, &'static str);

impl Lua {
    const fn new(source: &'static str) -> Self {
        Lua(std::sync::OnceLock::new(), source)
    }
}

/// `lua`'s script, hashed on first use.
fn script(lua: &'static Lua) -> &'static redis::Script {
    lua.0.get_or_init(|| redis::Script::new(lua.1))
}

/// One connection, remade by redis-rs whenever it breaks; each attempt and each command
/// bounded, so that a Redis that is down is found out fast.
async fn connect(client: &redis::Client) -> redis::RedisResult<ConnectionManager> {
    let config = redis::aio::ConnectionManagerConfig::new()
        .set_connection_timeout(Some(COMMAND_TIMEOUT))
        .set_response_timeout(Some(COMMAND_TIMEOUT))
        .set_number_of_retries(1);
    ConnectionManager::new_with_config(client.clone(), config).await
}

/// The process's Redis runtime: one thread, started on first use.
fn redis_runtime() -> Result<tokio::runtime::Handle, StoreError> {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Handle> = std::sync::OnceLock::new();
    if let Some(handle) = RUNTIME.get() {
        return Ok(handle.clone());
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| StoreError::other(format!("cannot start Redis's runtime: {error}")))?;
    let handle = runtime.handle().clone();
    std::thread::Builder::new()
        .name("next-runtime-redis".to_owned())
        .spawn(move || runtime.block_on(std::future::pending::<()>()))
        .map_err(|error| StoreError::other(format!("cannot start Redis's thread: {error}")))?;
    Ok(RUNTIME.get_or_init(|| handle).clone())
}

fn page_key(key: &PageKey) -> String {
    format!(
        "next:{}:page:{}:{}",
        key.build_id(),
        key.locale(),
        key.path()
    )
}

fn lock_key(key: &PageKey) -> String {
    format!(
        "next:{}:lock:{}:{}",
        key.build_id(),
        key.locale(),
        key.path()
    )
}

fn channel(build_id: &str) -> String {
    format!("next:{build_id}:changed")
}

impl PageStore for RedisStore {
    fn load<'a>(&'a self, key: &'a PageKey) -> StoreFuture<'a, Option<StoredPage>> {
        let redis_key = page_key(key);
        let found = self.run(move |mut connection| async move {
            connection.get::<_, Option<Vec<u8>>>(redis_key).await
        });
        Box::pin(async move {
            let Some(bytes) = found.await? else {
                return Ok(None);
            };
            // What another build or a broken writer left is a miss, never an error page.
            match serde_json::from_slice(&bytes) {
                Ok(page) => Ok(Some(page)),
                Err(error) => {
                    tracing::warn!(path = key.path(), %error, "a page in Redis does not decode; generating it");
                    Ok(None)
                }
            }
        })
    }

    fn save<'a>(&'a self, key: &'a PageKey, page: &'a StoredPage) -> StoreFuture<'a, ()> {
        let redis_key = page_key(key);
        let json = serde_json::to_vec(page).expect("a stored page serializes");
        self.run(
            move |mut connection| async move { connection.set::<_, _, ()>(redis_key, json).await },
        )
    }

    fn remove<'a>(&'a self, key: &'a PageKey) -> StoreFuture<'a, ()> {
        let redis_key = page_key(key);
        self.run(move |mut connection| async move { connection.del::<_, ()>(redis_key).await })
    }

    fn lock<'a>(&'a self, key: &'a PageKey, hold: Duration) -> StoreFuture<'a, bool> {
        self.take_lock(lock_key(key), hold)
    }

    fn unlock<'a>(&'a self, key: &'a PageKey) -> StoreFuture<'a, ()> {
        self.give_back(lock_key(key))
    }

    fn announce<'a>(&'a self, key: &'a PageKey) -> StoreFuture<'a, ()> {
        let message = format!("{}\n{}\n{}", self.inner.instance, key.locale(), key.path());
        let channel = channel(key.build_id());
        self.run(move |mut connection| async move {
            connection.publish::<_, _, ()>(channel, message).await
        })
    }

    fn subscribe(&self, build_id: &str, changed: Box<dyn Fn(PageKey) + Send + Sync>) {
        let inner = Arc::clone(&self.inner);
        let build_id = build_id.to_owned();
        self.inner.runtime.spawn(async move {
            // Subscribed again after every break, as long as the process runs.
            loop {
                if let Err(error) = listen(&inner, &build_id, &*changed).await {
                    inner.breaker.failure(&error);
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }
}

/// Calls `changed` for each key another instance announces on `build_id`'s channel, until
/// the subscription breaks.
async fn listen(
    inner: &Inner,
    build_id: &str,
    changed: &(dyn Fn(PageKey) + Send + Sync),
) -> redis::RedisResult<()> {
    let mut pubsub = inner.client.get_async_pubsub().await?;
    pubsub.subscribe(channel(build_id)).await?;
    let mut messages = pubsub.on_message();
    while let Some(message) = messages.next().await {
        let Ok(text) = message.get_payload::<String>() else {
            continue;
        };
        let mut parts = text.splitn(3, '\n');
        let (Some(instance), Some(locale), Some(path)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if instance != inner.instance {
            let locale = (!locale.is_empty()).then_some(locale);
            changed(PageKey::new(build_id, locale, path.to_owned()));
        }
    }
    Ok(())
}
