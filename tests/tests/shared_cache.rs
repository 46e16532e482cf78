//! The shared response cache (`Settings::shared_cache`): hits, stale-while-revalidate with
//! one background refresh, what is never stored, `Vary`, no stampede, and how long a pass
//! or a failure is remembered. Each test uses its own `?k=` key, and `cached.rs` counts its
//! renders per key.
//!
//! Time is tokio's, paused: each test stops the clock and moves it by exact steps, so
//! expiry, `Age` and the stale window are checked to the millisecond with no real sleep.

mod common;

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use common::{data, production, request_with, router_request, Response};
use next_runtime::Settings;
use next_tests::{cached_runs, set_backend_down};
use tokio::time::{advance, Instant};

fn cached() -> Settings {
    production().shared_cache(16 * 1024 * 1024)
}

async fn get(settings: Settings, uri: &str) -> Response {
    request_with(settings, TestRequest::get().uri(uri)).await
}

/// The render number a page shows.
fn render(res: &Response) -> u64 {
    res.next_data()["props"]["pageProps"]["render"]
        .as_u64()
        .unwrap()
}

fn cache_state(res: &Response) -> Option<&str> {
    res.header("x-nextjs-cache")
}

fn age(res: &Response) -> Option<u64> {
    res.header("age").map(|age| age.parse().unwrap())
}

/// Stops this test's clock: from here it moves only by [`advance`] (or, when every task
/// waits on a timer, straight to the next one: the props functions' delays take no time).
fn pause_clock() {
    tokio::time::pause();
}

/// Lets a background refresh finish: the paused clock moves on only once every task is
/// idle, and a refresh waits on nothing but its render.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

#[actix_web::test]
async fn off_by_default() {
    let uri = "/cached?k=off";
    let first = get(production(), uri).await;
    let second = get(production(), uri).await;
    assert_eq!((render(&first), render(&second)), (1, 2));
    assert_eq!(cache_state(&second), None);
}

#[actix_web::test]
async fn a_public_s_maxage_page_is_served_from_memory() {
    pause_clock();
    let uri = "/cached?k=hit&cc=public,%20s-maxage=60";
    let miss = get(cached(), uri).await;
    assert_eq!(miss.status, StatusCode::OK);
    assert_eq!(cache_state(&miss), Some("MISS"));
    assert_eq!(age(&miss), None);
    advance(Duration::from_millis(7_500)).await;
    let hit = get(cached(), uri).await;
    assert_eq!(cache_state(&hit), Some("HIT"));
    assert_eq!(age(&hit), Some(7), "whole seconds since it was stored");
    assert_eq!(hit.body, miss.body, "the same bytes");
    assert_eq!(hit.header("cache-control"), Some("public, s-maxage=60"));
    assert_eq!(hit.header("etag"), miss.header("etag"));
    assert_eq!(cached_runs("hit"), 1);

    // A conditional request gets a 304 from the cache, HEAD the headers.
    let etag = hit.header("etag").unwrap().to_owned();
    let req = TestRequest::get()
        .uri(uri)
        .insert_header(("if-none-match", etag));
    let not_modified = request_with(cached(), req).await;
    assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED);
    assert_eq!(not_modified.body, "");
    assert_eq!(cache_state(&not_modified), Some("HIT"));
    let head = request_with(
        cached(),
        TestRequest::default()
            .method(actix_web::http::Method::HEAD)
            .uri(uri),
    )
    .await;
    assert_eq!(cache_state(&head), Some("HIT"));
    assert_eq!(cached_runs("hit"), 1);
}

#[actix_web::test]
async fn html_data_and_queries_are_cached_separately() {
    let page = "/cached?k=kinds&cc=public,%20s-maxage=60";
    let json = format!("{}?k=kinds&cc=public,%20s-maxage=60", data("/cached"));
    assert_eq!(cache_state(&get(cached(), &json).await), Some("MISS"));
    let html = get(cached(), page).await;
    assert_eq!(cache_state(&html), Some("MISS"));
    assert!(html.body.starts_with("<!DOCTYPE html>"));
    let json_hit = get(cached(), &json).await;
    assert_eq!(cache_state(&json_hit), Some("HIT"));
    assert_eq!(json_hit.json()["pageProps"]["render"], 1);
    let other_query = get(cached(), &format!("{page}&x=1")).await;
    assert_eq!(cache_state(&other_query), Some("MISS"));
    assert_eq!(cached_runs("kinds"), 3);
}

