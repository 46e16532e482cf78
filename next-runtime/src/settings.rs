//! Run-time settings of a site, for `pages::configure_with`.

/// How a site runs. `pages::configure` uses [`Settings::from_env`]; pass your own to
/// `pages::configure_with` to choose in code (tests can run dev and production side by
/// side without touching the process environment).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Settings {
    /// Dev mode shows error details in the browser; production never does.
    pub dev: bool,
}

impl Settings {
    /// Dev mode follows the build profile (a debug build is dev, a release build is
    /// production, as Rocket does); `NEXT_DEV=1` or `NEXT_DEV=0` overrides it.
    pub fn from_env() -> Self {
        let dev = match std::env::var("NEXT_DEV").as_deref() {
            Ok("1") | Ok("true") => true,
            Ok("0") | Ok("false") => false,
            _ => cfg!(debug_assertions),
        };
        Settings { dev }
    }

    /// Sets dev mode on or off.
    pub fn dev(mut self, dev: bool) -> Self {
        self.dev = dev;
        self
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self::from_env()
    }
}
