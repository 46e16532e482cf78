//! The shared cache's second level in Redis: responses at `next:{build}:response:{key}`,
//! each expiring with its lifetime (`s-maxage` + `stale-while-revalidate`); the keys of a
//! page's responses in the set `next:{build}:responses:{locale}:{path}`, for purging them;
//! one render lock per key at `next:{build}:response-lock:{key}`.

use std::time::Duration;

use super::RedisStore;
use crate::shared_cache::ResponseStore;
use crate::ssg::StoreFuture;

/// Stores the value, adds its key to the page's set, and keeps the set as long as its
/// longest-lived entry: one round trip, all or nothing.
const PUT: &str = "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) \
redis.call('SADD', KEYS[2], KEYS[1]) \
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end";

/// Deletes every key in the page's set, and the set: how many there were.
const PURGE: &str = "local keys = redis.call('SMEMBERS', KEYS[1]) \
for _, key in ipairs(keys) do redis.call('DEL', key) end \
redis.call('DEL', KEYS[1]) \
return #keys";

fn response_key(build_id: &str, key: &str) -> String {
    format!("next:{build_id}:response:{key}")
}

fn lock_key(build_id: &str, key: &str) -> String {
    format!("next:{build_id}:response-lock:{key}")
}

/// `page` is `locale\npath`.
fn page_set(build_id: &str, page: &str) -> String {
    let (locale, path) = page.split_once('\n').unwrap_or(("", page));
    format!("next:{build_id}:responses:{locale}:{path}")
}

fn millis(duration: Duration) -> u64 {
    duration.as_millis().clamp(1, u64::MAX.into()) as u64
}

impl ResponseStore for RedisStore {
    fn get(&self, build_id: &str, key: &str) -> StoreFuture<'static, Option<Vec<u8>>> {
        let key = response_key(build_id, key);
        self.run(move |mut connection| async move {
            redis::cmd("GET")
                .arg(key)
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
        let (key, set) = (response_key(build_id, key), page_set(build_id, page));
        self.run(move |mut connection| async move {
            redis::cmd("EVAL")
                .arg(PUT)
                .arg(2)
                .arg(key)
                .arg(set)
                .arg(value)
                .arg(millis(ttl))
                .query_async(&mut connection)
                .await
        })
    }

    fn purge(&self, build_id: &str, page: &str) -> StoreFuture<'static, usize> {
        let set = page_set(build_id, page);
        self.run(move |mut connection| async move {
            redis::cmd("EVAL")
                .arg(PURGE)
                .arg(1)
                .arg(set)
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