/// The client router asks the data route for the page's markup too (`x-next-render`); a
/// plain data request must never get that answer from the cache, nor the reverse.
#[actix_web::test]
async fn the_routers_markup_answers_are_kept_apart_from_plain_data() {
    let json = format!("{}?k=markup&cc=public,%20s-maxage=60", data("/cached"));
    let routed = || request_with(cached(), router_request(&json));
    let with_markup = routed().await;
    assert_eq!(cache_state(&with_markup), Some("MISS"));
    assert!(with_markup.json()["__next_render"]["html"].is_string());
    let plain = get(cached(), &json).await;
    assert_eq!(cache_state(&plain), Some("MISS"), "not the router's answer");
    assert!(
        plain.json().get("__next_render").is_none(),
        "{}",
        plain.body
    );
    let plain_hit = get(cached(), &json).await;
    assert_eq!(cache_state(&plain_hit), Some("HIT"));
    assert!(plain_hit.json().get("__next_render").is_none());
    // Next's own client names the data request, without asking for markup.
    let named = TestRequest::get()
        .uri(&json)
        .insert_header(("x-nextjs-data", "1"));
    let named = request_with(cached(), named).await;
    assert!(
        named.json().get("__next_render").is_none(),
        "{}",
        named.body
    );
    assert_eq!(cache_state(&named), Some("MISS"), "it names its route");
    let routed_hit = routed().await;
    assert_eq!(cache_state(&routed_hit), Some("HIT"));
    assert_eq!(routed_hit.body, with_markup.body);
    assert_eq!(cached_runs("markup"), 3);
}

#[actix_web::test]
async fn stale_while_revalidate_serves_stale_and_refreshes_once() {
    pause_clock();
    let uri = "/cached?k=swr&cc=public,%20s-maxage=10,%20stale-while-revalidate=20";
    assert_eq!(render(&get(cached(), uri).await), 1);
    advance(Duration::from_millis(9_999)).await;
    let fresh = get(cached(), uri).await;
    assert_eq!((cache_state(&fresh), age(&fresh)), (Some("HIT"), Some(9)));
    advance(Duration::from_millis(1)).await;
    // Stale at exactly s-maxage: every request in the window gets the old page at once,
    // and one of them starts the refresh.
    let stale = futures_util::future::join_all((0..5).map(|_| get(cached(), uri))).await;
    for res in &stale {
        assert_eq!(cache_state(res), Some("STALE"));
        assert_eq!(render(res), 1);
        assert_eq!(age(res), Some(10));
    }
    settle().await;
    let refreshed = get(cached(), uri).await;
    assert_eq!(cache_state(&refreshed), Some("HIT"));
    assert_eq!(render(&refreshed), 2);
    assert_eq!(age(&refreshed), Some(0), "the refresh is a new entry");
    assert_eq!(cached_runs("swr"), 2, "exactly one background refresh");
}

#[actix_web::test]
async fn past_stale_while_revalidate_it_renders_again() {
    pause_clock();
    let uri = "/cached?k=expired&cc=public,%20s-maxage=10,%20stale-while-revalidate=20";
    assert_eq!(render(&get(cached(), uri).await), 1);
    advance(Duration::from_secs(30)).await;
    let again = get(cached(), uri).await;
    assert_eq!(cache_state(&again), Some("MISS"));
    assert_eq!(render(&again), 2);
}

#[actix_web::test]
async fn without_stale_while_revalidate_it_expires_at_s_maxage() {
    pause_clock();
    let uri = "/cached?k=no-swr&cc=public,%20s-maxage=10";
    assert_eq!(render(&get(cached(), uri).await), 1);
    advance(Duration::from_millis(9_999)).await;
    assert_eq!(cache_state(&get(cached(), uri).await), Some("HIT"));
    advance(Duration::from_millis(1)).await;
    let again = get(cached(), uri).await;
    assert_eq!(cache_state(&again), Some("MISS"), "no stale window");
    assert_eq!(render(&again), 2);
}

