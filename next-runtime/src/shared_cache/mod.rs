//! The shared response cache, opt-in with `Settings::shared_cache(bytes)`: what a CDN in
//! front of Next.js does with `Cache-Control: public, s-maxage=N, stale-while-revalidate=M`,
//! in the box.
//!
//! A `public` response with `s-maxage=N` is served from memory for N seconds (`HIT`), then
//! for M more seconds while one background render refreshes it (`STALE`). Concurrent misses
//! wait for the one render that fills the entry (quick_cache's loading guards), so a burst
//! runs the props function once. The key is the page path, query, locale and response kind
//! (HTML, data, data with markup), plus the request headers the response names in `Vary`.

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::http::header::{
    self, from_comma_delimited, CacheDirective, HeaderMap, HeaderName, HeaderValue,
};
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
// Tokio's clock, not the system's: a test can pause it and move it by exact steps
// (`tokio::time::pause` and `advance`), and so check expiry, stale windows and `Age`
// without sleeping. Unpaused, it is `std::time::Instant`.
use actix_web::rt::time::Instant;
use actix_web::{HttpRequest, HttpResponse};
use quick_cache::sync::{Cache, DefaultLifecycle, EntryAction, EntryResult, PlaceholderGuard};
use quick_cache::{DefaultHashBuilder, Weighter};

use crate::compress::{self, Precompressed};

mod second_level;

pub(crate) use second_level::{decode, encode_varies, Looked, Put, ResponseStore, Shared};

