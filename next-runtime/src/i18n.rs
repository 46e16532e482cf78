//! Locales (Next.js's `i18n` routing): the locale of a request path, the redirect of `/` to
//! the visitor's preferred locale, and links that stay in the locale being rendered.

use std::borrow::Cow;
use std::cell::Cell;

use actix_web::HttpRequest;

/// The cookie that pins a visitor's locale (Next.js's name).
pub const LOCALE_COOKIE: &str = "NEXT_LOCALE";

/// An app's locales, from `build.rs` (`next_runtime::build::Config::locales`).
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    locales: &'static [&'static str],
    default_locale: &'static str,
    locale_detection: bool,
}

/// The locale a page is rendered in, with the app's configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LocaleInfo {
    pub locale: &'static str,
    pub locales: &'static [&'static str],
    pub default_locale: &'static str,
}

impl I18n {
    pub const fn new(
        locales: &'static [&'static str],
        default_locale: &'static str,
        locale_detection: bool,
    ) -> Self {
        I18n {
            locales,
            default_locale,
            locale_detection,
        }
    }

    pub fn locales(&self) -> &'static [&'static str] {
        self.locales
    }

    pub fn default_locale(&self) -> &'static str {
        self.default_locale
    }

    pub(crate) fn info(&self, locale: &'static str) -> LocaleInfo {
        LocaleInfo {
            locale,
            locales: self.locales,
            default_locale: self.default_locale,
        }
    }

    /// The configured spelling of `name`, matched case-insensitively.
    pub(crate) fn find(&self, name: &str) -> Option<&'static str> {
        self.locales
            .iter()
            .copied()
            .find(|locale| locale.eq_ignore_ascii_case(name))
    }

    /// The locale a path starts with (Next's `normalizeLocalePath`), with the length of
    /// that prefix: `/FR/posts/1` is `fr` and 3.
    pub(crate) fn path_locale(&self, path: &str) -> Option<(&'static str, usize)> {
        let rest = path.strip_prefix('/')?;
        let first = rest.split('/').next().unwrap_or_default();
        Some((self.find(first)?, first.len() + 1))
    }

    /// Where `/` sends a visitor whose preferred locale is not the default one
    /// (`getLocaleRedirect`): `/fr`, keeping the query. `None` without detection, or when
    /// the preferred locale is the default.
    pub(crate) fn root_redirect(&self, req: &HttpRequest) -> Option<String> {
        if !self.locale_detection {
            return None;
        }
        let preferred = req
            .cookie(LOCALE_COOKIE)
            .and_then(|cookie| self.find(cookie.value()))
            .or_else(|| {
                let header = req
                    .headers()
                    .get(actix_web::http::header::ACCEPT_LANGUAGE)?;
                accept_language(header.to_str().ok()?, self.locales)
            })?;
        if preferred.eq_ignore_ascii_case(self.default_locale) {
            return None;
        }
        Some(match req.query_string() {
            "" => format!("/{preferred}"),
            query => format!("/{preferred}?{query}"),
        })
    }
}

