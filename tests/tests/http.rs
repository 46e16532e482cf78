//! HTTP behaviour of the test app in `tests/src/pages/`, through the real generated route
//! table (`next_tests::pages::configure`).

mod common;

use actix_web::http::{Method, StatusCode};
use actix_web::{test, App};
use common::{get, request_with};
use next_runtime::Settings;
use next_tests::pages;
use serde_json::json;

#[actix_web::test]
async fn static_page_renders_inside_the_document_shell() {
    let res = get("/").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(res.body.starts_with("<!DOCTYPE html>"), "{}", res.body);
    assert!(res.body.contains(
        r#"<div id="__next"><header id="layout">Test app</header><h1>Home</h1><nav id="links">"#
    ));
    let data = res.next_data();
    assert_eq!(data["page"], "/");
    assert_eq!(data["props"], json!({"pageProps": {}}));
    assert_eq!(data["isFallback"], false);
    assert!(data.get("gssp").is_none(), "static pages have no gssp key");
    // Next's automatic static optimization marks a page without data as exported.
    assert_eq!(
        (&data["nextExport"], &data["autoExport"]),
        (&json!(true), &json!(true))
    );
    assert!(data["buildId"].as_str().is_some_and(|id| !id.is_empty()));
}

#[actix_web::test]
async fn static_pages_render_once_and_are_served_from_memory() {
    let bodies = [
        get("/counted").await.body,
        get("/counted").await.body,
        get("/counted").await.body,
    ];
    assert!(
        bodies[0].contains(r#"<p id="renders">1</p>"#),
        "{}",
        bodies[0]
    );
    assert!(bodies.iter().all(|body| *body == bodies[0]));
}

#[actix_web::test]
async fn server_side_page_renders_props_and_next_data() {
    let res = get("/posts/7?ref=home").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("<h1>Post 7</h1>"));
    let data = res.next_data();
    assert_eq!(
        data["props"]["pageProps"],
        json!({"id": 7, "title": "Post 7"})
    );
    assert_eq!(data["props"]["__N_SSP"], true);
    assert_eq!(data["page"], "/posts/[id]");
    assert_eq!(data["query"], json!({"ref": "home", "id": "7"}));
    assert_eq!(data["gssp"], true);
    assert_eq!(data["isFallback"], false);
    assert!(
        data.get("nextExport").is_none() && data.get("autoExport").is_none(),
        "a page with a props function is rendered per request, not exported"
    );
    // The header the props function set is kept as is.
    assert_eq!(
        res.header("cache-control"),
        Some("public, s-maxage=10, stale-while-revalidate=59")
    );
}

#[actix_web::test]
async fn build_id_is_the_same_across_pages_and_requests() {
    let a = get("/").await.next_data()["buildId"].clone();
    let b = get("/posts/1").await.next_data()["buildId"].clone();
    assert_eq!(a, b);
    // It is the hash of the app's sources and lock file, as the build script computes it
    // (unless NEXT_BUILD_ID set it), so every instance of one build agrees on it.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected = match option_env!("NEXT_BUILD_ID") {
        Some(id) if !id.is_empty() => id.to_owned(),
        _ => next_runtime::build::build_id(
            None,
            &root.join("src"),
            Some(&root.parent().unwrap().join("Cargo.lock")),
        )
        .unwrap(),
    };
    assert_eq!(a.as_str(), Some(expected.as_str()));
    assert_eq!(a.as_str(), Some(pages::BUILD_ID));
}

/// The build script tells cargo when to run again: on any change under `src/` (pages
/// included), to `Cargo.lock`, to `NEXT_BUILD_ID`, or under `public/`. Read from what this crate's own build
/// printed.
#[::core::prelude::v1::test]
fn the_build_script_reruns_when_pages_sources_or_the_lock_change() {
    let out_dir = std::path::Path::new(env!("OUT_DIR"));
    let output = std::fs::read_to_string(out_dir.parent().unwrap().join("output")).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let reruns: Vec<&str> = output
        .lines()
        .filter(|line| line.starts_with("cargo:rerun-if"))
        .collect();
    let lock = root.parent().unwrap().join("Cargo.lock");
    let expected = [
        format!(
            "cargo:rerun-if-changed={}",
            root.join("src/pages").display()
        ),
        format!("cargo:rerun-if-changed={}", root.join("src").display()),
        format!("cargo:rerun-if-changed={}", lock.display()),
        "cargo:rerun-if-env-changed=NEXT_BUILD_ID".to_owned(),
        format!("cargo:rerun-if-changed={}", root.join("public").display()),
    ];
    assert_eq!(reruns, expected, "{output}");
}

#[actix_web::test]
async fn routes_follow_nextjs_priority() {
    assert!(get("/blog/abc").await.body.contains("static abc"));
    assert!(get("/blog/other").await.body.contains("dynamic other"));
    // `/posts/[id]` does not match deeper paths; nothing else does either.
    common::assert_custom_404(&get("/posts/1/extra").await, "/posts/1/extra");
}

