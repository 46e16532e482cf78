//! Static generation and incremental regeneration (`src/pages/ssg/`): listed paths made at
//! start-up, each fallback mode, Next's headers and `x-nextjs-cache`, regeneration after
//! `revalidate` (once, in the background, keeping the last good page), on-demand
//! revalidation, draft and dev mode, a failing start and a restart that serves what the
//! page store kept.
//!
//! The pages read the process's `next_tests::cms()`; each test uses its own post ids and
//! counts generations per path. Time is tokio's, paused where a test needs `revalidate`
//! to pass: the clock moves by exact steps, with no real sleep.

mod common;

use std::time::Duration;

use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use common::instance::{listening, spawn_server};
use common::{call, data, dev, get_from, production, request_with, router_request, Response};
use next_runtime::{PreviewSecret, Revalidated};
use next_tests::{cms, pages};
use serde_json::json;

const FOREVER: &str = "s-maxage=31536000, stale-while-revalidate";
const PRIVATE: &str = "private, no-cache, no-store, max-age=0, must-revalidate";

async fn get(uri: &str) -> Response {
    request_with(production(), TestRequest::get().uri(uri)).await
}

fn cache_state(res: &Response) -> Option<&str> {
    res.header("x-nextjs-cache")
}

/// Lets background generation run: the paused clock moves on once every task is idle.
async fn settle() {
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

#[actix_web::test]
async fn listed_paths_are_generated_at_start_up_and_served_with_nexts_headers() {
    let page = get("/ssg/posts/1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>First post</h1>"), "{}", page.body);
    assert_eq!(page.header("cache-control"), Some(FOREVER));
    assert_eq!(
        cache_state(&page),
        Some("HIT"),
        "generated before the request"
    );
    let next_data = page.next_data();
    assert_eq!(next_data["page"], "/ssg/posts/[id]");
    assert_eq!(next_data["query"], json!({"id": "1"}));
    assert_eq!(next_data["gsp"], true);
    assert_eq!(next_data["isFallback"], false);
    assert_eq!(next_data["props"]["__N_SSG"], true);
    assert!(next_data.get("gssp").is_none());

    let json = get(&data("/ssg/posts/1")).await;
    assert_eq!(
        json.json(),
        json!({"pageProps": {"id": "1", "title": "First post", "draft": false}, "__N_SSG": true})
    );
    assert_eq!(json.header("cache-control"), Some(FOREVER));
    assert_eq!(json.header("content-type"), Some("application/json"));

    let etag = page.header("etag").expect("an ETag").to_owned();
    let again = request_with(
        production(),
        TestRequest::get()
            .uri("/ssg/posts/1")
            .insert_header(("if-none-match", etag)),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);

    // The same path spelled with an escape is the same page.
    assert!(get("/ssg/posts/%31").await.body.contains("First post"));
    // The client router's request: the data and the markup.
    let markup = request_with(production(), router_request(&data("/ssg/posts/1"))).await;
    assert_eq!(markup.json()["__N_SSG"], true);
    assert!(markup.json()["__next_render"]["html"]
        .as_str()
        .unwrap()
        .contains("First post"));
    assert_eq!(
        cms().runs("/ssg/posts/1"),
        1,
        "one generation, however many requests"
    );

    // A listed path spelled with params and escapes, whose post does not exist: 404.
    let missing = get("/ssg/posts/a%20b%2Fc").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(cms().runs("/ssg/posts/a b/c"), 1);
    // `/ssg`, a page without params.
    assert!(get("/ssg").await.body.contains("<h1>Generated 1</h1>"));
}

