//! Draft mode and preview mode: the `__prerender_bypass` and `__next_preview_data` cookies,
//! set from an API route with [`DraftMode`] and read on every page with a props function,
//! in the order of Next's `tryGetPreviewData`.
//!
//! The bypass cookie is signed (HMAC-SHA256) and carries its expiry; the data cookie is
//! encrypted and authenticated (AES-256-GCM), both by the `cookie` crate, with keys derived
//! from the app's preview secret.

use std::rc::Rc;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::cookie::{time, Cookie, CookieJar, Key, SameSite};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponseBuilder};
use futures_util::future::{ready, Ready};
use serde::Serialize;

use crate::settings::PreviewSecret;
use crate::Error;

/// Next.js's cookie names.
pub const BYPASS_COOKIE: &str = "__prerender_bypass";
/// The cookie holding the sealed preview data (Next's name).
pub const DATA_COOKIE: &str = "__next_preview_data";

/// Next.js's limit on the preview-data cookie.
const MAX_DATA_COOKIE: usize = 2048;

/// How long draft mode lasts when it is enabled without a `max_age`: the bypass cookie
/// lives for the browser session, but the expiry signed into it is checked by the server,
/// so a copied cookie stops working after this.
pub const DRAFT_MODE_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// The HKDF label the cookie keys are derived under: another use of the same secret
/// (another library, another purpose) derives other keys.
const KEY_LABEL: &[u8] =
    b"next-runtime 1 draft-mode cookies (HMAC-SHA256 bypass, AES-256-GCM data)";

/// The keys of one app, and whether it runs in dev mode (cookie attributes differ).
pub(crate) struct PreviewKeys {
    key: Key,
    dev: bool,
}

/// What a request's preview cookies say.
#[derive(Debug, PartialEq)]
pub(crate) enum PreviewState {
    /// No cookies, or data that does not parse: an ordinary request.
    Off,
    /// Cookies that cannot be trusted (one missing, forged, tampered with, expired):
    /// an ordinary request whose response clears both.
    Clear,
    /// Draft mode or preview mode, with the preview data (`{}` in draft mode).
    On(serde_json::Value),
}

impl PreviewKeys {
    /// Keys from the configured secret, or from a random one made once per process.
    pub fn new(secret: Option<&PreviewSecret>, dev: bool) -> Self {
        let key = match secret {
            Some(secret) => derive_key(secret.master_key()),
            None => random_key().clone(),
        };
        PreviewKeys { key, dev }
    }

    /// Next's `tryGetPreviewData`, in its order.
    pub fn read(&self, req: &HttpRequest) -> PreviewState {
        if !has_preview_cookie(req) {
            return PreviewState::Off;
        }
        let bypass = req.cookie(BYPASS_COOKIE);
        let data = req.cookie(DATA_COOKIE);
        let valid_bypass = bypass
            .as_ref()
            .is_some_and(|cookie| self.bypass_valid(cookie));
        match (bypass, data) {
            (Some(_), None) if valid_bypass => PreviewState::On(serde_json::json!({})),
            (None, None) => PreviewState::Off,
            (None, Some(_)) | (Some(_), None) => PreviewState::Clear,
            (Some(_), Some(_)) if !valid_bypass => PreviewState::Clear,
            (Some(_), Some(data)) => {
                let jar = CookieJar::new();
                match jar.private(&self.key).decrypt(data.into_owned()) {
                    None => PreviewState::Clear,
                    Some(plain) => serde_json::from_str(plain.value())
                        .map_or(PreviewState::Off, PreviewState::On),
                }
            }
        }
    }

    /// A bypass cookie this app signed and that has not expired.
    fn bypass_valid(&self, cookie: &Cookie<'_>) -> bool {
        let jar = CookieJar::new();
        let Some(verified) = jar.signed(&self.key).verify(cookie.clone().into_owned()) else {
            return false;
        };
        // Every bypass cookie carries its expiry, session cookies included.
        verified
            .value()
            .parse::<u64>()
            .is_ok_and(|expires| unix_now() < expires)
    }

    /// Both cookies, expired: what a response to untrusted cookies carries.
    pub fn clearing_cookies(&self) -> [Cookie<'static>; 2] {
        [BYPASS_COOKIE, DATA_COOKIE].map(|name| {
            let mut cookie = self.cookie(name, String::new(), None);
            cookie.set_expires(time::OffsetDateTime::UNIX_EPOCH);
            cookie
        })
    }

