//! Run-time settings of a site, for `pages::configure_with`.

use std::sync::Arc;
use std::time::Duration;

use crate::shared_cache::ResponseStore;
use crate::ssg::{PageStore, State};

/// How a site runs. `pages::configure` uses [`Settings::from_env`]; pass your own to
/// `pages::configure_with` to choose in code (tests can run dev and production side by
/// side without touching the process environment).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Settings {
    /// Dev mode shows error details in the browser; production never does.
    pub dev: bool,
    pub(crate) preview_secret: Option<PreviewSecret>,
    pub(crate) shared_cache_bytes: Option<u64>,
    pub(crate) props_timeout: Duration,
    pub(crate) compress: bool,
    /// App state for props functions, static props functions and handlers.
    pub(crate) state: State,
    /// Where generated pages persist beyond memory.
    pub(crate) page_store: Option<StoreHandle<dyn PageStore>>,
    /// The shared cache's second level, shared by every instance.
    pub(crate) response_store: Option<StoreHandle<dyn ResponseStore>>,
}

/// A store, compared by identity.
pub(crate) struct StoreHandle<T: ?Sized>(pub Arc<T>);

impl<T: ?Sized> Clone for StoreHandle<T> {
    fn clone(&self) -> Self {
        StoreHandle(Arc::clone(&self.0))
    }
}

impl<T: ?Sized> PartialEq for StoreHandle<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: ?Sized> Eq for StoreHandle<T> {}

impl<T: ?Sized> std::fmt::Debug for StoreHandle<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Store")
    }
}

/// The environment variable [`Settings::from_env`] reads the preview secret from.
pub const PREVIEW_SECRET_ENV: &str = "NEXT_PREVIEW_SECRET";

/// The environment variable that chooses dev mode (`1`/`true`) or production (`0`/`false`).
pub const DEV_ENV: &str = next_conventions::dev::MODE_ENV;

/// How long a props function may run by default before the request is answered 504.
pub const DEFAULT_PROPS_TIMEOUT: Duration = Duration::from_secs(30);

/// Why the environment does not describe a site that can start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SettingsError {
    /// `NEXT_DEV` is neither a dev nor a production value.
    #[error("{DEV_ENV}={0:?} is not a mode: use 1 or true for dev mode, 0 or false for production (any case), or leave it unset to follow the build profile")]
    DevMode(String),
    /// `NEXT_PREVIEW_SECRET` is too short.
    #[error("{PREVIEW_SECRET_ENV}: {0}")]
    PreviewSecret(#[from] SecretTooShort),
    /// `REDIS_URL` is no Redis URL, or this build has no Redis support.
    #[error("{REDIS_URL_ENV}: {0}")]
    Redis(String),
}

/// The environment variable [`Settings::from_env`] reads the Redis URL from: generated
/// pages are then shared by every instance (feature `redis`).
pub const REDIS_URL_ENV: &str = "REDIS_URL";

impl Settings {
    /// Dev mode follows the build profile (a debug build is dev, a release build is
    /// production, as Rocket does); `NEXT_DEV=1` or `NEXT_DEV=0` overrides it. The
    /// draft-mode secret comes from `NEXT_PREVIEW_SECRET`. No shared cache.
    ///
    /// A value that makes no sense (`NEXT_DEV=maybe`, a preview secret under 32 bytes)
    /// stops the process with a message naming the variable: a server never starts in a
    /// mode nobody chose. Use [`Settings::try_from_env`] to handle the error yourself.
    pub fn from_env() -> Self {
        Self::try_from_env().unwrap_or_else(|error| {
            tracing::error!("{error}");
            eprintln!("next-runtime: cannot start: {error}");
            std::process::exit(2)
        })
    }

    /// [`Settings::from_env`], returning what is wrong instead of exiting.
    pub fn try_from_env() -> Result<Self, SettingsError> {
        let var = |name| std::env::var(name).ok();
        let preview_secret = var(PREVIEW_SECRET_ENV)
            .map(PreviewSecret::new)
            .transpose()?;
        let settings = Settings {
            dev: dev_mode(var(DEV_ENV).as_deref())?,
            preview_secret,
            shared_cache_bytes: None,
            props_timeout: DEFAULT_PROPS_TIMEOUT,
            compress: true,
            state: State::default(),
            page_store: None,
            response_store: None,
        };
        match var(REDIS_URL_ENV).filter(|url| !url.is_empty()) {
            Some(url) => settings.redis(&url),
            None => Ok(settings),
        }
    }

    /// Sets dev mode on or off.
    pub fn dev(mut self, dev: bool) -> Self {
        self.dev = dev;
        self
    }

    /// The secret that signs and encrypts the draft-mode cookies. Give every instance of
    /// the app the same one; without it, each process makes a random one at start-up.
    pub fn preview_secret(mut self, secret: PreviewSecret) -> Self {
        self.preview_secret = Some(secret);
        self
    }

    /// Turns on the shared response cache, holding at most `bytes` of responses: pages
    /// that answer `Cache-Control: public, s-maxage=N` are then served from memory for N
    /// seconds. Off by default; see the guide's caching chapter.
    pub fn shared_cache(mut self, bytes: u64) -> Self {
        self.shared_cache_bytes = Some(bytes);
        self
    }

    /// How long a props function (with its page render) may run before the request is
    /// answered `504 Gateway Timeout` with the 500 page, and how long a request waits for
    /// another one rendering the same cached page. 30 seconds by default.
    pub fn props_timeout(mut self, timeout: Duration) -> Self {
        self.props_timeout = timeout;
        self
    }