/// Whether `key` (a primary key, or a full key built on one) is of `path` in `locale`:
/// `kind\norigin\nlocale\npath?query[\nvary values]`.
fn key_names(key: &str, locale: &str, path: &str) -> bool {
    let mut parts = key.splitn(4, '\n');
    let (Some(kind), Some(_origin), Some(key_locale), Some(rest)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    kind != "url" && key_locale == locale && rest.split_once('?').is_some_and(|(p, _)| p == path)
}

/// The response header that says what the cache did, as Next.js names it.
pub const CACHE_HEADER: &str = "x-nextjs-cache";
pub(crate) const CACHE_HEADER_NAME: HeaderName = HeaderName::from_static(CACHE_HEADER);

/// How long a URL whose response could not be shared is passed through: its requests
/// render for themselves, without queueing behind each other (Varnish's hit-for-pass).
pub(crate) const PASS_FOR: Duration = Duration::from_secs(30);

/// How long a failed render (5xx, timeout) is remembered: the requests that waited for it,
/// and those arriving meanwhile, get the same error page instead of all rendering at once
/// against a failing backend.
pub(crate) const FAILED_FOR: Duration = Duration::from_secs(1);

/// The longest `s-maxage` or `stale-while-revalidate` the cache honours: larger values
/// (up to `u64::MAX` seconds) are capped, so no arithmetic on them can overflow.
pub(crate) const MAX_LIFETIME: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// Bounded by the bytes of everything it holds: responses, `Vary` lists and markers alike.
pub(crate) struct SharedCache {
    entries: Cache<String, Entry, ByteWeighter>,
    /// Whether any URL key was ever remembered: until then no request looks for one.
    remembers_urls: AtomicBool,
}

#[derive(Clone)]
enum Entry {
    Stored(Arc<Stored>),
    /// At a URL's primary key: the request headers its responses vary on, so a lookup
    /// knows its full key before it has the response.
    Varies(Arc<[HeaderName]>),
    /// At a URL key (see [`SharedCache::hit_before_routing`]): the primary key the URL's
    /// routed request was answered under.
    Url(Arc<str>),
    /// The last response could not be shared: until `until`, requests render for
    /// themselves without queueing, and the first one that can be shared is stored.
    Pass {
        until: Instant,
    },
    /// The last render failed: until `until`, requests get this error page.
    Failed {
        response: Arc<Stored>,
        until: Instant,
    },
}

/// A response as it was stored.
pub(crate) struct Stored {
    status: StatusCode,
    /// Every header as it was answered, `ETag` included, and `x-nextjs-cache: HIT`: a hit
    /// clones the map whole.
    headers: HeaderMap,
    body: Bytes,
    stored_at: Instant,
    fresh_for: Duration,
    stale_for: Duration,
    /// Set by the one request that starts the background refresh of a stale entry.
    revalidating: AtomicBool,
    /// The body's gzip and brotli encodings, made once for all hits.
    compressed: Arc<Precompressed>,
}

/// What to do with a request the cache may answer.
pub(crate) enum Lookup<'c> {
    /// Answer from the cache; `revalidate` when this request must start the refresh.
    Hit {
        stored: Arc<Stored>,
        /// Since it was stored.
        age: Duration,
        stale: bool,
        revalidate: bool,
    },
    /// Nobody has it: render, then [`SharedCache::fill`], while other requests for it wait.
    Miss(Fill<'c>),
    /// Render without coordination, then offer the response with [`SharedCache::fill`].
    Pass(Fill<'c>),
    /// The render of this URL failed a moment ago: answer with its error page.
    Failed(Arc<Stored>),
    /// Another request's render of this URL took longer than the wait allowed.
    TimedOut,
}

/// A response offered to the cache, as this request answers it, and what the cache kept
/// of it.
pub(crate) struct Filled {
    pub response: HttpResponse,
    /// What was kept, for the second level; `None` when nothing was.
    pub stored: Option<Placed>,
}

/// A response kept, under which key, and the request headers it varies on.
pub(crate) struct Placed {
    pub key: String,
    pub vary: Arc<[HeaderName]>,
    pub stored: Arc<Stored>,
}

impl Filled {
    fn local(response: HttpResponse) -> Self {
        Filled {
            response,
            stored: None,
        }
    }
}

/// The right to store a freshly rendered response under `key`.
pub(crate) struct Fill<'c> {
    key: String,
    /// Held by the one request filling the entry; the others wait for it.
    guard: Option<Guard<'c>>,
}

type Guard<'c> = PlaceholderGuard<
    'c,
    String,
    Entry,
    ByteWeighter,
    DefaultHashBuilder,
    DefaultLifecycle<String, Entry>,
>;

#[derive(Clone)]
struct ByteWeighter;

impl Weighter<String, Entry> for ByteWeighter {
    fn weight(&self, key: &String, entry: &Entry) -> u64 {
        let size = match entry {
            Entry::Stored(stored)
            | Entry::Failed {
                response: stored, ..
            } => stored.size(),
            Entry::Varies(names) => names.iter().map(|name| name.as_str().len() + 24).sum(),
            Entry::Url(primary) => primary.len(),
            Entry::Pass { .. } => 0,
        };
        // A rough per-entry overhead keeps many small entries honest.
        (key.len() + size + 128) as u64
    }
}

impl SharedCache {
    pub fn new(bytes: u64) -> Self {
        let estimated_items = (bytes / 4096).clamp(64, 1 << 20) as usize;
        SharedCache {
            entries: Cache::with_weighter(estimated_items, bytes, ByteWeighter),
            remembers_urls: AtomicBool::new(false),
        }
    }

    /// Finds the entry for `primary` (the request's URL key) and `headers`, waiting at most
    /// `wait` for another request's render of it.
    pub async fn lookup(&self, primary: &str, headers: &HeaderMap, wait: Duration) -> Lookup<'_> {
        // The common case, a hit, is one read of the table (two for a URL that varies),
        // with no allocation and no timer.
        let now = Instant::now();
        let mut found = self.entries.get(primary);
        let mut key = Cow::Borrowed(primary);
        if let Some(Entry::Varies(names)) = &found {
            key = Cow::Owned(full_key(primary, names, headers));
            found = self.entries.get(key.as_ref());
        }
        match found {
            Some(Entry::Stored(stored)) if stored.usable(now) => return hit(stored, now),
            Some(Entry::Pass { until }) if now < until => return pass(key.into_owned()),
            Some(Entry::Failed { response, until }) if now < until => {
                return Lookup::Failed(response)
            }
            _ => {}
        }
        let deadline = now + wait;
        let mut key = key.into_owned();
        // Twice at most: a request that waited on the primary key may learn there that
        // the response varies, and look again under its full key.
        loop {
            let now = Instant::now();
            let waiting = self.entries.entry_async(&key, |_, entry| match entry {
                Entry::Stored(stored) if !stored.usable(now) => EntryAction::ReplaceWithGuard,
                Entry::Pass { until } | Entry::Failed { until, .. } if now >= *until => {
                    EntryAction::ReplaceWithGuard
                }
                entry => EntryAction::Retain(entry.clone()),
            });
            let left = deadline.saturating_duration_since(now);
            let Ok(found) = actix_web::rt::time::timeout(left, waiting).await else {
                return Lookup::TimedOut;
            };
            return match found {
                EntryResult::Retained(Entry::Stored(stored)) => hit(stored, Instant::now()),
                EntryResult::Retained(Entry::Failed { response, .. }) => Lookup::Failed(response),
                EntryResult::Retained(Entry::Varies(names)) if key == primary => {
                    key = full_key(primary, &names, headers);
                    continue;
                }
                EntryResult::Vacant(guard) | EntryResult::Replaced(guard, _) => {
                    Lookup::Miss(Fill {
                        key,
                        guard: Some(guard),
                    })
                }
                EntryResult::Retained(Entry::Pass { .. } | Entry::Varies(_) | Entry::Url(_))
                | EntryResult::Removed(..)
                | EntryResult::Timeout => pass(key),
            };
        }
    }

    /// A fresh hit for a request not yet routed, found by its URL key (the URL as
    /// received, its origin and the headers that steer routing) through the primary key
    /// its routed request was answered under, then the request's `Vary` headers. `None`
    /// for anything else, a stale entry included: the routed path handles those.
    pub fn hit_before_routing(&self, url_key: &str, headers: &HeaderMap) -> Option<HttpResponse> {
        let Some(Entry::Url(primary)) = self.entries.get(url_key) else {
            return None;
        };
        let mut found = self.entries.get(&*primary)?;
        if let Entry::Varies(names) = &found {
            found = self.entries.get(&full_key(&primary, names, headers))?;
        }
        let Entry::Stored(stored) = found else {
            return None;
        };
        let age = Instant::now().saturating_duration_since(stored.stored_at);
        (age < stored.fresh_for).then(|| stored.respond(age, false, headers))
    }

    /// Remembers that the request of `url_key` was answered under `primary`, for
    /// [`SharedCache::hit_before_routing`].
    pub fn remember_url(&self, url_key: String, primary: &str) {
        let known =
            matches!(self.entries.peek(&url_key), Some(Entry::Url(known)) if *known == *primary);
        if !known {
            self.entries.insert(url_key, Entry::Url(primary.into()));
            self.remembers_urls.store(true, Ordering::Relaxed);
        }
    }

    /// Whether [`SharedCache::hit_before_routing`] can find anything.
    /// Drops every entry of the page at `path` in `locale` (every kind, origin, query and
    /// `Vary` value): `next_runtime::revalidate` on a props-function page. How many.
    pub fn purge(&self, locale: &str, path: &str) -> usize {
        let purged = std::sync::atomic::AtomicUsize::new(0);
        self.entries.retain(|key, _| {
            let hit = key_names(key, locale, path);
            if hit {
                purged.fetch_add(1, Ordering::Relaxed);
            }
            !hit
        });
        purged.into_inner()
    }

    pub fn remembers_urls(&self) -> bool {
        self.remembers_urls.load(Ordering::Relaxed)
    }

    /// Stores `response` if it may be shared, and returns it for this request, marked
    /// `MISS` when it was stored. A failed render is remembered for [`FAILED_FOR`] when
    /// this request led it; any other response that cannot be shared marks the key
    /// hit-for-pass for [`PASS_FOR`].
    pub fn fill(
        &self,
        fill: Fill<'_>,
        primary: &str,
        req: &HttpRequest,
        response: HttpResponse,
    ) -> Filled {
        let Fill { key, guard } = fill;
        let now = Instant::now();
        let shareable = Stored::shareable(&response, now);
        let failed =
            response.status().is_server_error() && guard.is_some() && replayable(&response);
        if shareable.is_none() && !failed {
            self.put(
                key,
                guard,
                Entry::Pass {
                    until: now + PASS_FOR,
                },
            );
            return Filled::local(response);
        }
        let (head, body) = response.into_parts();
        let body = match body.try_into_bytes() {
            Ok(body) => body,
            Err(body) => {
                // A streamed body is never stored.
                self.put(
                    key,
                    guard,
                    Entry::Pass {
                        until: now + PASS_FOR,
                    },
                );
                return Filled::local(head.set_body(body).map_into_boxed_body());
            }
        };
        let Some((stored, vary)) = shareable else {
            let response = Arc::new(Stored::failure(&head, body.clone(), now));
            let until = now + FAILED_FOR;
            self.put(key, guard, Entry::Failed { response, until });
            return Filled::local(head.set_body(body).map_into_boxed_body());
        };
        let stored = Arc::new(Stored { body, ..stored });
        let stored_key = self.place(Fill { key, guard }, primary, req.headers(), &vary, &stored);
        let mut response = head.set_body(stored.body.clone()).map_into_boxed_body();
        let headers = response.headers_mut();
        headers.insert(CACHE_HEADER_NAME, HeaderValue::from_static("MISS"));
        Filled {
            response,
            stored: Some(Placed {
                key: stored_key,
                vary,
                stored,
            }),
        }
    }

    /// Keeps `stored`, a response another instance rendered (from the second level), as if
    /// this request had rendered it; then answers the request from it, as a hit.
    pub fn install(
        &self,
        fill: Fill<'_>,
        primary: &str,
        headers: &HeaderMap,
        vary: &Arc<[HeaderName]>,
        stored: Arc<Stored>,
    ) -> Lookup<'static> {
        self.place(fill, primary, headers, vary, &stored);
        hit(stored, Instant::now())
    }

    /// Keeps `stored` under the key its `vary` names give the request with `headers`, and
    /// lets whoever waits at `fill`'s key find it: that key.
    fn place(
        &self,
        fill: Fill<'_>,
        primary: &str,
        headers: &HeaderMap,
        vary: &Arc<[HeaderName]>,
        stored: &Arc<Stored>,
    ) -> String {
        let Fill { key, guard } = fill;
        let stored_key = full_key(primary, vary, headers);
        if stored_key == key {
            self.put(key, guard, Entry::Stored(Arc::clone(stored)));
        } else {
            // The response varies on headers this key did not include: store it under the
            // right key, and remember the names for the next lookups at the primary key.
            self.entries
                .insert(stored_key.clone(), Entry::Stored(Arc::clone(stored)));
            if key == primary {
                self.put(key, guard, Entry::Varies(Arc::clone(vary)));
            } else {
                let varies = Entry::Varies(Arc::clone(vary));
                self.entries.insert(primary.to_owned(), varies);
                // Whoever waited under the old full key renders for itself.
                let now = Instant::now();
                self.put(key, guard, Entry::Pass { until: now });
            }
        }
        stored_key
    }

    /// Ends a background refresh: a shareable response replaces the entry; an error keeps
    /// serving the stale one until the next request tries again.
    pub fn refresh(
        &self,
        stale: &Stored,
        primary: &str,
        req: &HttpRequest,
        response: HttpResponse,
    ) -> Filled {
        if response.status() != StatusCode::OK {
            tracing::warn!(status = %response.status(), "background refresh failed; serving the stale response meanwhile");
            stale.give_up_refresh();
            return Filled::local(response);
        }
        let key = self.key(primary, req.headers());
        self.fill(Fill { key, guard: None }, primary, req, response)
    }

    /// The right to store a response for a request with `headers`, without waiting on
    /// anyone: for a background refresh.
    pub fn unguarded(&self, primary: &str, headers: &HeaderMap) -> Fill<'static> {
        Fill {
            key: self.key(primary, headers),
            guard: None,
        }
    }

    /// The key of a request: `primary` and the values of the headers it varies on.
    fn key(&self, primary: &str, headers: &HeaderMap) -> String {
        match self.entries.get(primary) {
            Some(Entry::Varies(names)) => full_key(primary, &names, headers),
            _ => primary.to_owned(),
        }
    }

    fn put(&self, key: String, guard: Option<Guard<'_>>, entry: Entry) {
        match guard {
            Some(guard) => {
                if let Err(entry) = guard.insert(entry) {
                    self.entries.insert(key, entry);
                }
            }
            None => self.entries.insert(key, entry),
        }
    }
}