    /// The bypass cookie: signed, valid for `max_age`, or for the browser session but at
    /// most [`DRAFT_MODE_LIFETIME`].
    fn bypass_cookie(&self, max_age: Option<Duration>) -> Cookie<'static> {
        let lifetime = max_age.unwrap_or(DRAFT_MODE_LIFETIME).as_secs().max(1);
        let expires = unix_now().saturating_add(lifetime);
        let mut jar = CookieJar::new();
        jar.signed_mut(&self.key)
            .add(Cookie::new(BYPASS_COOKIE, expires.to_string()));
        let signed = jar
            .get(BYPASS_COOKIE)
            .expect("just added")
            .value()
            .to_owned();
        self.cookie(BYPASS_COOKIE, signed, max_age)
    }

    /// Next's attributes: HttpOnly, `Path=/`, `SameSite=None; Secure` outside dev (the
    /// preview is often opened from a CMS on another site), `SameSite=Lax` in dev.
    fn cookie(
        &self,
        name: &'static str,
        value: String,
        max_age: Option<Duration>,
    ) -> Cookie<'static> {
        let mut cookie = Cookie::new(name, value);
        cookie.set_http_only(true);
        cookie.set_path("/");
        if self.dev {
            cookie.set_same_site(SameSite::Lax);
        } else {
            cookie.set_same_site(SameSite::None);
            cookie.set_secure(true);
        }
        if let Some(age) = max_age {
            let seconds = i64::try_from(age.as_secs()).unwrap_or(i64::MAX);
            cookie.set_max_age(time::Duration::seconds(seconds));
        }
        cookie
    }
}

/// Whether the request carries either draft-mode cookie, trusted or not.
pub(crate) fn has_preview_cookie(req: &HttpRequest) -> bool {
    // Most requests carry no cookie at all: skip parsing (and its allocations).
    req.headers().contains_key(actix_web::http::header::COOKIE)
        && (req.cookie(BYPASS_COOKIE).is_some() || req.cookie(DATA_COOKIE).is_some())
}

/// The cookie keys of a secret: 64 bytes of HKDF-SHA256 under our own label (signing
/// and encryption halves, as the `cookie` crate splits them).
fn derive_key(secret: &[u8]) -> Key {
    let mut keys = [0u8; 64];
    hkdf::Hkdf::<sha2::Sha256>::new(None, secret)
        .expand(KEY_LABEL, &mut keys)
        .expect("64 bytes is a valid HKDF-SHA256 output length");
    Key::from(&keys)
}

/// The process-wide fallback key: every worker must agree on it.
fn random_key() -> &'static Key {
    static KEY: OnceLock<Key> = OnceLock::new();
    KEY.get_or_init(|| {
        tracing::warn!(
            "no preview secret configured: draft-mode cookies are signed with a random key made at start-up, so they stop working on restart and several instances reject each other's. Set NEXT_PREVIEW_SECRET (32 or more random bytes, e.g. `openssl rand -hex 32`) or `Settings::preview_secret`."
        );
        Key::generate()
    })
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// Turns draft mode and preview mode on and off, from an API route (Next's
/// `res.setDraftMode`, `res.setPreviewData` and `res.clearPreviewData`). Take it as a
/// handler argument and let it add its cookies to the response:
///
/// ```ignore
/// #[api]
/// pub async fn handler(draft: DraftMode) -> HttpResponse {
///     let mut response = HttpResponse::TemporaryRedirect();
///     draft.enable(&mut response);
///     response.insert_header(("Location", "/")).finish()
/// }
/// ```
pub struct DraftMode {
    keys: Rc<PreviewKeys>,
    enabled: bool,
}

impl DraftMode {
    /// Whether this request is in draft mode (or preview mode).
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Enables draft mode: pages with a props function run with `ctx.draft_mode` and are
    /// never cached, until [`DraftMode::disable`], the browser session ends, or
    /// [`DRAFT_MODE_LIFETIME`] has passed, whichever comes first.
    pub fn enable(&self, response: &mut HttpResponseBuilder) {
        response.cookie(self.keys.bypass_cookie(None));
    }

    /// Leaves draft mode (and preview mode).
    pub fn disable(&self, response: &mut HttpResponseBuilder) {
        self.clear_preview_data(response);
    }

