//! The shared response cache (`Settings::shared_cache`): hits, stale-while-revalidate with
//! one background refresh, what is never stored, `Vary`, and no stampede. Each test uses its
//! own `?k=` key, and `cached.rs` counts its renders per key. TTLs are one or two seconds.

mod common;

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use common::{data, production, request_with, Response};
use next_runtime::Settings;
use next_tests::cached_runs;

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

async fn sleep(ms: u64) {
    actix_web::rt::time::sleep(Duration::from_millis(ms)).await;
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
    let uri = "/cached?k=hit&cc=public,%20s-maxage=60";
    let miss = get(cached(), uri).await;
    assert_eq!(miss.status, StatusCode::OK);
    assert_eq!(cache_state(&miss), Some("MISS"));
    let hit = get(cached(), uri).await;
    assert_eq!(cache_state(&hit), Some("HIT"));
    assert_eq!(hit.header("age"), Some("0"));
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

#[actix_web::test]
async fn stale_while_revalidate_serves_stale_and_refreshes_once() {
    let uri = "/cached?k=swr&cc=public,%20s-maxage=1,%20stale-while-revalidate=5";
    assert_eq!(render(&get(cached(), uri).await), 1);
    sleep(1100).await;
    // Stale: every request in the window gets the old page at once; one refresh starts.
    let stale = futures_util::future::join_all((0..5).map(|_| get(cached(), uri))).await;
    for res in &stale {
        assert_eq!(cache_state(res), Some("STALE"));
        assert_eq!(render(res), 1);
        assert!(res.header("age").unwrap().parse::<u64>().unwrap() >= 1);
    }
    // The refresh runs in the background; then the new page is a fresh hit.
    let mut fresh = get(cached(), uri).await;
    for _ in 0..50 {
        if cache_state(&fresh) == Some("HIT") {
            break;
        }
        sleep(20).await;
        fresh = get(cached(), uri).await;
    }
    assert_eq!(cache_state(&fresh), Some("HIT"));
    assert_eq!(render(&fresh), 2);
    assert_eq!(cached_runs("swr"), 2, "exactly one background refresh");
}

#[actix_web::test]
async fn past_stale_while_revalidate_it_renders_again() {
    let uri = "/cached?k=expired&cc=public,%20s-maxage=1";
    assert_eq!(render(&get(cached(), uri).await), 1);
    assert_eq!(cache_state(&get(cached(), uri).await), Some("HIT"));
    sleep(1100).await;
    let again = get(cached(), uri).await;
    assert_eq!(cache_state(&again), Some("MISS"));
    assert_eq!(render(&again), 2);
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

#[actix_web::test]
async fn dev_mode_never_caches() {
    let uri = "/cached?k=dev&cc=public,%20s-maxage=60";
    let dev = common::dev().shared_cache(1 << 20);
    get(dev.clone(), uri).await;
    let second = get(dev, uri).await;
    assert_eq!(render(&second), 2);
    assert_eq!(cache_state(&second), None);
}