/// docs/caching.md: a refresh that fails keeps the stale page serving, and the next stale
/// request tries again.
#[actix_web::test]
async fn a_failed_background_refresh_keeps_serving_and_retries() {
    pause_clock();
    let key = "refresh-fails";
    let uri = "/cached?k=refresh-fails&cc=public,%20s-maxage=10,%20stale-while-revalidate=60";
    assert_eq!(render(&get(cached(), uri).await), 1);
    set_backend_down(key, true);
    advance(Duration::from_secs(10)).await;
    for attempt in 2..=3 {
        let stale = get(cached(), uri).await;
        assert_eq!(stale.status, StatusCode::OK);
        assert_eq!((cache_state(&stale), render(&stale)), (Some("STALE"), 1));
        settle().await;
        assert_eq!(cached_runs(key), attempt, "one more refresh, which failed");
    }
    set_backend_down(key, false);
    assert_eq!(cache_state(&get(cached(), uri).await), Some("STALE"));
    settle().await;
    let recovered = get(cached(), uri).await;
    assert_eq!(
        (cache_state(&recovered), render(&recovered)),
        (Some("HIT"), 4)
    );
}

#[actix_web::test]
async fn responses_that_must_not_be_shared_never_are() {
    for (key, extra) in [
        ("cookie", "&cookie=1"),
        ("private", "&cc=private,%20s-maxage=60"),
        ("no-store", "&cc=public,%20s-maxage=60,%20no-store"),
        ("max-age", "&cc=public,%20max-age=60"),
        ("status", "&status=201"),
        ("vary-all", "&vary=*"),
    ] {
        let uri = format!("/cached?k={key}{extra}");
        let first = get(cached(), &uri).await;
        let second = get(cached(), &uri).await;
        assert_eq!((render(&first), render(&second)), (1, 2), "{key}");
        assert_eq!(cache_state(&second), None, "{key}");
    }
}

#[actix_web::test]
async fn requests_that_must_not_be_shared_bypass_the_cache() {
    let uri = "/cached?k=bypass&cc=public,%20s-maxage=60";
    assert_eq!(cache_state(&get(cached(), uri).await), Some("MISS"));
    let authorized = TestRequest::get()
        .uri(uri)
        .insert_header(("authorization", "Bearer secret"));
    let draft = TestRequest::get()
        .uri(uri)
        .insert_header(("cookie", "__prerender_bypass=x"));
    let post = TestRequest::post().uri(uri);
    for req in [authorized, draft, post] {
        let res = request_with(cached(), req).await;
        assert_eq!(cache_state(&res), None);
    }
    assert_eq!(cached_runs("bypass"), 4);
    assert_eq!(cache_state(&get(cached(), uri).await), Some("HIT"));
}

/// A hit is found before routing by the URL as received, but only where routing would
/// have led: the origin a page sees (`Host`, forwarded headers) keeps entries apart, and a
/// request over a limit gets its error, not the cached page.
#[actix_web::test]
async fn a_hit_before_routing_answers_only_what_routing_would() {
    let uri = "/cached?k=early&cc=public,%20s-maxage=60";
    let from = |headers: Vec<(&'static str, String)>| {
        let mut req = TestRequest::get().uri(uri);
        for header in headers {
            req = req.insert_header(header);
        }
        request_with(cached(), req)
    };
    let host = |name: &str| vec![("host", name.to_owned())];
    assert_eq!(cache_state(&from(host("a.example")).await), Some("MISS"));
    assert_eq!(cache_state(&from(host("a.example")).await), Some("HIT"));
    assert_eq!(cache_state(&from(host("b.example")).await), Some("MISS"));
    let forwarded = || {
        let mut headers = host("a.example");
        headers.push(("x-forwarded-host", "c.example".to_owned()));
        headers
    };
    assert_eq!(cache_state(&from(forwarded()).await), Some("MISS"));
    assert_eq!(cache_state(&from(forwarded()).await), Some("HIT"));
    assert_eq!(cached_runs("early"), 3);

    let mut huge = host("a.example");
    huge.push(("cookie", format!("big={}", "x".repeat(17 * 1024))));
    let over = from(huge).await;
    assert_eq!(over.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    assert_eq!(cache_state(&over), None);
}

#[actix_web::test]
async fn vary_headers_are_part_of_the_key() {
    let uri = "/cached?k=vary&cc=public,%20s-maxage=60&vary=x-theme";
    let themed = |theme: &'static str| {
        request_with(
            cached(),
            TestRequest::get()
                .uri(uri)
                .insert_header(("x-theme", theme)),
        )
    };
    let dark = themed("dark").await;
    assert_eq!(cache_state(&dark), Some("MISS"));
    assert_eq!(cache_state(&themed("dark").await), Some("HIT"));
    let light = themed("light").await;
    assert_eq!(cache_state(&light), Some("MISS"));
    assert_ne!(render(&light), render(&dark));
    let dark_again = themed("dark").await;
    assert_eq!(cache_state(&dark_again), Some("HIT"));
    assert_eq!(render(&dark_again), render(&dark));
}