/// Whether a failed response may be replayed to other requests: not when it sets a cookie
/// or says it is private (a props function's own 5xx, made for one visitor). The
/// framework's error pages are neither.
fn replayable(response: &HttpResponse) -> bool {
    let headers = response.headers();
    !cache_control_says(headers, b"private") && !headers.contains_key(header::SET_COOKIE)
}

/// Whether a `Cache-Control` header mentions `word` (any case), without parsing it: the
/// cheap test most responses are turned away by.
fn cache_control_says(headers: &HeaderMap, word: &[u8]) -> bool {
    headers.get_all(header::CACHE_CONTROL).any(|value| {
        value
            .as_bytes()
            .windows(word.len())
            .any(|window| window.eq_ignore_ascii_case(word))
    })
}

fn pass(key: String) -> Lookup<'static> {
    Lookup::Pass(Fill { key, guard: None })
}

fn hit(stored: Arc<Stored>, now: Instant) -> Lookup<'static> {
    let age = now.saturating_duration_since(stored.stored_at);
    let stale = age >= stored.fresh_for;
    let revalidate = stale
        && stored
            .revalidating
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .is_ok();
    Lookup::Hit {
        stored,
        age,
        stale,
        revalidate,
    }
}

/// `primary` plus the values of the `Vary` headers of the request.
pub(crate) fn full_key(primary: &str, vary: &[HeaderName], headers: &HeaderMap) -> String {
    let mut key = primary.to_owned();
    for name in vary {
        key.push('\n');
        key.push_str(name.as_str());
        key.push(':');
        for value in headers.get_all(name) {
            key.push_str(&String::from_utf8_lossy(value.as_bytes()));
            key.push(',');
        }
    }
    key
}

