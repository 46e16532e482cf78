//! What `build.rs` configures beyond the pages themselves: the app's locales (Next.js's
//! `i18n` block of `next.config.js`). A misspelt option is a compile error of `build.rs`;
//! a bad value is a build error that says what to write instead.

use std::path::PathBuf;

use super::error::{BuildError, BuildErrors};
use super::public::PublicMode;
use super::rules::{Headers, Redirect, Rewrite, UrlRules};

/// The build configuration: `next_runtime::build::Config::new()`, then
/// [`Config::generate_routes`].
///
/// In `build.rs`'s `main`:
///
/// ```no_run
/// next_runtime::build::Config::new()
///     .locales(["en-US", "fr", "nl-NL"])
///     .default_locale("en-US")
///     .generate_routes();
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    locales: Vec<String>,
    default_locale: Option<String>,
    locale_detection: bool,
    public_mode: Option<PublicMode>,
    rules: UrlRules,
    trailing_slash: bool,
    base_path: String,
}

/// What the generated code carries of the configuration, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteConfig {
    /// The locales, if any.
    pub i18n: Option<I18nConfig>,
    /// The redirects, rewrites and header rules.
    pub rules: UrlRules,
    /// Pages at `/about/` rather than `/about`.
    pub trailing_slash: bool,
    /// The path the app is mounted under (`/shop`), or empty.
    pub base_path: String,
}

/// A validated locale configuration, as the generated code carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct I18nConfig {
    /// The locales, as configured (`.locales(..)`).
    pub locales: Vec<String>,
    /// The locale of paths without a locale prefix.
    pub default_locale: String,
    /// Whether `/` redirects to the visitor's preferred locale.
    pub locale_detection: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            locales: Vec::new(),
            default_locale: None,
            locale_detection: true,
            public_mode: None,
            rules: UrlRules::default(),
            trailing_slash: false,
            base_path: String::new(),
        }
    }
}

impl Config {
    /// No locales: the app is not internationalized.
    pub fn new() -> Self {
        Config::default()
    }

    /// The locales the app supports (`i18n.locales`), spelled as URLs and `ctx.locale`
    /// show them: `["en-US", "fr"]`.
    pub fn locales<I, S>(mut self, locales: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.locales = locales.into_iter().map(Into::into).collect();
        self
    }

    /// The locale of paths without a locale prefix (`i18n.defaultLocale`); one of
    /// [`Config::locales`].
    pub fn default_locale(mut self, locale: impl Into<String>) -> Self {
        self.default_locale = Some(locale.into());
        self
    }

    /// Whether `/` redirects to the visitor's preferred locale (from the `NEXT_LOCALE`
    /// cookie, then `Accept-Language`). On by default, as in Next.js.
    pub fn locale_detection(mut self, detect: bool) -> Self {
        self.locale_detection = detect;
        self
    }

    /// The locale configuration, checked: `Ok(None)` when no locales are configured.
    pub fn i18n(&self) -> Result<Option<I18nConfig>, BuildErrors> {
        let mut errors = Vec::new();
        for (i, locale) in self.locales.iter().enumerate() {
            if let Some(reason) = invalid_locale(locale) {
                errors.push(BuildError::InvalidLocale {
                    locale: locale.clone(),
                    reason,
                });
            }
            if let Some(first) = self.locales[..i]
                .iter()
                .find(|earlier| earlier.eq_ignore_ascii_case(locale))
            {
                errors.push(BuildError::DuplicateLocale {
                    first: first.clone(),
                    second: locale.clone(),
                });
            }
        }
        let i18n = match (&self.default_locale, self.locales.is_empty()) {
            (None, true) => None,
            (None, false) => {
                errors.push(BuildError::MissingDefaultLocale {
                    locales: self.locales.clone(),
                });
                None
            }
            (Some(default), true) => {
                errors.push(BuildError::DefaultLocaleWithoutLocales {
                    default: default.clone(),
                });
                None
            }
            (Some(default), false) if !self.locales.contains(default) => {
                errors.push(BuildError::UnknownDefaultLocale {
                    default: default.clone(),
                    locales: self.locales.clone(),
                    suggestion: self
                        .locales
                        .iter()
                        .find(|locale| locale.eq_ignore_ascii_case(default))
                        .cloned(),
                });
                None
            }
            (Some(default), false) => Some(I18nConfig {
                locales: self.locales.clone(),
                default_locale: default.clone(),
                locale_detection: self.locale_detection,
            }),
        };
        match errors.is_empty() {
            true => Ok(i18n),
            false => Err(BuildErrors(errors)),
        }
    }

    /// A redirect rule (Next's `redirects`); rules are tried in the order added.
    pub fn redirect(mut self, redirect: Redirect) -> Self {
        self.rules.redirects.push(redirect);
        self
    }

