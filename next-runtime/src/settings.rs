//! Run-time settings of a site, for `pages::configure_with`.

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
}

/// The environment variable [`Settings::from_env`] reads the preview secret from.
pub const PREVIEW_SECRET_ENV: &str = "NEXT_PREVIEW_SECRET";

impl Settings {
    /// Dev mode follows the build profile (a debug build is dev, a release build is
    /// production, as Rocket does); `NEXT_DEV=1` or `NEXT_DEV=0` overrides it. The
    /// draft-mode secret comes from `NEXT_PREVIEW_SECRET`. No shared cache.
    pub fn from_env() -> Self {
        let preview_secret = std::env::var(PREVIEW_SECRET_ENV).ok().and_then(|secret| {
            PreviewSecret::new(secret)
                .map_err(|error| tracing::error!("{PREVIEW_SECRET_ENV}: {error}"))
                .ok()
        });
        Settings {
            dev: dev_mode(std::env::var("NEXT_DEV").ok().as_deref()),
            preview_secret,
            shared_cache_bytes: None,
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

/// `NEXT_DEV`'s meaning; anything else (or nothing) follows the build profile.
fn dev_mode(next_dev: Option<&str>) -> bool {
    match next_dev {
        Some("1" | "true") => true,
        Some("0" | "false") => false,
        _ => cfg!(debug_assertions),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_dev_overrides_the_build_profile() {
        assert!(dev_mode(Some("1")));
        assert!(dev_mode(Some("true")));
        assert!(!dev_mode(Some("0")));
        assert!(!dev_mode(Some("false")));
        assert_eq!(dev_mode(None), cfg!(debug_assertions));
        assert_eq!(dev_mode(Some("maybe")), cfg!(debug_assertions));
        assert!(!Settings::from_env().dev(false).dev);
    }

    #[test]
    fn preview_secrets_are_long_and_hidden() {
        let error = PreviewSecret::new("short").unwrap_err();
        assert_eq!(error.to_string(), "the preview secret is 5 bytes; it needs at least 32 (make one with `openssl rand -hex 32`)");
        let secret = PreviewSecret::new("0123456789abcdef0123456789abcdef").unwrap();
        assert_eq!(format!("{secret:?}"), "PreviewSecret(..)");
    }
}