#[actix_web::test]
async fn optional_catch_all_matches_zero_or_more_segments() {
    let res = get("/docs").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains(r#"<p id="slug">(index)</p>"#));
    assert_eq!(res.next_data()["props"]["pageProps"], json!({"slug": null}));
    assert_eq!(res.next_data()["query"], json!({}));

    // A catch-all is a list in `query` even with one segment, as in Next.js.
    let res = get("/docs/a").await;
    assert_eq!(res.next_data()["query"], json!({"slug": ["a"]}));

    let res = get("/docs/a/b").await;
    assert!(res.body.contains(r#"<p id="slug">a|b</p>"#));
    assert_eq!(res.next_data()["query"], json!({"slug": ["a", "b"]}));
}

#[actix_web::test]
async fn catch_all_needs_a_segment_and_decodes_each_one() {
    common::assert_custom_404(&get("/files").await, "/files");
    let res = get("/files/test1/%2Ftest2/a%20b").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.next_data()["props"]["pageProps"]["path"],
        json!(["test1", "/test2", "a b"])
    );
}

#[actix_web::test]
async fn context_holds_params_query_url_method_and_cookies() {
    let req = test::TestRequest::post()
        .uri("/echo/42?id=from-query&tag=a&tag=b")
        .cookie(actix_web::cookie::Cookie::new("session", "s3cret"));
    let res = request_with(Settings::from_env(), req).await;
    assert_eq!(res.status, StatusCode::OK, "props pages answer POST");
    assert_eq!(
        res.next_data()["props"]["pageProps"],
        json!({
            "id": "42",
            "query_id": ["42"],
            "tags": ["a", "b"],
            "resolved_url": "/echo/42?id=from-query&tag=a&tag=b",
            "req_url": "/echo/42?id=from-query&tag=a&tag=b",
            "method": "POST",
            "session": "s3cret",
        })
    );
}

#[actix_web::test]
async fn ctx_res_sets_status_headers_and_cookies() {
    let res = get("/response").await;
    assert_eq!(res.status, StatusCode::CREATED);
    assert_eq!(res.header("x-custom"), Some("yes"));
    assert_eq!(res.header("set-cookie"), Some("visited=1"));
    assert_eq!(
        res.header("cache-control"),
        Some("private, no-cache, no-store, max-age=0, must-revalidate"),
        "the default for props pages when the function sets none"
    );
}

#[actix_web::test]
async fn props_cannot_close_the_next_data_script() {
    let res = get("/response").await;
    let script = res.body.split(r#"id="__NEXT_DATA__""#).nth(1).unwrap();
    assert!(script.contains(
        r#"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e\u0026\u2028"#
    ));
    assert_eq!(
        script.matches("</script>").count(),
        1,
        "only the real closing tag"
    );
    assert_eq!(
        res.next_data()["props"]["pageProps"]["evil"],
        "</script><script>alert(1)</script>&\u{2028}"
    );
    // maud escapes the same text in the page body.
    assert!(res.body.contains("<p>&lt;/script&gt;"));
}

#[actix_web::test]
async fn not_found_uses_the_custom_404_page_and_keeps_cookies() {
    let res = get("/posts/not-a-number").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("Custom 404: nothing here"));

    let res = get("/failures?mode=missing").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("Custom 404"));
    assert_eq!(res.header("set-cookie"), Some("seen=1"));

    let res = get("/no/such/page").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("Custom 404"));
    assert_eq!(res.next_data()["page"], "/404");
}

#[actix_web::test]
async fn redirects_carry_their_status_and_location() {
    let res = get("/posts/0").await;
    assert_eq!(res.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(res.header("location"), Some("/posts/1"));
    assert_eq!(res.header("refresh"), Some("0;url=/posts/1"));

    let res = get("/failures?mode=temporary").await;
    assert_eq!(res.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(res.header("location"), Some("/elsewhere?x=1"));
    assert_eq!(res.header("refresh"), None);
}

#[actix_web::test]
async fn a_redirect_status_next_rejects_is_a_500() {
    let dev = Settings::from_env().dev(true);
    let res = request_with(
        dev,
        test::TestRequest::get().uri("/failures?mode=bad-redirect"),
    )
    .await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.body.contains(
        "Invalid redirect object returned from getServerSideProps for /failures?mode=bad-redirect"
    ));
    assert!(res
        .body
        .contains("`statusCode` must undefined or one of 301, 302, 303, 307, 308"));
}

#[actix_web::test]
async fn errors_and_panics_give_500_without_details_in_production() {
    for mode in ["error", "panic", "bad-header"] {
        let res = get(&format!("/failures?mode={mode}")).await;
        assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR, "{mode}");
        assert!(res.body.contains("Custom 500: something broke"), "{mode}");
        for secret in [
            "invalid digit",
            "secret panic detail",
            "failures.rs",
            "valid HTTP header",
        ] {
            assert!(!res.body.contains(secret), "{mode}: leaked {secret:?}");
        }
        assert_eq!(
            res.header("cache-control"),
            Some("no-cache, no-store, max-age=0, must-revalidate")
        );
    }
}

