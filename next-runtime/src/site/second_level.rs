//! The shared cache's second level, as a page request meets it: what this instance's
//! memory misses is looked up in the store every instance shares (Redis), and one instance
//! renders each key at a time while the others wait, a bounded time, for its response.

use std::sync::Arc;
use std::time::Duration;

use actix_web::http::header::{HeaderMap, HeaderName};
use actix_web::rt::time::Instant;

use crate::shared_cache::{
    self, decode, encode_varies, Fill, Lookup, Placed, ResponseStore, Shared, SharedCache, Stored,
};
use crate::ssg::StoreError;
use crate::Settings;

/// How often a request waiting for another instance's render looks again.
const POLL: Duration = Duration::from_millis(25);

/// The second level, for one request's page.
#[derive(Clone)]
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
            let Ok((key, vary, found)) = self.find(primary, headers).await else {
                return Claim::Alone;
            };
            if let Some(stored) = found.filter(|stored| !fresh_only || stored.fresh()) {
                return Claim::Found { vary, stored };
            }
            match self.store.lock(self.build_id, &key, self.wait).await {
                Ok(true) => return self.locked(key, primary, headers, fresh_only).await,
                Ok(false) if Instant::now() < deadline => {
                    actix_web::rt::time::sleep(POLL).await;
                }
                Ok(false) | Err(_) => return Claim::Alone,
            }
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
        match self.find(primary, headers).await {
            Ok((_, vary, Some(stored))) if !fresh_only || stored.fresh() => {
                let _ = self.store.unlock(self.build_id, &key).await;
                Claim::Found { vary, stored }
            }
            _ => Claim::Locked(key),
        }
    }

    /// The store's response for a request: the key it is (or would be) under, the request
    /// headers it varies on, and the response if there is one.
    async fn find(
        &self,
        primary: &str,
        headers: &HeaderMap,
    ) -> Result<(String, Arc<[HeaderName]>, Option<Arc<Stored>>), StoreError> {
        let (build_id, page) = (self.build_id, &self.page);
        let value = self.store.get(build_id, page, primary).await?;
        match value.as_deref().and_then(decode) {
            None => Ok((primary.to_owned(), Arc::default(), None)),
            Some(Shared::Response(stored)) => {
                Ok((primary.to_owned(), Arc::default(), Some(stored)))
            }
            Some(Shared::Varies(vary)) => {
                let key = shared_cache::full_key(primary, &vary, headers);
                let value = self.store.get(build_id, page, &key).await?;
                let stored = match value.as_deref().and_then(decode) {
                    Some(Shared::Response(stored)) => Some(stored),
                    _ => None,
                };
                Ok((key, vary, stored))
            }
        }
    }

    /// In the background: stores what the first level kept of a render at `primary`, for
    /// every instance, then gives the render lock back.
    pub fn share(self, placed: Option<Placed>, primary: String, lock: Option<String>) {
        let second = self;
        actix_web::rt::spawn(async move {
            if let Some(placed) = placed {
                if let Err(error) = second.put(&placed, &primary).await {
                    tracing::debug!(%error, "the shared cache's second level could not keep a response");
                }
            }
            if let Some(key) = lock {
                let _ = second.store.unlock(second.build_id, &key).await;
            }
        });
    }

    async fn put(&self, placed: &Placed, primary: &str) -> Result<(), StoreError> {
        // A header that is not text keeps the response in this instance only.
        let Some((value, ttl)) = placed.stored.encode() else {
            return Ok(());
        };
        let (build_id, page) = (self.build_id, &self.page);
        if !placed.vary.is_empty() {
            let varies = encode_varies(&placed.vary);
            self.store.put(build_id, page, primary, varies, ttl).await?;
        }
        self.store
            .put(build_id, page, &placed.key, value, ttl)
            .await
    }
}