/// A `Cache-Control` number of seconds, saturating, capped at [`MAX_LIFETIME`]; `None`
/// when it is not a number.
fn seconds(value: &str) -> Option<Duration> {
    let digits = value.trim_matches('"');
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds = digits.parse::<u64>().unwrap_or(u64::MAX);
    Some(Duration::from_secs(seconds).min(MAX_LIFETIME))
}

impl Stored {
    /// Lets the next stale hit start a refresh again.
    pub fn give_up_refresh(&self) {
        self.revalidating.store(false, Ordering::Release);
    }

    /// Whether it is still fresh (not yet in its `stale-while-revalidate` time).
    pub fn fresh(&self) -> bool {
        Instant::now().saturating_duration_since(self.stored_at) < self.fresh_for
    }

    /// Fresh, or stale but still within `stale-while-revalidate`.
    fn usable(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.stored_at)
            < self.fresh_for.saturating_add(self.stale_for)
    }

    /// What the entry weighs, beyond its key.
    fn size(&self) -> usize {
        let headers = self.headers.iter();
        self.body.len()
            + headers
                .map(|(name, value)| name.as_str().len() + value.len())
                .sum::<usize>()
    }

    /// A failed response, to answer the requests that waited for it.
    fn failure(head: &HttpResponse<()>, body: Bytes, now: Instant) -> Self {
        Stored {
            status: head.status(),
            headers: head.headers().clone(),
            body,
            stored_at: now,
            fresh_for: FAILED_FOR,
            stale_for: Duration::ZERO,
            revalidating: AtomicBool::new(false),
            compressed: Arc::default(),
        }
    }

    /// The shareable parts of a response (its body still to move in), with the request
    /// headers it varies on; `None` when it may not be shared: not a 200, a `Set-Cookie`,
    /// `Vary: *`, or a `Cache-Control` without `public` and `s-maxage`, or with `private`,
    /// `no-store` or `no-cache`.
    fn shareable(response: &HttpResponse, now: Instant) -> Option<(Stored, Arc<[HeaderName]>)> {
        let headers = response.headers();
        if response.status() != StatusCode::OK || headers.contains_key(header::SET_COOKIE) {
            return None;
        }
        // Most pages are private: turn them away before parsing anything.
        if !cache_control_says(headers, b"s-maxage") {
            return None;
        }
        let directives: Vec<CacheDirective> =
            from_comma_delimited(headers.get_all(header::CACHE_CONTROL)).ok()?;
        let (mut public, mut s_maxage, mut swr) = (false, None, Duration::ZERO);
        for directive in &directives {
            match directive {
                CacheDirective::Public => public = true,
                CacheDirective::SMaxAge(seconds) => {
                    s_maxage = Some(Duration::from_secs((*seconds).into()).min(MAX_LIFETIME))
                }
                CacheDirective::Extension(name, Some(value))
                    if name.eq_ignore_ascii_case("stale-while-revalidate") =>
                {
                    swr = seconds(value)?;
                }
                CacheDirective::Private | CacheDirective::NoStore | CacheDirective::NoCache => {
                    return None
                }
                _ => {}
            }
        }
        let fresh_for = s_maxage.filter(|fresh| public && !fresh.is_zero())?;
        let mut vary = Vec::new();
        for value in headers.get_all(header::VARY) {
            for name in value.to_str().ok()?.split(',').map(str::trim) {
                if name == "*" {
                    return None;
                }
                // The client router's header is part of the primary key already.
                match HeaderName::try_from(name) {
                    Ok(name) if name != crate::client::RENDER_HEADER && !vary.contains(&name) => {
                        vary.push(name)
                    }
                    _ => {}
                }
            }
        }
        vary.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        // Stored as a hit answers it, so a hit adds only its `Age`.
        let mut headers = headers.clone();
        headers.insert(CACHE_HEADER_NAME, HeaderValue::from_static("HIT"));
        let stored = Stored {
            status: StatusCode::OK,
            headers,
            body: Bytes::new(),
            stored_at: now,
            fresh_for,
            stale_for: swr,
            revalidating: AtomicBool::new(false),
            compressed: Arc::default(),
        };
        Some((stored, vary.into()))
    }

    /// How long a response would be fresh and then stale, if it may be shared.
    #[cfg(test)]
    pub(crate) fn lifetimes(response: &HttpResponse) -> Option<(Duration, Duration)> {
        Self::shareable(response, Instant::now())
            .map(|(stored, _)| (stored.fresh_for, stored.stale_for))
    }

    /// The stored response, with its age and what the cache did.
    pub fn respond(&self, age: Duration, stale: bool, request: &HeaderMap) -> HttpResponse {
        let mut response = self.replay();
        compress::offer(request, &mut response, &self.compressed);
        let age = age.as_secs();
        let headers = response.headers_mut();
        headers.insert(header::AGE, HeaderValue::from(age));
        if stale {
            let state = HeaderValue::from_static("STALE");
            headers.insert(CACHE_HEADER_NAME, state);
        }
        response
    }

    /// A remembered failure, as it was first answered.
    pub fn respond_failed(&self) -> HttpResponse {
        self.replay()
    }

    /// The status, headers and body as stored: one clone of the header map, no parsing.
    fn replay(&self) -> HttpResponse {
        let mut response = HttpResponse::with_body(self.status, self.body.clone());
        *response.headers_mut() = self.headers.clone();
        response.map_into_boxed_body()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(cache_control: &str) -> HttpResponse {
        HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, cache_control))
            .body("hello")
    }

    fn shareable(response: &HttpResponse) -> Option<(u64, u64)> {
        Stored::shareable(response, Instant::now())
            .map(|(stored, _)| (stored.fresh_for.as_secs(), stored.stale_for.as_secs()))
    }

    #[test]
    fn only_public_s_maxage_responses_are_shared() {
        let both = response("public, s-maxage=10, stale-while-revalidate=59");
        assert_eq!(shareable(&both), Some((10, 59)));
        assert_eq!(shareable(&response("public, s-maxage=5")), Some((5, 0)));
        for refused in [
            "s-maxage=10",
            "public, max-age=3600",
            "public, s-maxage=0",
            "private, s-maxage=10",
            "public, s-maxage=10, no-store",
            "public, s-maxage=10, no-cache",
            "private, no-cache, no-store, max-age=0, must-revalidate",
        ] {
            assert_eq!(shareable(&response(refused)), None, "{refused}");
        }
        let cookie = HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "public, s-maxage=10"))
            .insert_header((header::SET_COOKIE, "a=1"))
            .finish();
        assert_eq!(shareable(&cookie), None);
        let created = HttpResponse::Created()
            .insert_header((header::CACHE_CONTROL, "public, s-maxage=10"))
            .finish();
        assert_eq!(shareable(&created), None);
        let vary_all = HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "public, s-maxage=10"))
            .insert_header((header::VARY, "*"))
            .finish();
        assert_eq!(shareable(&vary_all), None);
    }

    #[actix_web::test]
    async fn every_entry_counts_against_the_byte_budget() {
        let budget = 256 * 1024;
        let cache = SharedCache::new(budget);
        let req = actix_web::test::TestRequest::get()
            .insert_header(("x-theme", "dark"))
            .to_http_request();
        // Each URL leaves a `Vary` list at its primary key and the response at its full
        // key, both with a 4 KB query in the key: 20 MB if nothing were bounded.
        for i in 0..2500 {
            let primary = format!("html\nhttp://localhost\n\n/p?{}{i}", "q".repeat(4096));
            let Lookup::Miss(fill) = cache
                .lookup(&primary, req.headers(), Duration::from_secs(60))
                .await
            else {
                panic!("a new URL is a miss");
            };
            let response = HttpResponse::Ok()
                .insert_header((header::CACHE_CONTROL, "public, s-maxage=60"))
                .insert_header((header::VARY, "x-theme"))
                .body("x");
            drop(cache.fill(fill, &primary, &req, response).response);
        }
        assert!(
            cache.entries.weight() <= budget,
            "{} bytes",
            cache.entries.weight()
        );
        assert!(cache.entries.len() < 2 * 2500, "some were evicted");
    }

    #[test]
    fn huge_lifetimes_are_capped() {
        let huge = response("public, s-maxage=60, stale-while-revalidate=18446744073709551615");
        assert_eq!(shareable(&huge), Some((60, MAX_LIFETIME.as_secs())));
        let beyond =
            response("public, s-maxage=60, stale-while-revalidate=99999999999999999999999");
        assert_eq!(shareable(&beyond), Some((60, MAX_LIFETIME.as_secs())));
        assert_eq!(
            shareable(&response(
                "public, s-maxage=60, stale-while-revalidate=soon"
            )),
            None
        );
    }

    #[test]
    fn vary_names_are_normalized_and_keyed() {
        let response = HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "public, s-maxage=10"))
            .insert_header((header::VARY, "x-next-render, X-Theme, accept-language"))
            .finish();
        let (_, vary) = Stored::shareable(&response, Instant::now()).unwrap();
        assert_eq!(
            &*vary,
            [
                HeaderName::from_static("accept-language"),
                HeaderName::from_static("x-theme")
            ]
        );
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static("x-theme"),
            HeaderValue::from_static("dark"),
        );
        assert_eq!(
            full_key("p", &vary, &headers),
            "p\naccept-language:\nx-theme:dark,"
        );
    }
}