#[actix_web::test]
async fn dev_mode_shows_the_error_and_the_page_file() {
    let dev = || Settings::from_env().dev(true);
    let res = request_with(dev(), test::TestRequest::get().uri("/failures?mode=error")).await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.body.contains("invalid digit found in string"));
    assert!(res.body.contains("src/pages/failures.rs"));

    let res = request_with(dev(), test::TestRequest::get().uri("/failures?mode=panic")).await;
    assert!(res.body.contains("secret panic detail"));

    let res = request_with(
        dev(),
        test::TestRequest::get().uri("/failures?mode=bad-header"),
    )
    .await;
    assert!(res.body.contains("not a valid HTTP header value"));
}

#[actix_web::test]
async fn the_server_keeps_serving_after_a_panic() {
    let app = test::init_service(
        App::new().configure(pages::configure_with(Settings::from_env().dev(false))),
    )
    .await;
    for _ in 0..3 {
        let res = test::call_service(
            &app,
            test::TestRequest::get()
                .uri("/failures?mode=panic")
                .to_request(),
        )
        .await;
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let res =
            test::call_service(&app, test::TestRequest::get().uri("/posts/3").to_request()).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
}

#[actix_web::test]
async fn static_pages_answer_get_and_head_only() {
    let head = request_with(
        Settings::from_env(),
        test::TestRequest::default().method(Method::HEAD).uri("/"),
    )
    .await;
    assert_eq!(head.status, StatusCode::OK);
    let post = request_with(Settings::from_env(), test::TestRequest::post().uri("/")).await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
}

#[actix_web::test]
async fn a_bad_percent_escape_is_a_400_not_a_crash() {
    let res = get("/posts/%zz").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(
        res.body.contains("<title>400: Bad Request</title>"),
        "{}",
        res.body
    );
    assert_eq!(
        res.header("cache-control"),
        Some("no-cache, no-store, max-age=0, must-revalidate"),
        "an error page is never cached"
    );
    assert_eq!(get("/posts/5").await.status, StatusCode::OK);
}

#[actix_web::test]
async fn routes_table_is_public_and_ordered() {
    let patterns: Vec<&str> = pages::ROUTES.iter().map(|r| r.pattern()).collect();
    assert_eq!(
        patterns,
        [
            "/",
            "/about",
            "/api/cms-draft",
            "/api/draft",
            "/api/echo",
            "/api/files/[...path]",
            "/api/hello",
            "/api/panics",
            "/api/revalidate",
            "/api/stream",
            "/api/users/[id]",
            "/app-panics",
            "/big",
            "/blog/abc",
            "/blog/[id]",
            "/cached",
            "/client-fetch",
            "/counted",
            "/docs/[[...slug]]",
            "/draft",
            "/echo/[id]",
            "/edge/search",
            "/edge/[id]",
            "/extract-json",
            "/extractors",
            "/failures",
            "/files/[...path]",
            "/index/foo",
            "/inspect",
            "/links",
            "/posts/[id]",
            "/render-panics",
            "/response",
            "/serialize-panics",
            "/slow",
            "/ssg",
            "/ssg/blocking/[id]",
            "/ssg/fallback/[id]",
            "/ssg/isr/[id]",
            "/ssg/posts/[id]",
            "/static-panics",
            "/styled",
            "/unserializable",
            "/upstream",
        ]
    );
    let post = pages::ROUTES
        .iter()
        .find(|r| r.pattern() == "/posts/[id]")
        .unwrap();
    assert_eq!(post.file(), "posts/[id].rs");
    assert_eq!(post.kind(), next_runtime::PageKind::ServerSide);
    assert_eq!(pages::ROUTES[0].kind(), next_runtime::PageKind::Static);
    let generated = pages::ROUTES
        .iter()
        .find(|r| r.pattern() == "/ssg")
        .unwrap();
    assert_eq!(generated.kind(), next_runtime::PageKind::StaticProps);
}

#[actix_web::test]
async fn routes_registered_by_the_app_take_precedence() {
    let app = test::init_service(
        App::new()
            .route(
                "/posts/99",
                actix_web::web::get().to(|| async { "hand-written" }),
            )
            .configure(pages::configure),
    )
    .await;
    let res =
        test::call_service(&app, test::TestRequest::get().uri("/posts/99").to_request()).await;
    assert_eq!(test::read_body(res).await, "hand-written");
}