#[actix_web::test]
async fn fallback_false_answers_404_for_paths_not_listed_and_only_get_is_allowed() {
    let unlisted = get("/ssg/posts/3").await;
    assert_eq!(unlisted.status, StatusCode::NOT_FOUND);
    assert!(unlisted.body.contains("Custom 404"), "{}", unlisted.body);
    assert_eq!(
        get(&data("/ssg/posts/3")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(cms().runs("/ssg/posts/3"), 0, "never generated");

    let post = request_with(production(), TestRequest::post().uri("/ssg/posts/1")).await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
}

#[actix_web::test]
async fn blocking_generates_on_the_first_request_and_keeps_the_page() {
    cms().set("b1", Some("Blocking one"));
    let first = get("/ssg/blocking/b1").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(cache_state(&first), Some("MISS"));
    assert!(first.body.contains("<h1>Blocking one</h1>"));
    let second = get("/ssg/blocking/b1").await;
    assert_eq!(cache_state(&second), Some("HIT"));
    assert_eq!(first.body, second.body);
    assert_eq!(cms().runs("/ssg/blocking/b1"), 1);

    // A data request may be the first one too.
    cms().set("b2", Some("Blocking two"));
    let json = get(&data("/ssg/blocking/b2")).await;
    assert_eq!(json.json()["pageProps"]["title"], "Blocking two");
    assert_eq!(cache_state(&json), Some("MISS"));

    // A path nobody listed whose post does not exist: 404, kept like a page (up to a
    // bound, so random paths cannot fill memory).
    let missing = get("/ssg/blocking/nothing-here").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(cache_state(&missing), Some("MISS"));
    let again = get("/ssg/blocking/nothing-here").await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert_eq!(cache_state(&again), Some("HIT"));
    assert_eq!(cms().runs("/ssg/blocking/nothing-here"), 1);
}

#[actix_web::test]
async fn a_redirect_is_kept_like_a_page() {
    let html = get("/ssg/blocking/moved").await;
    assert_eq!(html.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(html.header("location"), Some("/ssg"));
    let json = get(&data("/ssg/blocking/moved")).await;
    assert_eq!(
        json.json(),
        json!({"pageProps": {"__N_REDIRECT": "/ssg", "__N_REDIRECT_STATUS": 307}, "__N_SSG": true})
    );
    assert_eq!(cms().runs("/ssg/blocking/moved"), 1);
}

#[actix_web::test]
async fn fallback_true_serves_the_stand_in_at_once_then_the_page() {
    let first = get("/ssg/fallback/f1").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("Loading…"), "{}", first.body);
    assert_eq!(first.next_data()["isFallback"], true);
    assert_eq!(first.next_data()["page"], "/ssg/fallback/[id]");
    assert_eq!(first.header("cache-control"), Some(PRIVATE));
    assert_eq!(cache_state(&first), None);

    // What the browser asks next waits for the page.
    let json = get(&data("/ssg/fallback/f1")).await;
    assert_eq!(json.json()["pageProps"]["title"], "Post f1");
    let page = get("/ssg/fallback/f1").await;
    assert!(page.body.contains("<h1 id=\"post\">Post f1</h1>"));
    assert_eq!(page.next_data()["isFallback"], false);
    assert_eq!(cms().runs("/ssg/fallback/f1"), 1, "one generation for both");

    // A crawler never gets the stand-in.
    let crawler = request_with(
        production(),
        TestRequest::get().uri("/ssg/fallback/f2").insert_header((
            "user-agent",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        )),
    )
    .await;
    assert!(crawler.body.contains("Post f2"), "{}", crawler.body);
    assert_eq!(cache_state(&crawler), Some("MISS"));
}

#[actix_web::test]
async fn after_revalidate_seconds_one_request_gets_the_stale_page_and_one_regeneration_runs() {
    tokio::time::pause();
    cms().set("i1", Some("Version 1"));
    let first = get("/ssg/isr/i1").await;
    assert_eq!(cache_state(&first), Some("MISS"));
    assert_eq!(
        first.header("cache-control"),
        Some("s-maxage=10, stale-while-revalidate")
    );
    tokio::time::advance(Duration::from_secs(9)).await;
    assert_eq!(cache_state(&get("/ssg/isr/i1").await), Some("HIT"));

    cms().set("i1", Some("Version 2"));
    tokio::time::advance(Duration::from_secs(2)).await;
    // A burst of requests once it is stale: the old page for each, one regeneration.
    for _ in 0..5 {
        let stale = get("/ssg/isr/i1").await;
        assert_eq!(cache_state(&stale), Some("STALE"));
        assert!(stale.body.contains("Version 1"));
    }
    settle().await;
    let fresh = get("/ssg/isr/i1").await;
    assert_eq!(cache_state(&fresh), Some("HIT"));
    assert!(fresh.body.contains("Version 2"), "{}", fresh.body);
    assert_eq!(cms().runs("/ssg/isr/i1"), 2, "one generation per interval");
}

#[actix_web::test]
async fn a_failing_regeneration_keeps_the_last_good_page_and_the_next_request_retries() {
    tokio::time::pause();
    cms().set("i2", Some("Good"));
    assert!(get("/ssg/isr/i2").await.body.contains("Good"));
    cms().set_failing("i2", true);
    tokio::time::advance(Duration::from_secs(11)).await;
    let stale = get("/ssg/isr/i2").await;
    assert_eq!(cache_state(&stale), Some("STALE"));
    settle().await;
    assert_eq!(
        cms().runs("/ssg/isr/i2"),
        2,
        "the regeneration ran and failed"
    );
    let still = get("/ssg/isr/i2").await;
    assert_eq!(cache_state(&still), Some("STALE"));
    assert!(still.body.contains("Good"));
    settle().await;
    assert_eq!(cms().runs("/ssg/isr/i2"), 3, "the next request tried again");

    cms().set_failing("i2", false);
    cms().set("i2", Some("Better"));
    get("/ssg/isr/i2").await;
    settle().await;
    let fresh = get("/ssg/isr/i2").await;
    assert_eq!(cache_state(&fresh), Some("HIT"));
    assert!(fresh.body.contains("Better"));
}

#[actix_web::test]
async fn not_found_from_a_regeneration_removes_the_page() {
    tokio::time::pause();
    cms().set("i3", Some("Soon gone"));
    assert_eq!(get("/ssg/isr/i3").await.status, StatusCode::OK);
    cms().set("i3", None);
    tokio::time::advance(Duration::from_secs(11)).await;
    assert_eq!(get("/ssg/isr/i3").await.status, StatusCode::OK, "stale");
    settle().await;
    let gone = get("/ssg/isr/i3").await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(gone.body.contains("Custom 404"));
    assert_eq!(
        get(&data("/ssg/isr/i3")).await.json(),
        json!({"notFound": true})
    );
}

#[actix_web::test]
async fn on_demand_revalidation_regenerates_now_and_reports_failure() {
    assert!(get("/ssg/posts/2").await.body.contains("Second post"));
    cms().set("2", Some("Second, edited"));
    assert!(
        get("/ssg/posts/2").await.body.contains("Second post"),
        "kept"
    );

    let hook = |secret: &'static str| {
        TestRequest::post()
            .uri("/api/revalidate?path=/ssg/posts/2")
            .insert_header(("x-webhook-secret", secret))
    };
    let refused = request_with(production(), hook("guess")).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(get("/ssg/posts/2").await.body.contains("Second post"));
    let done = request_with(production(), hook(pages::api_revalidate::SECRET)).await;
    assert_eq!(done.json(), json!({"revalidated": "Regenerated"}));
    let page = get("/ssg/posts/2").await;
    assert!(page.body.contains("Second, edited"), "{}", page.body);
    assert_eq!(cache_state(&page), Some("HIT"));

    // A failure reaches the caller, and the last good page stays.
    cms().set("i4", Some("Before"));
    get("/ssg/isr/i4").await;
    cms().set_failing("i4", true);
    let error = next_runtime::revalidate("/ssg/isr/i4").await.unwrap_err();
    assert!(
        error.to_string().contains("the CMS is down for post i4"),
        "{error}"
    );
    assert!(get("/ssg/isr/i4").await.body.contains("Before"));

    // Paths with nothing to regenerate.
    let unlisted = next_runtime::revalidate("/ssg/posts/9").await.unwrap_err();
    assert!(
        unlisted.to_string().contains("fallback is false"),
        "{unlisted}"
    );
    let nothing = next_runtime::revalidate("/about").await.unwrap_err();
    assert!(nothing.to_string().contains("no page with"), "{nothing}");
    let relative = next_runtime::revalidate("ssg/posts/1").await.unwrap_err();
    assert!(
        relative.to_string().contains("starting with `/`"),
        "{relative}"
    );
}

#[actix_web::test]
async fn revalidating_a_props_function_page_purges_its_shared_cache_entries() {
    let cached = || production().shared_cache(1024 * 1024);
    let uri = "/cached?k=purge&cc=public,%20s-maxage=600";
    let first = request_with(cached(), TestRequest::get().uri(uri)).await;
    assert_eq!(cache_state(&first), Some("MISS"));
    let hit = request_with(cached(), TestRequest::get().uri(uri)).await;
    assert_eq!(cache_state(&hit), Some("HIT"));
    assert_eq!(
        next_runtime::revalidate("/cached").await.unwrap(),
        Revalidated::Purged(1)
    );
    let again = request_with(cached(), TestRequest::get().uri(uri)).await;
    assert_eq!(cache_state(&again), Some("MISS"), "rendered afresh");
}

#[actix_web::test]
async fn draft_mode_runs_the_function_for_each_request_and_is_never_kept() {
    let secret = || {
        production()
            .preview_secret(PreviewSecret::new("ssg draft secret, 32 bytes or more").unwrap())
    };
    let enabled = call(
        pages::configure_with(secret()),
        TestRequest::get().uri("/api/draft?mode=on"),
    )
    .await;
    let cookie = enabled.header("set-cookie").unwrap().to_owned();
    let cookie = Cookie::parse(cookie).unwrap();
    let draft = |uri: &str| {
        TestRequest::get().uri(uri).cookie(Cookie::new(
            cookie.name().to_owned(),
            cookie.value().to_owned(),
        ))
    };
    get("/ssg/posts/d").await;
    let runs = cms().runs("/ssg/posts/d");
    let page = call(pages::configure_with(secret()), draft("/ssg/posts/d")).await;
    assert!(
        page.body.contains("<p class=\"draft\">Draft</p>"),
        "{}",
        page.body
    );
    assert_eq!(page.header("cache-control"), Some(PRIVATE));
    assert_eq!(cache_state(&page), None);
    assert_eq!(page.next_data()["isPreview"], true);
    let json = call(
        pages::configure_with(secret()),
        draft(&data("/ssg/posts/d")),
    )
    .await;
    assert_eq!(json.json()["__N_PREVIEW"], true);
    assert_eq!(json.json()["pageProps"]["draft"], true);
    assert_eq!(
        cms().runs("/ssg/posts/d"),
        runs + 2,
        "once per draft request"
    );
    // The kept page is untouched.
    let public = get("/ssg/posts/d").await;
    assert!(!public.body.contains("<p class=\"draft\">"));
    assert_eq!(cache_state(&public), Some("HIT"));
}

#[actix_web::test]
async fn dev_mode_runs_the_functions_for_each_request() {
    let dev_get = |uri: &'static str| request_with(dev(), TestRequest::get().uri(uri));
    let runs = cms().runs("/ssg/blocking/dev");
    cms().set("dev", Some("Dev post"));
    let page = dev_get("/ssg/blocking/dev").await;
    assert!(page.body.contains("Dev post"));
    assert_eq!(
        page.header("cache-control"),
        Some("no-store, must-revalidate")
    );
    assert_eq!(cache_state(&page), None);
    dev_get("/ssg/blocking/dev").await;
    assert_eq!(cms().runs("/ssg/blocking/dev"), runs + 2);
    // Paths are checked on each request too.
    assert_eq!(dev_get("/ssg/posts/3").await.status, StatusCode::NOT_FOUND);
}

/// The test app as a process of its own, in production mode, with `env` set.
fn spawn(env: &[(&str, &str)]) -> std::process::Child {
    spawn_server(&[&[("NEXT_DEV", "0")], env].concat())
}

#[test]
fn a_page_that_fails_at_start_up_stops_the_start_and_is_named() {
    let child = spawn(&[("NEXT_TEST_SSG_FAIL", "1")]);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "cannot start: 1 static page(s) failed to generate: /ssg (the CMS is unreachable)"
        ),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "it never listened");
}

#[test]
fn a_restart_serves_what_the_page_store_kept() {
    let store = tempfile::tempdir().unwrap();
    let dir = store.path().to_str().unwrap();
    let serve = |label: &str| {
        let mut child = spawn(&[
            ("NEXT_TEST_PAGE_STORE", dir),
            ("NEXT_TEST_SSG_LABEL", label),
        ]);
        let addr = listening(&mut child);
        let page = get_from(addr, "/ssg");
        child.kill().unwrap();
        child.wait().unwrap();
        page
    };
    let first = serve("first run");
    assert!(first.contains("first run"), "{first}");
    // A new process whose function would now say otherwise: the kept page is served.
    let second = serve("second run");
    assert!(second.contains("first run"), "{second}");
    assert!(second.contains("x-nextjs-cache: HIT"), "{second}");
    let files = std::fs::read_dir(store.path())
        .unwrap()
        .flat_map(|build| std::fs::read_dir(build.unwrap().path()).unwrap())
        .map(|file| file.unwrap().file_name().into_string().unwrap())
        .collect::<Vec<_>>();
    assert!(
        !files.is_empty() && files.iter().all(|name| name.ends_with(".json")),
        "{files:?}"
    );
}
