//! The shared cache's second level in Redis. The responses of one page (every kind, host,
//! query and `Vary` value) are the fields of one hash, `next:{build}:responses:{locale}:{path}`,
//! keyed by the cache's key: purging the page deletes that one key, and Redis evicting it
//! under memory pressure takes every response of the page at once, never leaving one behind
//! that a purge could no longer find. Each value carries its own lifetime (an expired one is
//! a miss); the hash expires with its longest-lived field. Render locks are keys of their
//! own, `next:{build}:response-lock:{key}`.

use std::time::Duration;

use super::RedisStore;
use crate::shared_cache::ResponseStore;
use crate::ssg::StoreFuture;

/// The most responses one page keeps in Redis: a page with a query of many values (or a
/// visitor making up queries) starts its hash anew past this, so expired fields never pile
/// up in a hash that keeps being written.
const MAX_RESPONSES_PER_PAGE: usize = 1024;

/// Stores the value as one field of the page's hash, and keeps the hash as long as its
/// longest-lived field: one round trip, all or nothing.
const PUT: &str = "if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) and redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then redis.call('DEL', KEYS[1]) end \
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) \
local ttl = tonumber(ARGV[4]) \
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end";

/// Deletes the page's hash: how many responses it held.
const PURGE: &str =
    "local count = redis.call('HLEN', KEYS[1]) redis.call('DEL', KEYS[1]) return count";

fn lock_key(build_id: &str, key: &str) -> String {
    format!("next:{build_id}:response-lock:{key}")
}

/// `page` is `locale\npath`.
fn page_hash(build_id: &str, page: &str) -> String {
    let (locale, path) = page.split_once('\n').unwrap_or(("", page));
    format!("next:{build_id}:responses:{locale}:{path}")
}

fn millis(duration: Duration) -> u64 {
    duration.as_millis().clamp(1, u64::MAX.into()) as u64
}

impl ResponseStore for RedisStore {
    fn get(&self, build_id: &str, page: &str, key: &str) -> StoreFuture<'static, Option<Vec<u8>>> {
        let (hash, field) = (page_hash(build_id, page), key.to_owned());
        self.run(move |mut connection| async move {
            redis::cmd("HGET")
                .arg(hash)
                .arg(field)
                .query_async(&mut connection)
                .await
        })
    }

    fn put(
        &self,
        build_id: &str,
        page: &str,
        key: &str,
        value: Vec<u8>,
        ttl: Duration,
    ) -> StoreFuture<'static, ()> {
        let (hash, field) = (page_hash(build_id, page), key.to_owned());
        self.run(move |mut connection| async move {
            redis::cmd("EVAL")
                .arg(PUT)
                .arg(1)
                .arg(hash)
                .arg(field)
                .arg(value)
                .arg(MAX_RESPONSES_PER_PAGE)
                .arg(millis(ttl))
                .query_async(&mut connection)
                .await
        })
    }

    fn purge(&self, build_id: &str, page: &str) -> StoreFuture<'static, usize> {
        let hash = page_hash(build_id, page);
        self.run(move |mut connection| async move {
            redis::cmd("EVAL")
                .arg(PURGE)
                .arg(1)
                .arg(hash)
                .query_async(&mut connection)
                .await
        })
    }

    fn lock(&self, build_id: &str, key: &str, hold: Duration) -> StoreFuture<'static, bool> {
        self.take_lock(lock_key(build_id, key), hold)
    }

    fn unlock(&self, build_id: &str, key: &str) -> StoreFuture<'static, ()> {
        self.give_back(lock_key(build_id, key))
    }
}
