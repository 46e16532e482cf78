//! An app under a base path (`/shop`) with `trailingSlash: true`
//! (tests/base-path-app/build.rs): what lives under the prefix, what is written with it,
//! and where the slashes go.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use common::{call, production, Response};
use next_tests_base_path::pages;

async fn get(uri: &str) -> Response {
    call(
        pages::configure_with(production()),
        TestRequest::get().uri(uri),
    )
    .await
}

fn data(page_path: &str) -> String {
    format!(
        "/shop{}",
        next_runtime::data_url(pages::BUILD_ID, page_path)
    )
}

#[actix_web::test]
async fn pages_live_under_the_base_path_with_a_trailing_slash() {
    let home = get("/shop/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("<h1>Shop</h1>"));
    assert_eq!(
        home.header("x-shop"),
        Some("1"),
        "header rules apply under it"
    );
    let root = get("/shop").await;
    assert_eq!(root.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(root.header("location"), Some("/shop/"));
    let about = get("/shop/about?x=1").await;
    assert_eq!(about.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(about.header("location"), Some("/shop/about/?x=1"));
    assert!(get("/shop/about/").await.body.contains("About the shop"));
    let post = get("/shop/posts/7/").await;
    assert_eq!(post.next_data()["page"], "/posts/[id]");
    assert_eq!(
        post.next_data()["props"]["pageProps"]["resolved_url"],
        "/posts/7/"
    );
    assert_eq!(get("/shop/api/hello/").await.body, "hello");
}

#[actix_web::test]
async fn links_assets_and_the_router_are_written_under_it() {
    let home = get("/shop/").await;
    assert!(
        home.body.contains(r#"href="/shop/about/""#),
        "with its slash: no redirect to follow; {}",
        home.body
    );
    assert!(
        home.body
            .contains(r#"<script src="/shop/_next/static/chunks/router-"#)
            && home.body.contains(r#"data-base-path="/shop""#),
        "{}",
        home.body
    );
    let start = home.body.find(r#"id="logo" href=""#).unwrap() + r#"id="logo" href=""#.len();
    let asset = &home.body[start..start + home.body[start..].find('"').unwrap()];
    assert!(
        asset.starts_with("/shop/_next/static/media/logo."),
        "{asset}"
    );
    let served = get(asset).await;
    assert_eq!(
        (served.status, served.body.as_str()),
        (StatusCode::OK, "the logo\n")
    );
    let file = get("/shop/logo.txt").await;
    assert_eq!(
        file.status,
        StatusCode::OK,
        "a file keeps no trailing slash"
    );
    let router = home
        .body
        .split(r#"<script src=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert_eq!(get(router).await.status, StatusCode::OK);
}

#[actix_web::test]
async fn the_data_route_lives_under_it_without_a_slash() {
    let post = get(&data("/posts/1")).await;
    assert_eq!(post.status, StatusCode::OK);
    assert_eq!(post.json()["pageProps"]["id"], "1");
    let outside = get(&next_runtime::data_url(pages::BUILD_ID, "/posts/1")).await;
    assert_eq!(outside.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn redirects_go_under_it_unless_told_otherwise() {
    let rule = get("/shop/old/").await;
    assert_eq!(
        rule.header("location"),
        Some("/shop/about"),
        "a rule's destination"
    );
    let props = get("/shop/posts/1/?go=1").await;
    assert_eq!(
        props.header("location"),
        Some("/shop/about"),
        "a props function's"
    );
    let away = get("/shop/posts/1/?away=1").await;
    assert_eq!(
        away.header("location"),
        Some("/elsewhere"),
        "`outside_base_path()`"
    );
    let data_redirect = get(&format!("{}?go=1", data("/posts/1"))).await;
    assert_eq!(
        data_redirect.json()["pageProps"]["__N_REDIRECT"],
        "/shop/about"
    );
}

#[actix_web::test]
async fn outside_it_only_outside_rules_apply() {
    let root = get("/").await;
    assert_eq!(
        root.status,
        StatusCode::TEMPORARY_REDIRECT,
        "an `outside_base_path()` redirect"
    );
    assert_eq!(root.header("location"), Some("/shop"));
    for path in ["/about/", "/logo.txt", "/shopping/", "/api/hello/"] {
        assert_eq!(get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}