/// The supported locale an `Accept-Language` header prefers, as Next.js picks it: by
/// q-value, then by the order of `locales` on a tie, then by header order. A header entry
/// also matches a locale it is a prefix of (`en` matches `en-US`); `*` matches any locale
/// the header does not name; `q=0` rules an entry out. A malformed header prefers nothing.
pub(crate) fn accept_language(
    header: &str,
    locales: &'static [&'static str],
) -> Option<&'static str> {
    // Every name a locale answers to, with its rank: `en-us` (0), then its prefix `en` (1).
    let mut names: Vec<(String, &'static str)> = Vec::new();
    for locale in locales {
        let lower = locale.to_ascii_lowercase();
        let mut prefixes: Vec<String> = Vec::new();
        let mut prefix = lower.as_str();
        while let Some(dash) = prefix.rfind('-') {
            prefix = &prefix[..dash];
            prefixes.push(prefix.to_owned());
        }
        names.push((lower, locale));
        for prefix in prefixes {
            if !names.iter().any(|(name, _)| *name == prefix) {
                names.push((prefix, locale));
            }
        }
    }
    let rank = |token: &str| names.iter().position(|(name, _)| name == token);

    struct Entry {
        token: String,
        q: f64,
        rank: Option<usize>,
        position: usize,
    }
    let mut entries = Vec::new();
    let mut named = Vec::new();
    let header: String = header
        .chars()
        .filter(|c| !matches!(c, ' ' | '\t'))
        .collect();
    for (position, part) in header.split(',').enumerate() {
        if part.is_empty() {
            continue;
        }
        let mut params = part.split(';');
        let token = params.next().unwrap_or_default().to_ascii_lowercase();
        if token.is_empty() {
            return None;
        }
        named.push(token.clone());
        let mut q = 1.0;
        if let Some(param) = params.next() {
            let (key, value) = param.split_once('=')?;
            if !key.eq_ignore_ascii_case("q") || value.is_empty() {
                return None;
            }
            let score: f64 = value.parse().ok()?;
            if score == 0.0 {
                continue;
            }
            if (0.001..=1.0).contains(&score) {
                q = score;
            }
        }
        if params.next().is_some() {
            return None;
        }
        entries.push(Entry {
            rank: rank(&token),
            token,
            q,
            position,
        });
    }
    entries.sort_by(|a, b| {
        b.q.total_cmp(&a.q)
            .then_with(|| match (a.rank, b.rank) {
                (Some(a), Some(b)) => a.cmp(&b),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then(a.position.cmp(&b.position))
    });
    entries.iter().find_map(|entry| {
        if entry.token == "*" {
            names
                .iter()
                .find(|(name, _)| !named.contains(name))
                .map(|(_, locale)| *locale)
        } else {
            rank(&entry.token).map(|i| names[i].1)
        }
    })
}

/// What `link()` writes hrefs for: the locale of the page being rendered, and the app's
/// base path.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Rendering {
    pub locale: Option<LocaleInfo>,
    /// `/shop`, or empty.
    pub base_path: &'static str,
    /// `trailingSlash: true`: page links end with `/`.
    pub trailing_slash: bool,
}

thread_local! {
    /// The page being rendered on this thread: rendering is synchronous, so `link()` can
    /// follow it without threading it through every component.
    static RENDERING: Cell<Rendering> = const {
        Cell::new(Rendering {
            locale: None,
            base_path: "",
            trailing_slash: false,
        })
    };
}

/// Runs a render with `rendering` as what `link()` writes hrefs for.
pub(crate) fn render_in<R>(rendering: Rendering, render: impl FnOnce() -> R) -> R {
    struct Restore(Rendering);
    impl Drop for Restore {
        fn drop(&mut self) {
            RENDERING.with(|current| current.set(self.0));
        }
    }
    let _restore = Restore(RENDERING.with(|current| current.replace(rendering)));
    render()
}

/// The locale of the page being rendered (Next's `useRouter().locale`): for a page function
/// or `_app.rs`, which have no context, static pages included (they are rendered once per
/// locale). `None` outside a render, or in an app without locales.
pub fn rendering_locale() -> Option<&'static str> {
    RENDERING.with(Cell::get).locale.map(|info| info.locale)
}

/// `href` in the locale being rendered, as Next's `<Link>` writes it (`addLocale`): a
/// local path gains the locale's prefix unless the locale is the default one, the path
/// already has it, or it is an API route.
pub(crate) fn localized(href: &str) -> Cow<'_, str> {
    let rendering = RENDERING.with(Cell::get);
    let href = match rendering.locale {
        Some(info) if info.locale != info.default_locale => with_prefix(href, info.locale),
        _ => Cow::Borrowed(href),
    };
    placed(href, rendering)
}

/// `href` into `locale`, under the base path being rendered: a locale switcher's link.
pub(crate) fn in_locale<'h>(href: &'h str, locale: &str) -> Cow<'h, str> {
    placed(with_prefix(href, locale), RENDERING.with(Cell::get))
}

/// A local href with the trailing slash the app serves pages at, under its base path.
fn placed(href: Cow<'_, str>, rendering: Rendering) -> Cow<'_, str> {
    let href = match rendering.trailing_slash {
        true => with_trailing_slash(href),
        false => href,
    };
    under_base_path(href, rendering.base_path)
}

/// `/about?x` as `/about/?x` for `trailingSlash: true`, so a link costs no redirect; a
/// file name (`/a.css`) and `/` keep theirs.
fn with_trailing_slash(href: Cow<'_, str>) -> Cow<'_, str> {
    let local = is_local(&href);
    let end = href.find(['?', '#']).unwrap_or(href.len());
    let path = &href[..end];
    if !local || path.ends_with('/') || !crate::router::slash_wanted(path, false) {
        return href;
    }
    Cow::Owned(format!("{path}/{}", &href[end..]))
}

/// A local path under the app's base path (Next's `addBasePath`): `/about` is
/// `/shop/about`, `/` is `/shop`.
pub(crate) fn under_base_path<'h>(href: Cow<'h, str>, base_path: &str) -> Cow<'h, str> {
    if base_path.is_empty() || !is_local(&href) {
        return href;
    }
    Cow::Owned(in_front(base_path, &href))
}

/// Whether `href` is a path of this site (`/x`, not `//host/x` or `https:`).
fn is_local(href: &str) -> bool {
    href.starts_with('/') && !href.starts_with("//")
}

/// A local `href` with `prefix` in front; `/` and `/?q` become `{prefix}` and
/// `{prefix}?q`: a prefix's root has no trailing slash.
fn in_front(prefix: impl std::fmt::Display, href: &str) -> String {
    let rest = &href[1..];
    match rest.is_empty() || rest.starts_with(['?', '#']) {
        true => format!("{prefix}{rest}"),
        false => format!("{prefix}{href}"),
    }
}

