//! Draft mode and preview mode: the API helper's cookies, what pages see, forced private
//! caching, and untrusted cookies cleared in Next's `tryGetPreviewData` order.

mod common;

use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use common::{call, data, dev, production, Response};
use next_runtime::{PreviewSecret, Settings};
use next_tests::pages;
use serde_json::{json, Value};

const PRIVATE: &str = "private, no-cache, no-store, max-age=0, must-revalidate";

fn with_secret(secret: &str) -> Settings {
    production().preview_secret(PreviewSecret::new(secret).unwrap())
}

fn secret_a() -> Settings {
    with_secret("instance secret A: 32 bytes or more, shared by all")
}

fn set_cookies(res: &Response) -> Vec<Cookie<'static>> {
    res.headers
        .get_all("set-cookie")
        .map(|value| Cookie::parse(value.to_str().unwrap().to_owned()).unwrap())
        .collect()
}

async fn send(settings: Settings, uri: &str, cookies: &[Cookie<'static>]) -> Response {
    let mut req = TestRequest::get().uri(uri);
    for cookie in cookies {
        req = req.cookie(Cookie::new(
            cookie.name().to_owned(),
            cookie.value().to_owned(),
        ));
    }
    call(pages::configure_with(settings), req).await
}

async fn enable(settings: Settings, mode: &str) -> Vec<Cookie<'static>> {
    let res = send(settings, &format!("/api/draft?mode={mode}"), &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    set_cookies(&res)
}

fn page_props(res: &Response) -> Value {
    res.next_data()["props"]["pageProps"].clone()
}

#[actix_web::test]
async fn draft_mode_reaches_the_page_and_is_never_cached() {
    let cookies = enable(secret_a(), "on").await;
    assert_eq!(cookies.len(), 1, "draft mode is the bypass cookie alone");
    let bypass = cookies[0].to_string();
    assert!(bypass.starts_with("__prerender_bypass="), "{bypass}");
    for attribute in ["HttpOnly", "SameSite=None", "Secure", "Path=/"] {
        assert!(bypass.contains(attribute), "{bypass}");
    }

    let page = send(secret_a(), "/draft", &cookies).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page_props(&page),
        json!({"draft_mode": true, "preview": true, "preview_data": {}})
    );
    assert_eq!(page.next_data()["isPreview"], true);
    assert_eq!(page.next_data()["props"]["__N_PREVIEW"], true);
    assert_eq!(
        page.header("cache-control"),
        Some(PRIVATE),
        "whatever the page set"
    );

    let json = send(secret_a(), &data("/draft"), &cookies).await;
    assert_eq!(json.json()["__N_PREVIEW"], true);
    assert_eq!(json.json()["pageProps"]["draft_mode"], true);
    assert_eq!(json.header("cache-control"), Some(PRIVATE));

    let status = send(secret_a(), "/api/draft?mode=on", &cookies).await;
    assert_eq!(status.body, "draft mode was true");
}

#[actix_web::test]
async fn outside_draft_mode_nothing_changes() {
    let page = send(secret_a(), "/draft", &[]).await;
    assert_eq!(
        page_props(&page),
        json!({"draft_mode": false, "preview": false, "preview_data": null})
    );
    assert!(page.next_data().get("isPreview").is_none());
    assert!(page.next_data()["props"].get("__N_PREVIEW").is_none());
    assert_eq!(page.header("cache-control"), Some("public, max-age=3600"));
    assert!(set_cookies(&page).is_empty());
}

#[actix_web::test]
async fn preview_data_round_trips_encrypted() {
    let cookies = enable(secret_a(), "data").await;
    let names: Vec<_> = cookies.iter().map(|c| c.name().to_owned()).collect();
    assert_eq!(names, ["__prerender_bypass", "__next_preview_data"]);
    assert!(
        !cookies[1].value().contains("goooo"),
        "the data is encrypted"
    );
    let page = send(secret_a(), "/draft", &cookies).await;
    assert!(
        page.body
            .contains("true and {&quot;lets&quot;:&quot;goooo&quot;}"),
        "{}",
        page.body
    );
    assert_eq!(page_props(&page)["preview_data"], json!({"lets": "goooo"}));

    let too_big = send(secret_a(), "/api/draft?mode=too-big", &[]).await;
    assert_eq!(too_big.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        too_big.body,
        "Preview data is limited to 2KB currently, reduce how much data you are storing as preview data to continue"
    );
    assert!(set_cookies(&too_big).is_empty());
}