    /// Enables preview mode with `data` (any JSON, at most 2 KB once encrypted), which
    /// pages read as `ctx.preview_data`; `max_age` bounds it (the browser session
    /// otherwise). Fails, setting nothing, when the data is too large or not JSON.
    pub fn set_preview_data<T: Serialize>(
        &self,
        response: &mut HttpResponseBuilder,
        data: &T,
        max_age: Option<Duration>,
    ) -> Result<(), Error> {
        let json = serde_json::to_string(data)
            .map_err(|err| Error::msg(format!("preview data must serialize to JSON: {err}")))?;
        let mut jar = CookieJar::new();
        jar.private_mut(&self.keys.key)
            .add(Cookie::new(DATA_COOKIE, json));
        let sealed = jar.get(DATA_COOKIE).expect("just added").value().to_owned();
        if sealed.len() > MAX_DATA_COOKIE {
            return Err(Error::msg(
                "Preview data is limited to 2KB currently, reduce how much data you are storing as preview data to continue",
            ));
        }
        response.cookie(self.keys.bypass_cookie(max_age));
        response.cookie(self.keys.cookie(DATA_COOKIE, sealed, max_age));
        Ok(())
    }

    /// Leaves preview mode: both cookies expire.
    pub fn clear_preview_data(&self, response: &mut HttpResponseBuilder) {
        for cookie in self.keys.clearing_cookies() {
            response.cookie(cookie);
        }
    }
}

