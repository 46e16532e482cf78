//! The shared cache's second level, as a page request meets it: what this instance's
//! memory misses is looked up in the store every instance shares (Redis), and one instance
//! renders each key at a time while the others wait, a bounded time, for its response.

use std::sync::Arc;
use std::time::Duration;

use actix_web::http::header::{HeaderMap, HeaderName};
use actix_web::rt::time::Instant;

use crate::shared_cache::{
    self, decode, encode_varies, Fill, Looked, Lookup, Placed, Put, ResponseStore, Shared,
    SharedCache, Stored,
};
use crate::ssg::StoreError;
use crate::Settings;

/// The second level, for one request's page.
pub(super) struct SecondLevel {
    store: Arc<dyn ResponseStore>,
    build_id: &'static str,
    /// The page answering the request, `locale\npath`: what a purge names.
    page: String,
    /// How long a request waits for another instance's render, and how long a render lock
    /// is held at most: the props timeout, as long as a render may take.
    wait: Duration,
}

/// What the second level says of a request the first level missed.
pub(super) enum Claim {
    /// Another instance's response, with the request headers it varies on.
    Found {
        vary: Arc<[HeaderName]>,
        stored: Arc<Stored>,
    },
    /// This instance renders the response, holding the render lock of this key.
    Locked(String),
    /// This instance renders the response without the lock: the store failed, or the
    /// instance holding the lock gave nothing within the wait.
    Alone,
}

impl SecondLevel {
    /// The second level of an app mounted with `settings`, if it has one, for the request
    /// of `page` (made only then).
    pub fn of(
        settings: &Settings,
        build_id: &'static str,
        page: impl FnOnce() -> String,
    ) -> Option<Self> {
        let store = settings.response_store.as_ref()?;
        Some(SecondLevel {
            store: Arc::clone(&store.0),
            build_id,
            page: page(),
            wait: settings.props_timeout,
        })
    }

    /// Looks up a request the first level missed (`fill` holds its render there): another
    /// instance's response kept here and answered as a hit, else a miss to render, with the
    /// render lock taken when there is one.
    pub async fn look<'c>(
        &self,
        cache: &'c SharedCache,
        fill: Fill<'c>,
        primary: &str,
        headers: &HeaderMap,
    ) -> (Lookup<'c>, Option<String>) {
        match self.claim(primary, headers, false).await {
            Claim::Found { vary, stored } => {
                (cache.install(fill, primary, headers, &vary, stored), None)
            }
            Claim::Locked(key) => (Lookup::Miss(fill), Some(key)),
            Claim::Alone => (Lookup::Miss(fill), None),
        }
    }

    /// The response for a request, rendered by another instance (only a fresh one when
    /// `fresh_only`: for refreshing a stale one), or the right to render it: the render
    /// lock when no instance holds it, else, after waiting for the one that does, alone.
    pub async fn claim(&self, primary: &str, headers: &HeaderMap, fresh_only: bool) -> Claim {
        let deadline = Instant::now() + self.wait;
        loop {
            // Nothing stored: the lock is taken in the same step, or another instance holds it.
            let Ok(found) = self.find(primary, headers, Some(self.wait)).await else {
                return Claim::Alone;
            };
            if let Some(stored) = found.stored().filter(|s| !fresh_only || s.fresh()) {
                return Claim::Found {
                    vary: found.vary,
                    stored,
                };
            }
            let Found {
                key,
                present,
                locked,
                ..
            } = found;
            if locked {
                return Claim::Locked(key);
            }
            // A value that will not do (stale, past its lifetime, not ours): the lock
            // alone, then a second look, as the holder before may have just stored one.
            if present {
                match self.store.lock(self.build_id, &key, self.wait).await {
                    Ok(true) => return self.locked(key, primary, headers, fresh_only).await,
                    Ok(false) => {}
                    Err(_) => return Claim::Alone,
                }
            }
            if Instant::now() >= deadline {
                return Claim::Alone;
            }
            actix_web::rt::time::sleep(super::SHARED_POLL).await;
        }
    }

    /// With the lock of `key` taken: the response after all if another instance stored it
    /// between this instance's look and its lock (then the lock goes back), else the right
    /// to render it.
    async fn locked(
        &self,
        key: String,
        primary: &str,
        headers: &HeaderMap,
        fresh_only: bool,
    ) -> Claim {
        let Ok(found) = self.find(primary, headers, None).await else {
            return Claim::Locked(key);
        };
        match found
            .stored()
            .filter(|stored| !fresh_only || stored.fresh())
        {
            Some(stored) => {
                let _ = self.store.unlock(self.build_id, &key).await;
                Claim::Found {
                    vary: found.vary,
                    stored,
                }
            }
            None => Claim::Locked(key),
        }
    }

    /// The store's response for a request, following the `Vary` names at its primary key;
    /// with `lock`, the render lock of its key taken when nothing is stored there.
    async fn find(
        &self,
        primary: &str,
        headers: &HeaderMap,
        lock: Option<Duration>,
    ) -> Result<Found, StoreError> {
        let (build_id, page) = (self.build_id, &self.page);
        let looked = self.store.look(build_id, page, primary, lock).await?;
        let found = Found::of(primary.to_owned(), Arc::default(), looked);
        let Some(Shared::Varies(vary)) = &found.shared else {
            return Ok(found);
        };
        let key = shared_cache::full_key(primary, vary, headers);
        let looked = self.store.look(build_id, page, &key, lock).await?;
        Ok(Found::of(key, Arc::clone(vary), looked))
    }

    /// In the background: stores what the first level kept of a render at `primary`, for
    /// every instance, then gives the render lock back (in the same step when it can).
    pub fn share(self, placed: Option<Placed>, primary: String, lock: Option<String>) {
        actix_web::rt::spawn(async move {
            let (build_id, page) = (self.build_id, &self.page);
            let mut unlock = lock;
            // A header that is not text keeps the response in this instance only.
            if let Some((placed, (value, ttl))) =
                placed.and_then(|placed| placed.stored.encode().map(|encoded| (placed, encoded)))
            {
                let mut puts = Vec::with_capacity(2);
                if !placed.vary.is_empty() {
                    let varies = encode_varies(&placed.vary);
                    puts.push(Put {
                        key: primary,
                        value: varies,
                        ttl,
                        unlock: None,
                    });
                }
                puts.push(Put {
                    key: placed.key,
                    value,
                    ttl,
                    unlock: unlock.take(),
                });
                for put in puts {
                    if let Err(error) = self.store.put(build_id, page, put).await {
                        tracing::debug!(%error, "the shared cache's second level could not keep a response");
                    }
                }
            }
            if let Some(key) = unlock {
                let _ = self.store.unlock(build_id, &key).await;
            }
        });
    }
}

/// What the store has for a request.
struct Found {
    /// The key it is (or would be) under.
    key: String,
    /// The request headers it varies on.
    vary: Arc<[HeaderName]>,
    /// What the value says, if it is one of ours (a response within its lifetime).
    shared: Option<Shared>,
    /// Whether there is a value at all (a response or not).
    present: bool,
    /// Whether this instance took the key's render lock.
    locked: bool,
}

impl Found {
    fn of(key: String, vary: Arc<[HeaderName]>, looked: Looked) -> Self {
        Found {
            key,
            vary,
            shared: looked.value.as_deref().and_then(decode),
            present: looked.value.is_some(),
            locked: looked.locked,
        }
    }

    /// The response, if the value is one.
    fn stored(&self) -> Option<Arc<Stored>> {
        match &self.shared {
            Some(Shared::Response(stored)) => Some(Arc::clone(stored)),
            _ => None,
        }
    }
}