    /// Whether responses are compressed (gzip or brotli, as the request accepts), as
    /// Next's `compress: true`. On by default; turn it off when a proxy in front
    /// compresses.
    pub fn compress(mut self, compress: bool) -> Self {
        self.compress = compress;
        self
    }

    /// App state: registered as the app's data (`App::app_data`) for props functions, API
    /// routes and handlers, and given to `#[get_static_props]` and `#[get_static_paths]`
    /// functions, which run without a request and take it as `web::Data<T>`. A second
    /// value of the same type replaces the first.
    pub fn state<T: Send + Sync + 'static>(mut self, data: actix_web::web::Data<T>) -> Self {
        self.state.insert(data);
        self
    }

    /// Shares generated pages, and the shared cache's responses, with every instance of
    /// the app through Redis at `url` (`redis://127.0.0.1:6379/0`): a page generated (or a
    /// response cached) by one instance is served by all, one instance generates each path
    /// (or renders each cache key) at a time, and a page revalidated on one is dropped
    /// from the others' memory. The shared cache itself stays opt-in
    /// ([`Settings::shared_cache`]); Redis is its second level, behind each instance's
    /// memory. [`Settings::from_env`] reads `REDIS_URL`. Needs next-runtime's `redis`
    /// feature; the URL is checked now, the connection made on first use.
    pub fn redis(self, url: &str) -> Result<Self, SettingsError> {
        #[cfg(feature = "redis")]
        {
            let store = crate::redis::RedisStore::new(url)
                .map_err(|error| SettingsError::Redis(error.to_string()))?;
            if self.preview_secret.is_none() {
                let warning = "next-runtime: Redis is set but no preview secret: each instance makes its own, so a draft-mode cookie set by one is refused by the others; set NEXT_PREVIEW_SECRET on every instance";
                if tracing::dispatcher::has_been_set() {
                    tracing::warn!("{warning}");
                } else {
                    eprintln!("{warning}");
                }
            }
            let mut settings = self.page_store(store.clone());
            settings.response_store = Some(StoreHandle(Arc::new(store)));
            Ok(settings)
        }
        #[cfg(not(feature = "redis"))]
        {
            let _ = self;
            Err(SettingsError::Redis(format!(
                "{url:?} is set, but next-runtime was built without its `redis` feature: add `features = [\"redis\"]` to its dependency"
            )))
        }
    }

    /// Keeps generated pages in `store` as well as in memory, so that a restart serves
    /// them at once: `Settings::from_env().page_store(FsStore::new(".next-pages"))`.
    /// Without one, generated pages live in the process's memory only.
    pub fn page_store(mut self, store: impl PageStore) -> Self {
        self.page_store = Some(StoreHandle(Arc::new(store)));
        self
    }
}

/// A secret for the draft-mode cookies: at least 32 bytes, such as the output of
/// `openssl rand -hex 32`. Its `Debug` output hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct PreviewSecret(std::sync::Arc<[u8]>);

/// Why a preview secret was refused.
#[derive(Debug, thiserror::Error)]
#[error(
    "the preview secret is {0} bytes; it needs at least 32 (make one with `openssl rand -hex 32`)"
)]
pub struct SecretTooShort(usize);

impl PreviewSecret {
    /// The secret, if it has at least 32 bytes.
    pub fn new(secret: impl Into<Vec<u8>>) -> Result<Self, SecretTooShort> {
        let secret = secret.into();
        match secret.len() {
            len if len < 32 => Err(SecretTooShort(len)),
            _ => Ok(PreviewSecret(secret.into())),
        }
    }

    pub(crate) fn master_key(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for PreviewSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PreviewSecret(..)")
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self::from_env()
    }
}

/// `NEXT_DEV`'s meaning: unset follows the build profile; anything but 1/true/0/false (any
/// case) is an error.
fn dev_mode(next_dev: Option<&str>) -> Result<bool, SettingsError> {
    let Some(value) = next_dev else {
        return Ok(cfg!(debug_assertions));
    };
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(SettingsError::DevMode(value.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_dev_overrides_the_build_profile() {
        for (value, dev) in [("1", true), ("true", true), ("TRUE", true), ("True", true)] {
            assert!(dev_mode(Some(value)).unwrap() == dev, "{value}");
        }
        for value in ["0", "false", "FALSE", "False"] {
            assert!(!dev_mode(Some(value)).unwrap(), "{value}");
        }
        assert_eq!(dev_mode(None).unwrap(), cfg!(debug_assertions));
        for value in ["maybe", "", "yes", "2", " 1"] {
            let error = dev_mode(Some(value)).unwrap_err().to_string();
            assert_eq!(error, format!("NEXT_DEV={value:?} is not a mode: use 1 or true for dev mode, 0 or false for production (any case), or leave it unset to follow the build profile"));
        }
    }

    #[test]
    fn preview_secrets_are_long_and_hidden() {
        let error = PreviewSecret::new("short").unwrap_err();
        assert_eq!(error.to_string(), "the preview secret is 5 bytes; it needs at least 32 (make one with `openssl rand -hex 32`)");
        let secret = PreviewSecret::new("0123456789abcdef0123456789abcdef").unwrap();
        assert_eq!(format!("{secret:?}"), "PreviewSecret(..)");
    }
}
