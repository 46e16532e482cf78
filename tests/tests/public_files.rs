//! `public/` and `asset!`, as a browser or a crawler sees them: each file at its path with
//! its type, validator and caching; its hashed copy cached for good; ahead of dynamic routes;
//! and nothing outside the folder, however the path is spelt.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use common::{get, production, request_with, Response, Server};

const ROBOTS: &str = include_str!("../public/robots.txt");
const SITE_CSS: &str = include_str!("../public/styles/site.css");
const LOGO: &[u8] = include_bytes!("../public/img/logo.png");

async fn send(req: TestRequest) -> Response {
    request_with(production(), req).await
}

#[actix_web::test]
async fn a_public_file_is_served_at_its_path_with_type_etag_and_nexts_cache_control() {
    let res = get("/robots.txt").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, ROBOTS);
    assert_eq!(
        res.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(res.header("cache-control"), Some("public, max-age=0"));
    assert_eq!(res.header("accept-ranges"), Some("bytes"));
    let etag = res.header("etag").expect("an ETag").to_owned();

    let again = send(
        TestRequest::get()
            .uri("/robots.txt")
            .insert_header(("if-none-match", etag.as_str())),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.bytes.is_empty());

    let logo = get("/img/logo.png").await;
    assert_eq!(logo.status, StatusCode::OK);
    assert_eq!(logo.header("content-type"), Some("image/png"));
    assert_eq!(logo.bytes, LOGO);

    let spaced = get("/my%20file.txt").await;
    assert_eq!(spaced.body, "A name with a space.\n");
}

#[test]
fn head_has_the_headers_and_no_body() {
    let server = Server::start();
    let raw =
        server.send(b"HEAD /robots.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert!(raw.starts_with("HTTP/1.1 200 OK\r\n"), "{raw}");
    assert!(
        raw.to_ascii_lowercase()
            .contains(&format!("content-length: {}\r\n", ROBOTS.len())),
        "{raw}"
    );
    assert!(
        raw.ends_with("\r\n\r\n"),
        "a HEAD answer has no body: {raw}"
    );
}

#[actix_web::test]
async fn other_methods_are_refused_with_the_allowed_ones() {
    let res = send(TestRequest::post().uri("/robots.txt")).await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.header("allow"), Some("GET, HEAD"));
}

#[actix_web::test]
async fn a_public_file_beats_a_dynamic_route_and_the_route_keeps_the_rest() {
    let readme = get("/files/readme.txt").await;
    assert_eq!(readme.body, include_str!("../public/files/readme.txt"));
    assert_eq!(
        readme.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    let guide = get("/docs/guide.txt").await;
    assert_eq!(guide.body, include_str!("../public/docs/guide.txt"));
    // The catch-all still answers every path that is no file.
    let page = get("/files/other.txt").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<li>other.txt</li>"), "{}", page.body);
}

#[actix_web::test]
async fn byte_ranges_are_served_and_bad_ones_refused() {
    let part = send(
        TestRequest::get()
            .uri("/robots.txt")
            .insert_header(("range", "bytes=0-9")),
    )
    .await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.body, &ROBOTS[..10]);
    assert_eq!(
        part.header("content-range").unwrap(),
        format!("bytes 0-9/{}", ROBOTS.len())
    );

    let tail = send(
        TestRequest::get()
            .uri("/robots.txt")
            .insert_header(("range", "bytes=-5")),
    )
    .await;
    assert_eq!(tail.body, &ROBOTS[ROBOTS.len() - 5..]);

    let past = send(
        TestRequest::get()
            .uri("/robots.txt")
            .insert_header(("range", "bytes=9999-")),
    )
    .await;
    assert_eq!(past.status, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(
        past.header("content-range").unwrap(),
        format!("bytes */{}", ROBOTS.len())
    );

    // An If-Range for another version gets the whole, current file.
    let changed = send(
        TestRequest::get()
            .uri("/robots.txt")
            .insert_header(("range", "bytes=0-9"))
            .insert_header(("if-range", "\"an-older-version\"")),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_eq!(changed.body, ROBOTS);
}

#[test]
fn no_spelling_of_a_path_reaches_outside_public() {
    let server = Server::start();
    // Cargo.toml sits beside public/; each of these would name it, or src/lib.rs, if the
    // path were joined to the folder as it came.
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/%2E%2E/tests/Cargo.toml",
        "/..%2fCargo.toml",
        "/..%2FCargo.toml",
        "/..%5cCargo.toml",
        "/styles/..%2f..%2fCargo.toml",
        "/styles/%2e%2e/%2e%2e/src/lib.rs",
        "/robots.txt%00.png",
        "/styles%2fsite.css",
        "/styles%5csite.css",
        "//etc/passwd",
        "/img/../../Cargo.toml",
    ] {
        let raw = server.send(
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        let status = raw.get(9..12).unwrap_or("");
        assert!(
            !raw.contains("[package]") && !raw.contains("include_pages") && status != "200",
            "{target} answered:\n{raw}"
        );
    }
}

#[actix_web::test]
async fn an_asset_has_a_hashed_url_cached_for_good() {
    let page = get("/styled").await;
    let css_url = href_of(&page.body, "link rel=\"stylesheet\" href=\"");
    let logo_url = href_of(&page.body, "img src=\"");
    assert!(
        css_url.starts_with("/_next/static/media/styles/site.") && css_url.ends_with(".css"),
        "{css_url}"
    );
    assert!(
        logo_url.starts_with("/_next/static/media/img/logo."),
        "{logo_url}"
    );

    let css = get(&css_url).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.body, SITE_CSS);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(
        css.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(get(&logo_url).await.bytes, LOGO);
    // A name a URL cannot carry as it is, encoded in the page and decoded by the server.
    let spaced = href_of(&page.body, "a href=\"");
    assert!(
        spaced.starts_with("/_next/static/media/my%20file."),
        "{spaced}"
    );
    assert_eq!(get(&spaced).await.body, "A name with a space.\n");

    // Another hash is another version, which this build does not have.
    let other = format!("/_next/static/media/styles/site.{}.css", "0".repeat(16));
    assert_ne!(other, css_url);
    assert_eq!(get(&other).await.status, StatusCode::NOT_FOUND);
}

/// The attribute value after `prefix` in `html`.
fn href_of(html: &str, prefix: &str) -> String {
    let start = html
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {html}"))
        + prefix.len();
    html[start..][..html[start..].find('"').unwrap()].to_owned()
}
