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
        Settings {
            dev: dev_mode(std::env::var("NEXT_DEV").ok().as_deref()),
        }
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
}