impl FromRequest for DraftMode {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let keys = req.extensions().get::<Rc<PreviewKeys>>().cloned();
        ready(match keys {
            Some(keys) => Ok(DraftMode {
                enabled: matches!(keys.read(req), PreviewState::On(_)),
                keys,
            }),
            None => Err(actix_web::error::ErrorInternalServerError(
                "DraftMode works in API routes under src/pages/api/, served by pages::configure",
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn keys(secret: &str) -> PreviewKeys {
        PreviewKeys::new(Some(&PreviewSecret::new(secret).unwrap()), false)
    }

    fn read(keys: &PreviewKeys, cookies: &[Cookie<'static>]) -> PreviewState {
        let mut req = TestRequest::get();
        for cookie in cookies {
            req = req.cookie(cookie.clone());
        }
        keys.read(&req.to_http_request())
    }

    fn set(
        keys: Rc<PreviewKeys>,
        data: serde_json::Value,
        age: Option<u64>,
    ) -> Vec<Cookie<'static>> {
        let draft = DraftMode {
            keys,
            enabled: false,
        };
        let mut response = actix_web::HttpResponse::Ok();
        draft
            .set_preview_data(&mut response, &data, age.map(Duration::from_secs))
            .unwrap();
        response
            .finish()
            .cookies()
            .map(Cookie::into_owned)
            .collect()
    }

    #[test]
    fn follows_next_try_get_preview_data() {
        let keys = Rc::new(keys("a secret that is long enough for the key derivation"));
        let data = serde_json::json!({"lets": "goooo"});
        let cookies = set(keys.clone(), data.clone(), None);
        assert_eq!(read(&keys, &cookies), PreviewState::On(data));
        assert_eq!(read(&keys, &[]), PreviewState::Off);
        // Draft mode: a valid bypass cookie alone.
        assert_eq!(
            read(&keys, &[keys.bypass_cookie(None)]),
            PreviewState::On(serde_json::json!({}))
        );
        // Half-present, forged or tampered: cleared.
        assert_eq!(read(&keys, &cookies[1..]), PreviewState::Clear);
        assert_eq!(
            read(&keys, &[Cookie::new(BYPASS_COOKIE, "forged")]),
            PreviewState::Clear
        );
        let mut tampered = cookies.clone();
        let value = format!("{}x", tampered[1].value());
        tampered[1].set_value(value);
        assert_eq!(read(&keys, &tampered), PreviewState::Clear);
        // Another secret (another deployment) does not trust them.
        let other = keys_other();
        assert_eq!(read(&other, &cookies), PreviewState::Clear);
    }

    /// Next's `tryGetPreviewData` returns `false` when the data decrypts but `JSON.parse`
    /// throws: an ordinary request, and the cookies are left alone (they are ours).
    #[test]
    fn data_that_decrypts_but_is_not_json_is_no_preview() {
        let keys = keys("a secret that is long enough for the key derivation");
        let cookies = [keys.bypass_cookie(None), sealed(&keys, "{not json")];
        assert_eq!(read(&keys, &cookies), PreviewState::Off);
        // The same bytes as JSON are a preview: only the parse failed.
        let cookies = [
            keys.bypass_cookie(None),
            sealed(&keys, "{\"not\":\"json\"}"),
        ];
        assert_eq!(
            read(&keys, &cookies),
            PreviewState::On(serde_json::json!({"not": "json"}))
        );
    }

    /// A data cookie this app's keys sealed, holding `value`.
    fn sealed(keys: &PreviewKeys, value: &str) -> Cookie<'static> {
        let mut jar = CookieJar::new();
        jar.private_mut(&keys.key)
            .add(Cookie::new(DATA_COOKIE, value.to_owned()));
        jar.get(DATA_COOKIE).unwrap().clone()
    }

    /// A bypass cookie this app's keys signed, holding `value` (its expiry).
    fn signed(keys: &PreviewKeys, value: String) -> Cookie<'static> {
        let mut jar = CookieJar::new();
        jar.signed_mut(&keys.key)
            .add(Cookie::new(BYPASS_COOKIE, value));
        jar.get(BYPASS_COOKIE).unwrap().clone()
    }

    fn keys_other() -> PreviewKeys {
        keys("another secret, as another deployment would have it")
    }

    #[test]
    fn expired_cookies_are_cleared() {
        let keys = Rc::new(keys("a secret that is long enough for the key derivation"));
        let expired = signed(&keys, (unix_now() - 1).to_string());
        assert_eq!(read(&keys, &[expired]), PreviewState::Clear);
        let fresh = set(keys.clone(), serde_json::json!(1), Some(60));
        assert_eq!(read(&keys, &fresh), PreviewState::On(serde_json::json!(1)));
        assert_eq!(fresh[0].max_age(), Some(time::Duration::seconds(60)));
    }

    #[test]
    fn bypass_cookies_without_an_expiry_are_refused() {
        let keys = keys("a secret that is long enough for the key derivation");
        // What a session cookie carried before expiries were checked: no expiry at all.
        let forever = signed(&keys, "0".to_owned());
        assert_eq!(read(&keys, &[forever]), PreviewState::Clear);
        // A session cookie (no Max-Age) still expires on the server.
        let before = unix_now();
        let session = keys.bypass_cookie(None);
        let after = unix_now();
        assert_eq!(session.max_age(), None);
        let expires: u64 = jar_value(&keys, &session).parse().unwrap();
        let lifetime = DRAFT_MODE_LIFETIME.as_secs();
        assert!((before + lifetime..=after + lifetime).contains(&expires));
    }

    fn jar_value(keys: &PreviewKeys, cookie: &Cookie<'static>) -> String {
        let jar = CookieJar::new();
        let verified = jar.signed(&keys.key).verify(cookie.clone()).unwrap();
        verified.value().to_owned()
    }

    #[test]
    fn keys_are_derived_under_our_own_label() {
        let secret = "a secret that is long enough for the key derivation";
        let ours = keys(secret);
        let cookie_crates = Key::derive_from(secret.as_bytes());
        assert_ne!(ours.key.master(), cookie_crates.master());
        assert_eq!(
            ours.key.master(),
            keys(secret).key.master(),
            "deterministic"
        );
    }

    #[test]
    fn preview_data_is_limited_to_2kb() {
        let keys = Rc::new(keys("a secret that is long enough for the key derivation"));
        let draft = DraftMode {
            keys,
            enabled: false,
        };
        let mut response = actix_web::HttpResponse::Ok();
        let error = draft
            .set_preview_data(&mut response, &"x".repeat(2000), None)
            .unwrap_err();
        assert!(error
            .to_string()
            .starts_with("Preview data is limited to 2KB currently"));
        assert_eq!(response.finish().cookies().count(), 0);
    }

    #[test]
    fn cookie_attributes_follow_the_mode() {
        let production = keys("a secret that is long enough for the key derivation");
        let cookie = production.bypass_cookie(None).to_string();
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=None")
                && cookie.contains("Secure")
                && cookie.contains("Path=/"),
            "{cookie}"
        );
        let secret = PreviewSecret::new("a secret that is long enough for the key derivation");
        let dev = PreviewKeys::new(Some(&secret.unwrap()), true);
        let cookie = dev.bypass_cookie(None).to_string();
        assert!(
            cookie.contains("SameSite=Lax") && !cookie.contains("Secure"),
            "{cookie}"
        );
        let cleared = production.clearing_cookies()[1].to_string();
        assert!(
            cleared.contains("Expires=Thu, 01 Jan 1970 00:00:00 GMT"),
            "{cleared}"
        );
    }
}
