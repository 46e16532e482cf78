//! The demo's sign-in: a session cookie signed with a key of this process (set
//! `SESSION_KEY` to 64 bytes or more to keep sessions across restarts), so a visitor cannot
//! forge one. The middleware checks it for `/dashboard`; `/api/session` sets and clears it.

use std::sync::OnceLock;

use actix_web::cookie::{Cookie, CookieJar, Key, SameSite};
use actix_web::HttpRequest;

/// The cookie's name.
pub const COOKIE: &str = "session";

fn key() -> &'static Key {
    static KEY: OnceLock<Key> = OnceLock::new();
    KEY.get_or_init(|| match std::env::var("SESSION_KEY") {
        Ok(secret) if secret.len() >= 64 => Key::from(secret.as_bytes()),
        _ => Key::generate(),
    })
}

/// The signed-in visitor's name, if the request carries a valid session.
pub fn user(req: &HttpRequest) -> Option<String> {
    let cookie = req.cookie(COOKIE)?;
    let mut jar = CookieJar::new();
    jar.add_original(cookie);
    jar.signed(key())
        .get(COOKIE)
        .map(|cookie| cookie.value().to_owned())
}

/// The cookie that signs `name` in.
pub fn sign_in(name: &str) -> Cookie<'static> {
    let mut jar = CookieJar::new();
    let cookie = Cookie::build(COOKIE, name.to_owned())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .finish();
    jar.signed_mut(key()).add(cookie);
    jar.get(COOKIE).expect("just added").clone()
}

/// The cookie that signs out.
pub fn sign_out() -> Cookie<'static> {
    let mut cookie = Cookie::build(COOKIE, "").path("/").finish();
    cookie.make_removal();
    cookie
}

/// A path of this site to go back to after signing in: `next` if it is one (a single
/// leading `/`), else the home page, so the form cannot redirect off-site.
pub fn local_path(next: &str) -> &str {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if local {
        next
    } else {
        "/"
    }
}