    /// A rewrite rule (Next's `rewrites`), in its phase; in the order added within it.
    pub fn rewrite(mut self, rewrite: Rewrite) -> Self {
        self.rules.rewrites.push(rewrite);
        self
    }

    /// A header rule (Next's `headers`).
    pub fn headers(mut self, headers: Headers) -> Self {
        self.rules.headers.push(headers);
        self
    }

    /// `true`: pages are served at `/about/`, and `/about` redirects there (308); files
    /// and data routes keep no trailing slash. `false` (the default) is the other way round.
    pub fn trailing_slash(mut self, on: bool) -> Self {
        self.trailing_slash = on;
        self
    }

    /// The path the app lives under (Next's `basePath`), for an app behind a proxy at
    /// `https://example.com/shop`: `.base_path("/shop")`. Every page, data route, public
    /// file and asset is served under it, `link()` and `asset!` write it, redirects add
    /// it, and anything outside it is 404.
    pub fn base_path(mut self, base_path: impl Into<String>) -> Self {
        self.base_path = base_path.into();
        self
    }

    /// Everything the generated code carries, checked: every problem at once.
    pub fn site(&self) -> Result<SiteConfig, BuildErrors> {
        let mut errors = Vec::new();
        let i18n = match self.i18n() {
            Ok(i18n) => i18n,
            Err(BuildErrors(found)) => {
                errors.extend(found);
                None
            }
        };
        errors.extend(self.rules.check());
        if let Some(reason) = next_conventions::public::invalid_base_path(&self.base_path) {
            errors.push(BuildError::InvalidBasePath(reason));
        }
        match errors.is_empty() {
            true => Ok(SiteConfig {
                i18n,
                rules: self.rules.clone(),
                trailing_slash: self.trailing_slash,
                base_path: self.base_path.clone(),
            }),
            false => Err(BuildErrors(errors)),
        }
    }

    /// How `public/` is served: embedded in the binary, or read from disk at each request.
    /// Without this, `NEXT_PUBLIC_FILES=embed|disk` decides, else the profile: a release
    /// build embeds, a debug build reads from disk.
    pub fn public_files(mut self, mode: PublicMode) -> Self {
        self.public_mode = Some(mode);
        self
    }

    /// Generates the route table into `OUT_DIR`; on any problem, prints every one and
    /// fails the build (without a panic).
    pub fn generate_routes(self) {
        if let Err(errors) = self.try_generate_routes() {
            eprintln!("error: the pages under src/pages/ and the files under public/ cannot be served\n\n{errors}\n");
            std::process::exit(1);
        }
    }

    /// [`Config::generate_routes`], returning the problems instead of exiting. Returns
    /// the path of the generated file.
    pub fn try_generate_routes(self) -> Result<PathBuf, BuildErrors> {
        let site = self.site()?;
        super::generate_into_out_dir(&site, self.public_mode)
    }
}

/// Why a locale cannot be used as a path segment, if it cannot.
fn invalid_locale(locale: &str) -> Option<&'static str> {
    if locale.is_empty() {
        Some("a locale cannot be empty")
    } else if !locale
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Some("use letters, digits and `-` only, as in `en-US`")
    } else if matches!(locale.to_ascii_lowercase().as_str(), "api" | "_next") {
        Some("it would hide the paths under it (`/api`, `/_next`)")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(config: Config) -> Vec<String> {
        config
            .i18n()
            .expect_err("must be refused")
            .0
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_valid_config_keeps_the_spelling() {
        let config = Config::new()
            .locales(["en-US", "fr"])
            .default_locale("en-US")
            .locale_detection(false);
        assert_eq!(
            config.i18n().unwrap(),
            Some(I18nConfig {
                locales: vec!["en-US".into(), "fr".into()],
                default_locale: "en-US".into(),
                locale_detection: false,
            })
        );
        assert_eq!(Config::new().i18n().unwrap(), None);
    }

    #[test]
    fn typos_are_explained() {
        let config = Config::new()
            .locales(["en-US", "fr"])
            .default_locale("en-us");
        assert_eq!(
            messages(config),
            ["i18n: the default locale \"en-us\" is not one of the locales [\"en-US\", \"fr\"]; did you mean \"en-US\"?"]
        );
        let config = Config::new().locales(["en-US", "fr", "FR", "fr/CA"]);
        let errors = messages(config);
        assert!(errors[0].contains("\"FR\" is listed twice"), "{errors:?}");
        assert!(errors[1].contains("\"fr/CA\" cannot be used"), "{errors:?}");
        assert!(errors[2].contains("no default locale"), "{errors:?}");
        let errors = messages(Config::new().default_locale("en"));
        assert!(errors[0].contains("no locales"), "{errors:?}");
    }
}