#[actix_web::test]
async fn concurrent_misses_render_once() {
    pause_clock();
    let uri = "/cached?k=stampede&cc=public,%20s-maxage=60&delay=300";
    let responses = futures_util::future::join_all((0..8).map(|_| get(cached(), uri))).await;
    let misses = responses
        .iter()
        .filter(|r| cache_state(r) == Some("MISS"))
        .count();
    assert_eq!(misses, 1);
    assert!(responses
        .iter()
        .all(|r| r.status == StatusCode::OK && render(r) == 1));
    assert_eq!(cached_runs("stampede"), 1);
}

/// How many 300 ms renders one after the other four requests at once take, on the paused
/// clock (whose timers have millisecond ticks).
async fn four_at_once(uri: &str) -> u128 {
    let start = Instant::now();
    let responses = futures_util::future::join_all((0..4).map(|_| get(cached(), uri))).await;
    assert!(responses.iter().all(|r| r.status == StatusCode::OK));
    start.elapsed().as_millis() / 300
}

/// A URL whose answer could not be shared is passed for 30 s from its last render: its
/// requests render side by side. After that, one request finds out again while the others
/// wait for it.
#[actix_web::test]
async fn a_pass_lasts_thirty_seconds_then_one_request_checks_again() {
    pause_clock();
    let uri = "/cached?k=pass-expiry&cc=public,%20s-maxage=60&cookie=1&delay=300";
    get(cached(), uri).await;
    advance(Duration::from_millis(29_999)).await;
    assert_eq!(four_at_once(uri).await, 1, "side by side");
    advance(Duration::from_secs(30)).await;
    assert_eq!(
        four_at_once(uri).await,
        2,
        "one render, then the three that waited for it"
    );
    assert_eq!(cached_runs("pass-expiry"), 9);
}

/// A failed render is remembered for one second: requests in that second get its error
/// page without rendering; the first one after it renders again.
#[actix_web::test]
async fn a_failure_is_remembered_for_one_second() {
    pause_clock();
    let uri = "/cached?k=failure-expiry&cc=public,%20s-maxage=60&fail=1";
    let first = get(cached(), uri).await;
    assert_eq!(first.status, StatusCode::INTERNAL_SERVER_ERROR);
    advance(Duration::from_millis(999)).await;
    let remembered = get(cached(), uri).await;
    assert_eq!(remembered.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(remembered.body.contains("Custom 500: something broke"));
    assert_eq!(cached_runs("failure-expiry"), 1);
    advance(Duration::from_millis(1)).await;
    let again = get(cached(), uri).await;
    assert_eq!(again.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(cached_runs("failure-expiry"), 2, "rendered again");
}

#[actix_web::test]
async fn dev_mode_never_caches() {
    let uri = "/cached?k=dev&cc=public,%20s-maxage=60";
    let dev = common::dev().shared_cache(1 << 20);
    get(dev.clone(), uri).await;
    let second = get(dev, uri).await;
    assert_eq!(render(&second), 2);
    assert_eq!(cache_state(&second), None);
}

/// A 5xx a props function answers itself is made for one visitor (private by default,
/// perhaps with a cookie): it is never replayed to others as a remembered failure.
#[actix_web::test]
async fn a_props_functions_own_5xx_is_never_replayed() {
    for (key, extra) in [
        ("own-503-cookie", "&cc=public,%20s-maxage=60&cookie=1"),
        ("own-503-private", "&cc=private,%20s-maxage=60"),
    ] {
        let uri = format!("/cached?k={key}&status=503{extra}");
        let first = get(cached(), &uri).await;
        assert_eq!(first.status, StatusCode::SERVICE_UNAVAILABLE, "{key}");
        let second = get(cached(), &uri).await;
        assert_eq!(second.status, StatusCode::SERVICE_UNAVAILABLE, "{key}");
        assert_eq!(cached_runs(key), 2, "{key}: rendered for each visitor");
        assert_eq!(cache_state(&second), None, "{key}");
    }
}
