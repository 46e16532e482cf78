//! The shared cache's second level: a store every instance of the app reads and writes
//! (Redis, with `Settings::redis`), behind each instance's memory. This module has what
//! the store sees: the [`ResponseStore`] trait, and a stored response as bytes.
//!
//! An entry is one of two values: `R{head as JSON}\n{body}` for a response, or
//! `V{names}` at a URL's primary key when its responses vary on request headers (the names,
//! comma-separated). Anything else, or a response whose lifetime is over, is a miss.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::rt::time::Instant;
use actix_web::web::Bytes;
use serde::{Deserialize, Serialize};

use super::Stored;
use crate::ssg::StoreFuture;

/// What the instances of an app share of their response caches, keyed by build ID, page
/// (`locale\npath`, what a purge names) and the cache's own key. Every method may fail:
/// the site then goes on from its memory.
pub(crate) trait ResponseStore: Send + Sync + 'static {
    /// The value at `key` among `page`'s. With `lock`, when there is none, also takes the
    /// key's render lock for that long, in the same step: no other instance can store the
    /// value between the look and the lock.
    fn look(
        &self,
        build_id: &str,
        page: &str,
        key: &str,
        lock: Option<Duration>,
    ) -> StoreFuture<'static, Looked>;
    /// Stores `value` at `key` among `page`'s, for `ttl` at least; then gives the render
    /// lock of `unlock` back, if this instance holds it.
    fn put(&self, build_id: &str, page: &str, put: Put) -> StoreFuture<'static, ()>;
    /// Drops every entry of `page`: how many there were.
    fn purge(&self, build_id: &str, page: &str) -> StoreFuture<'static, usize>;
    /// Takes the render lock of `key` for `hold` at most: `true` when this instance may
    /// render it now, `false` when another one is rendering it.
    fn lock(&self, build_id: &str, key: &str, hold: Duration) -> StoreFuture<'static, bool>;
    /// Gives the render lock of `key` back, if this instance still holds it.
    fn unlock(&self, build_id: &str, key: &str) -> StoreFuture<'static, ()>;
}

/// What [`ResponseStore::look`] found.
pub(crate) struct Looked {
    pub value: Option<Vec<u8>>,
    /// Whether the render lock was taken (asked for, and there was no value).
    pub locked: bool,
}

/// A value to store, and the lock to give back after.
// Read by the Redis store, which only the `redis` feature builds.
#[cfg_attr(not(feature = "redis"), allow(dead_code))]
pub(crate) struct Put {
    pub key: String,
    pub value: Vec<u8>,
    pub ttl: Duration,
    pub unlock: Option<String>,
}

/// What a stored value says.
pub(crate) enum Shared {
    /// A response, within its lifetime.
    Response(Arc<Stored>),
    /// The URL's responses vary on these request headers: look under the full key.
    Varies(Arc<[HeaderName]>),
}

/// A response's head as stored; its body follows the line.
#[derive(Serialize, Deserialize)]
struct Head {
    status: u16,
    headers: Vec<(String, String)>,
    /// When it was rendered: milliseconds since the Unix epoch, on the rendering instance's
    /// clock (instances keep theirs in sync, as any cluster does).
    rendered_at_ms: u64,
    fresh_ms: u64,
    stale_ms: u64,
}

impl Stored {
    /// The response as the store keeps it, with how long the store should keep it (its
    /// lifetime left); `None` when a header is not text (such a response stays local).
    pub(crate) fn encode(&self) -> Option<(Vec<u8>, Duration)> {
        let age = Instant::now().saturating_duration_since(self.stored_at);
        let rendered_at = SystemTime::now().checked_sub(age)?;
        let mut headers = Vec::with_capacity(self.headers.len());
        for (name, value) in &self.headers {
            let value = std::str::from_utf8(value.as_bytes()).ok()?;
            headers.push((name.as_str().to_owned(), value.to_owned()));
        }
        let lifetime = self.fresh_for.saturating_add(self.stale_for);
        let head = Head {
            status: self.status.as_u16(),
            headers,
            rendered_at_ms: millis(rendered_at.duration_since(UNIX_EPOCH).ok()?),
            fresh_ms: millis(self.fresh_for),
            stale_ms: millis(self.stale_for),
        };
        let mut value = b"R".to_vec();
        serde_json::to_writer(&mut value, &head).ok()?;
        value.push(b'\n');
        value.extend_from_slice(&self.body);
        Some((value, lifetime.checked_sub(age)?))
    }
}