/// `href` with `/{locale}` in front, if it is a local path without that prefix already.
pub(crate) fn with_prefix<'h>(href: &'h str, locale: &str) -> Cow<'h, str> {
    let lower = href.to_ascii_lowercase();
    let has_prefix = |prefix: &str| {
        lower
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
    };
    if !is_local(href)
        || has_prefix(&format!("/{}", locale.to_ascii_lowercase()))
        || has_prefix("/api")
    {
        return Cow::Borrowed(href);
    }
    Cow::Owned(in_front(format_args!("/{locale}"), href))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCALES: &[&str] = &["en-US", "fr", "nl-NL"];
    const I18N: I18n = I18n::new(LOCALES, "en-US", true);

    #[test]
    fn path_locale_is_case_insensitive_with_the_configured_spelling() {
        assert_eq!(I18N.path_locale("/FR/posts/1"), Some(("fr", 3)));
        assert_eq!(I18N.path_locale("/nl-nl"), Some(("nl-NL", 6)));
        assert_eq!(I18N.path_locale("/eN-Us/x"), Some(("en-US", 6)));
        assert_eq!(I18N.path_locale("/posts/1"), None);
        assert_eq!(I18N.path_locale("/"), None);
        assert_eq!(I18N.path_locale("/french"), None);
    }

    #[test]
    fn accept_language_follows_q_values_and_prefixes() {
        let best = |header| accept_language(header, LOCALES);
        assert_eq!(best("fr"), Some("fr"));
        assert_eq!(best("de, fr;q=0.5, nl-NL;q=0.8"), Some("nl-NL"));
        assert_eq!(best("en"), Some("en-US"), "a prefix of a locale matches it");
        assert_eq!(best("nl"), Some("nl-NL"));
        assert_eq!(
            best("fr-CH"),
            None,
            "a longer tag does not match a shorter locale"
        );
        assert_eq!(best("fr-CH, fr;q=0.9, en;q=0.8"), Some("fr"));
        assert_eq!(best("fr;q=0, en;q=0.1"), Some("en-US"), "q=0 rules fr out");
        assert_eq!(
            best("de, *;q=0.5"),
            Some("en-US"),
            "* takes the first unnamed locale"
        );
        assert_eq!(best("en-US;q=0.5, en;q=0.5, *"), Some("fr"));
        assert_eq!(best("fr, nl-NL"), Some("fr"), "same q: locale order");
        assert_eq!(
            best("nl-NL, fr"),
            Some("fr"),
            "same q: locale order, then header"
        );
        assert_eq!(best("fr;x=1"), None, "malformed");
        assert_eq!(best("fr;q=0.5;q=1"), None, "malformed");
        assert_eq!(best(""), None);
    }

    #[test]
    fn links_follow_the_locale_being_rendered() {
        assert_eq!(localized("/posts/1"), "/posts/1");
        let fr = Some(I18N.info("fr"));
        render_in(
            Rendering {
                locale: fr,
                ..Rendering::default()
            },
            || {
                assert_eq!(localized("/posts/1"), "/fr/posts/1");
                assert_eq!(localized("/"), "/fr");
                assert_eq!(localized("/?a=1"), "/fr?a=1");
                assert_eq!(localized("/FR/x"), "/FR/x");
                assert_eq!(localized("/france"), "/fr/france");
                assert_eq!(localized("/api/hello"), "/api/hello");
                assert_eq!(localized("https://example.com/"), "https://example.com/");
                assert_eq!(localized("//example.com/"), "//example.com/");
                assert_eq!(localized("#top"), "#top");
            },
        );
        render_in(
            Rendering {
                locale: Some(I18N.info("en-US")),
                ..Rendering::default()
            },
            || {
                assert_eq!(localized("/posts/1"), "/posts/1");
                assert_eq!(rendering_locale(), Some("en-US"));
            },
        );
        assert_eq!(rendering_locale(), None);
        assert_eq!(
            localized("/posts/1"),
            "/posts/1",
            "restored after the render"
        );
    }

    #[test]
    fn links_go_under_the_base_path_with_the_trailing_slash() {
        let shop = Rendering {
            locale: Some(I18N.info("fr")),
            base_path: "/shop",
            trailing_slash: true,
        };
        render_in(shop, || {
            assert_eq!(localized("/posts/1?x#y"), "/shop/fr/posts/1/?x#y");
            assert_eq!(localized("/"), "/shop/fr/");
            assert_eq!(localized("/styles/a.css"), "/shop/fr/styles/a.css");
            assert_eq!(in_locale("/", "en-US"), "/shop/en-US/");
            assert_eq!(localized("https://example.com/a"), "https://example.com/a");
        });
        let plain = Rendering {
            base_path: "/shop",
            ..Rendering::default()
        };
        render_in(plain, || {
            assert_eq!(localized("/"), "/shop");
            assert_eq!(localized("/?q=1"), "/shop?q=1");
            assert_eq!(localized("/about/"), "/shop/about/");
        });
    }
}
