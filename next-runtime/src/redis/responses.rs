//! The shared cache's second level in Redis. The responses of one page (every kind, host,
//! query and `Vary` value) are the fields of one hash, `next:{build}:responses:{locale}:{path}`,
//! keyed by the cache's key: purging the page deletes that one key, and Redis evicting it
//! under memory pressure takes every response of the page at once, never leaving one behind
//! that a purge could no longer find. Each value carries its own lifetime (an expired one is
//! a miss); the hash expires with its longest-lived field. Render locks are keys of their
//! own, `next:{build}:response-lock:{key}`.

use std::time::Duration;

use super::{millis, script, Lua, RedisStore};
use crate::shared_cache::{Looked, Put, ResponseStore};
use crate::ssg::StoreFuture;

/// The most responses one page keeps in Redis: a page with a query of many values (or a
/// visitor making up queries) starts its hash anew past this, so expired fields never pile
/// up in a hash that keeps being written.
const MAX_RESPONSES_PER_PAGE: usize = 1024;

/// Stores the value as one field of the page's hash, keeps the hash as long as its
/// longest-lived field, then gives the render lock back if it is still ours (`KEYS[2]`,
/// when there is one): one round trip, all or nothing.
static PUT: Lua = Lua::new("if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) and redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then redis.call('DEL', KEYS[1]) end \
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) \
local ttl = tonumber(ARGV[4]) \
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end \
if KEYS[2] and redis.call('GET', KEYS[2]) == ARGV[5] then redis.call('DEL', KEYS[2]) end");

/// The field's value; when there is none, the render lock taken (`SET NX PX`) in the same
/// step: `{1, value}`, `{2, nil}` (locked) or `{0, nil}` (another instance holds it).
static LOOK_OR_LOCK: Lua = Lua::new(
    "local value = redis.call('HGET', KEYS[1], ARGV[1]) \
if value then return {1, value} end \
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return {2, false} end \
return {0, false}",
);

/// Deletes the page's hash: how many responses it held.
static PURGE: Lua =
    Lua::new("local count = redis.call('HLEN', KEYS[1]) redis.call('DEL', KEYS[1]) return count");

fn lock_key(build_id: &str, key: &str) -> String {
    format!("next:{build_id}:response-lock:{key}")
}

/// `page` is `locale\npath`.
fn page_hash(build_id: &str, page: &str) -> String {
    let (locale, path) = page.split_once('\n').unwrap_or(("", page));
    format!("next:{build_id}:responses:{locale}:{path}")
}

impl ResponseStore for RedisStore {
    fn look(
        &self,
        build_id: &str,
        page: &str,
        key: &str,
        lock: Option<Duration>,
    ) -> StoreFuture<'static, Looked> {
        let (hash, field) = (page_hash(build_id, page), key.to_owned());
        let Some(hold) = lock else {
            return self.run(move |mut connection| async move {
                let value = redis::cmd("HGET")
                    .arg(hash)
                    .arg(field)
                    .query_async(&mut connection)
                    .await?;
                Ok(Looked {
                    value,
                    locked: false,
                })
            });
        };
        let (lock, owner) = (lock_key(build_id, key), self.inner.instance.clone());
        self.run(move |mut connection| async move {
            let (found, value): (u8, Option<Vec<u8>>) = script(&LOOK_OR_LOCK)
                .key(hash)
                .key(lock)
                .arg(field)
                .arg(owner)
                .arg(millis(hold))
                .invoke_async(&mut connection)
                .await?;
            Ok(Looked {
                value,
                locked: found == 2,
            })
        })
    }

    fn put(&self, build_id: &str, page: &str, put: Put) -> StoreFuture<'static, ()> {
        let hash = page_hash(build_id, page);
        let unlock = put.unlock.map(|key| lock_key(build_id, &key));
        let owner = self.inner.instance.clone();
        self.run(move |mut connection| async move {
            let mut invocation = script(&PUT).key(hash);
            if let Some(lock) = unlock {
                invocation.key(lock);
            }
            invocation
                .arg(put.key)
                .arg(put.value)
                .arg(MAX_RESPONSES_PER_PAGE)
                .arg(millis(put.ttl))
                .arg(owner)
                .invoke_async(&mut connection)
                .await
        })
    }

    fn purge(&self, build_id: &str, page: &str) -> StoreFuture<'static, usize> {
        let hash = page_hash(build_id, page);
        self.run(move |mut connection| async move {
            script(&PURGE).key(hash).invoke_async(&mut connection).await
        })
    }

    fn lock(&self, build_id: &str, key: &str, hold: Duration) -> StoreFuture<'static, bool> {
        self.take_lock(lock_key(build_id, key), hold)
    }

    fn unlock(&self, build_id: &str, key: &str) -> StoreFuture<'static, ()> {
        self.give_back(lock_key(build_id, key))
    }
}