/// The value at a URL's primary key for responses that vary on `names`.
pub(crate) fn encode_varies(names: &[HeaderName]) -> Vec<u8> {
    let names: Vec<&str> = names.iter().map(HeaderName::as_str).collect();
    format!("V{}", names.join(",")).into_bytes()
}

/// What `value` says; `None` when it is no value of ours, or a response past its lifetime.
pub(crate) fn decode(value: &[u8]) -> Option<Shared> {
    match value.split_first()? {
        (b'V', names) => {
            let names = std::str::from_utf8(names).ok()?;
            let names = names
                .split(',')
                .filter(|name| !name.is_empty())
                .map(|name| HeaderName::try_from(name).ok())
                .collect::<Option<Vec<_>>>()?;
            Some(Shared::Varies(names.into()))
        }
        (b'R', rest) => {
            let line = memchr::memchr(b'\n', rest)?;
            let head: Head = serde_json::from_slice(&rest[..line]).ok()?;
            let body = Bytes::copy_from_slice(&rest[line + 1..]);
            decode_response(head, body).map(|stored| Shared::Response(Arc::new(stored)))
        }
        _ => None,
    }
}

fn decode_response(head: Head, body: Bytes) -> Option<Stored> {
    let mut headers = HeaderMap::with_capacity(head.headers.len());
    for (name, value) in head.headers {
        headers.append(
            HeaderName::try_from(name).ok()?,
            HeaderValue::try_from(value).ok()?,
        );
    }
    let rendered_at = UNIX_EPOCH + Duration::from_millis(head.rendered_at_ms);
    // A clock a little ahead on the rendering instance makes a response of age zero.
    let age = SystemTime::now()
        .duration_since(rendered_at)
        .unwrap_or_default();
    let (fresh_for, stale_for) = (
        Duration::from_millis(head.fresh_ms).min(super::MAX_LIFETIME),
        Duration::from_millis(head.stale_ms).min(super::MAX_LIFETIME),
    );
    if age >= fresh_for.saturating_add(stale_for) {
        return None;
    }
    let now = Instant::now();
    Some(Stored {
        status: StatusCode::from_u16(head.status).ok()?,
        headers,
        body,
        stored_at: now.checked_sub(age).unwrap_or(now),
        fresh_for,
        stale_for,
        revalidating: AtomicBool::new(false),
        compressed: Arc::default(),
    })
}

fn millis(duration: Duration) -> u64 {
    duration.as_millis().try_into().unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use actix_web::http::header;
    use actix_web::HttpResponse;

    use super::*;

    fn stored(cache_control: &str) -> Stored {
        let response = HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, cache_control))
            .insert_header((header::ETAG, "\"abc\""))
            .finish();
        let (stored, _) = Stored::shareable(&response, Instant::now()).unwrap();
        Stored {
            body: Bytes::from_static(b"<p>\n\x00 hello</p>"),
            ..stored
        }
    }

    #[test]
    fn a_response_comes_back_as_it_was_stored() {
        let original = stored("public, s-maxage=60, stale-while-revalidate=30");
        let (value, ttl) = original.encode().unwrap();
        assert!(ttl > Duration::from_secs(89) && ttl <= Duration::from_secs(90));
        let Some(Shared::Response(back)) = decode(&value) else {
            panic!("a response");
        };
        assert_eq!(back.status, StatusCode::OK);
        let pairs = |stored: &Stored| {
            let mut pairs: Vec<_> = stored
                .headers
                .iter()
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect();
            pairs.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
            pairs
        };
        assert_eq!(pairs(&back), pairs(&original));
        assert_eq!(back.body, original.body);
        assert_eq!(
            (back.fresh_for, back.stale_for),
            (original.fresh_for, original.stale_for)
        );
    }

    #[test]
    fn anything_else_is_a_miss() {
        for value in [
            &b""[..],
            b"not ours",
            b"R{\"status\":200}",
            b"R{broken json\nbody",
            b"V bad name",
            b"R{\"status\":200,\"headers\":[[\"bad name\",\"x\"]],\"rendered_at_ms\":0,\"fresh_ms\":1,\"stale_ms\":0}\n",
        ] {
            assert!(decode(value).is_none(), "{:?}", String::from_utf8_lossy(value));
        }
        // Rendered long ago: past its lifetime.
        let old = b"R{\"status\":200,\"headers\":[],\"rendered_at_ms\":1000,\"fresh_ms\":1000,\"stale_ms\":1000}\nbody";
        assert!(decode(old).is_none());
        let Some(Shared::Varies(names)) = decode(&encode_varies(&[header::ACCEPT_LANGUAGE])) else {
            panic!("a vary list");
        };
        assert_eq!(&*names, [header::ACCEPT_LANGUAGE]);
    }
}
