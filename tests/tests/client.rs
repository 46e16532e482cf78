//! The client router's contract with the server: the script, where pages load it, and the
//! data route's markup mode. (The browser tests drive the router itself.)

mod common;

use actix_web::http::StatusCode;
use common::{data, get, production, request_with};
use serde_json::{json, Value};

fn router_script_url(page: &str) -> String {
    let start = page
        .find("<script src=\"/_next/static/chunks/router-")
        .expect("router script tag")
        + 13;
    let end = start + page[start..].find('"').unwrap();
    page[start..end].to_owned()
}

async fn transition(uri: &str) -> common::Response {
    request_with(production(), common::router_request(uri)).await
}

#[actix_web::test]
async fn every_page_loads_the_router_script_from_an_immutable_url() {
    let home = get("/").await.body;
    let url = router_script_url(&home);
    assert!(home.contains(&format!("<script src=\"{url}\" defer></script></head>")));
    assert_eq!(router_script_url(&get("/posts/1").await.body), url);
    assert_eq!(router_script_url(&get("/no/such/page").await.body), url);
    let script = get(&url).await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        script.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert!(script.body.contains("window.next.router"));
    common::assert_custom_404(
        &get("/_next/static/chunks/router-0000000000000000.js").await,
        "another build's router script",
    );
}

#[actix_web::test]
async fn links_are_plain_anchors() {
    let home = get("/").await.body;
    assert!(home.contains(r#"<nav id="links"><a href="/posts/2">Post 2</a><a href="/about"><b>About</b></a><a href="/posts/0">Old post</a>"#), "{home}");
}

#[actix_web::test]
async fn the_router_gets_nexts_json_plus_the_page_markup() {
    let res = transition(&data("/posts/4")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("vary"), Some("x-next-render"));
    let body = res.json();
    assert_eq!(body["pageProps"], json!({"id": 4, "title": "Post 4"}));
    assert_eq!(body["__N_SSP"], true);
    let render = &body["__next_render"];
    assert_eq!(
        render["html"],
        r#"<header id="layout">Test app</header><h1>Post 4</h1>"#
    );
    assert_eq!(render["title"], "Post 4 | Test app");
    assert_eq!(render["nextData"]["page"], "/posts/[id]");
    assert_eq!(render["nextData"]["query"], json!({"id": "4"}));
    assert_eq!(render["nextData"]["props"]["pageProps"], body["pageProps"]);
}

#[actix_web::test]
async fn without_the_header_the_data_route_keeps_nexts_bytes() {
    let res = get(&data("/posts/4")).await;
    assert_eq!(
        res.body,
        r#"{"pageProps":{"id":4,"title":"Post 4"},"__N_SSP":true}"#
    );
    assert_eq!(res.header("vary"), Some("x-next-render"));
}

#[actix_web::test]
async fn static_pages_give_the_router_their_markup_and_nothing_else() {
    let res = transition(&data("/about")).await;
    assert_eq!(res.status, StatusCode::OK);
    let body: Value = res.json();
    assert_eq!(body["pageProps"], json!({}));
    assert!(body.get("__N_SSP").is_none());
    assert_eq!(body["__next_render"]["title"], "About <us>");
    assert_eq!(
        body["__next_render"]["head"],
        r#"<meta name="description" content="Who we are">"#
    );
    assert_eq!(
        get(&data("/about")).await.status,
        StatusCode::NOT_FOUND,
        "no data route for Next's client"
    );
}

#[actix_web::test]
async fn redirects_and_not_found_keep_their_shapes_for_the_router() {
    let res = transition(&data("/posts/0")).await;
    assert_eq!(
        res.json(),
        json!({"pageProps": {"__N_REDIRECT": "/posts/1", "__N_REDIRECT_STATUS": 308}, "__N_SSP": true})
    );
    let res = transition(&data("/posts/x")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.body, r#"{"notFound":true}"#);
}

#[actix_web::test]
async fn page_head_tags_sit_between_markers() {
    let body = get("/about").await.body;
    assert!(body.contains(r#"<meta name="next-head"><title>About &lt;us&gt;</title><meta name="description" content="Who we are"><meta name="next-head-end">"#), "{body}");
}