/// Not preview, and both cookies cleared, as Next.js answers untrusted cookies.
async fn assert_cleared(settings: Settings, cookies: &[Cookie<'static>]) {
    let page = send(settings, "/draft", cookies).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page_props(&page)["preview"], false);
    let cleared = set_cookies(&page);
    let names: Vec<_> = cleared.iter().map(|c| c.name().to_owned()).collect();
    assert_eq!(names, ["__prerender_bypass", "__next_preview_data"]);
    for cookie in &cleared {
        let text = cookie.to_string();
        assert!(
            text.contains("Expires=Thu, 01 Jan 1970 00:00:00 GMT"),
            "{text}"
        );
        assert!(
            text.contains("HttpOnly") && text.contains("Path=/"),
            "{text}"
        );
    }
}

#[actix_web::test]
async fn untrusted_cookies_are_cleared() {
    let cookies = enable(secret_a(), "data").await;
    // Half-present.
    assert_cleared(secret_a(), &cookies[1..]).await;
    // Forged bypass.
    assert_cleared(secret_a(), &[Cookie::new("__prerender_bypass", "1")]).await;
    // Tampered data.
    let mut tampered = cookies.clone();
    let value = tampered[1]
        .value()
        .replace(|c: char| c.is_ascii_digit(), "A");
    tampered[1].set_value(value);
    assert_cleared(secret_a(), &tampered).await;
    // Another deployment's secret (or a restart without a configured one).
    let other = with_secret("instance secret B: a different deployment entirely");
    assert_cleared(other, &cookies).await;
    // Another instance with the same secret trusts them.
    let page = send(secret_a(), "/draft", &cookies).await;
    assert_eq!(page_props(&page)["preview"], true);
}

#[actix_web::test]
async fn disabling_clears_both_cookies() {
    let res = send(secret_a(), "/api/draft?mode=off", &[]).await;
    let cleared = set_cookies(&res);
    assert_eq!(cleared.len(), 2);
    assert!(cleared
        .iter()
        .all(|c| c.to_string().contains("Expires=Thu, 01 Jan 1970")));
}

#[actix_web::test]
async fn dev_cookies_are_lax_and_not_secure() {
    let settings =
        dev().preview_secret(PreviewSecret::new("a dev secret, 32 bytes or more long").unwrap());
    let cookie = enable(settings, "on").await[0].to_string();
    assert!(
        cookie.contains("SameSite=Lax") && !cookie.contains("Secure"),
        "{cookie}"
    );
}

/// The guide's CMS entry point (`api/cms-draft.rs`) fails closed and checks the secret.
#[actix_web::test]
async fn the_guides_cms_entry_fails_closed() {
    let uri = "/api/cms-draft?secret=&slug=hello";
    // Only this test reads CMS_SECRET.
    std::env::remove_var("CMS_SECRET");
    let unset = send(secret_a(), uri, &[]).await;
    assert_eq!(
        unset.status.as_u16(),
        503,
        "no secret configured: nobody gets in"
    );
    assert!(set_cookies(&unset).is_empty());
    std::env::set_var("CMS_SECRET", "the cms secret");
    for (uri, status) in [
        ("/api/cms-draft?secret=&slug=hello", 401),
        ("/api/cms-draft?secret=the%20cms%20secreT&slug=hello", 401),
        (
            "/api/cms-draft?secret=the%20cms%20secret&slug=..%2F%2Fevil",
            400,
        ),
    ] {
        let refused = send(secret_a(), uri, &[]).await;
        assert_eq!(refused.status.as_u16(), status, "{uri}");
        assert!(set_cookies(&refused).is_empty(), "{uri}");
    }
    let entered = send(
        secret_a(),
        "/api/cms-draft?secret=the%20cms%20secret&slug=hello",
        &[],
    )
    .await;
    std::env::remove_var("CMS_SECRET");
    assert_eq!(entered.status.as_u16(), 307);
    assert_eq!(entered.header("location"), Some("/posts/hello"));
    assert!(set_cookies(&entered)
        .iter()
        .any(|c| c.name() == next_runtime::BYPASS_COOKIE));
}
