//! Compression as a browser sees it: gzip or brotli when accepted, identity otherwise,
//! `Vary: Accept-Encoding`, an `ETag` per encoding, small bodies and images as they are, and
//! `Settings::compress(false)` for a proxy that compresses.

mod common;

use std::io::Read;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use common::{data, production, request_with, Response};
use next_runtime::Settings;

const SITE_CSS: &str = include_str!("../public/styles/site.css");

async fn send(settings: Settings, uri: &str, headers: &[(&str, &str)]) -> Response {
    let mut req = TestRequest::get().uri(uri);
    for &header in headers {
        req = req.insert_header(header);
    }
    request_with(settings, req).await
}

async fn accepting(uri: &str, encodings: &str) -> Response {
    send(production(), uri, &[("accept-encoding", encodings)]).await
}

/// The body as the browser reads it, decoded by its `Content-Encoding`.
fn decoded(res: &Response) -> String {
    let mut text = String::new();
    match res.header("content-encoding") {
        Some("br") => brotli::Decompressor::new(&res.bytes[..], 4096)
            .read_to_string(&mut text)
            .unwrap(),
        Some("gzip") => flate2::read::GzDecoder::new(&res.bytes[..])
            .read_to_string(&mut text)
            .unwrap(),
        None => return res.body.clone(),
        Some(other) => panic!("unexpected encoding {other}"),
    };
    text
}

fn varies_on_encoding(res: &Response) -> bool {
    res.headers
        .get_all("vary")
        .any(|v| v.to_str().unwrap().eq_ignore_ascii_case("accept-encoding"))
}

#[actix_web::test]
async fn pages_and_their_data_are_sent_in_the_encoding_the_browser_prefers() {
    let plain = send(production(), "/big", &[]).await;
    assert_eq!(plain.header("content-encoding"), None);
    assert!(
        varies_on_encoding(&plain),
        "identity answers vary too: {:?}",
        plain.headers
    );

    // A rendered page is encoded per response: gzip, the fast one, when the browser takes
    // it, as every browser does; brotli when it is all the browser takes.
    let browser = accepting("/big", "gzip, deflate, br, zstd").await;
    assert_eq!(browser.status, StatusCode::OK);
    assert_eq!(browser.header("content-encoding"), Some("gzip"));
    assert!(varies_on_encoding(&browser));
    assert_eq!(decoded(&browser), plain.body);
    assert!(
        browser.bytes.len() * 3 < plain.bytes.len(),
        "{} of {}",
        browser.bytes.len(),
        plain.bytes.len()
    );

    let brotli = accepting("/big", "br").await;
    assert_eq!(brotli.header("content-encoding"), Some("br"));
    assert_eq!(decoded(&brotli), plain.body);

    let json = accepting(&data("/big"), "gzip").await;
    assert_eq!(json.header("content-encoding"), Some("gzip"));
    assert!(decoded(&json).starts_with(r#"{"pageProps":{"lines":["line 0"#));

    let refused = accepting("/big", "br;q=0, gzip;q=0").await;
    assert_eq!(refused.header("content-encoding"), None);
}

#[actix_web::test]
async fn each_encoding_has_its_own_etag_and_304() {
    let identity = send(production(), "/styles/site.css", &[]).await;
    let brotli = accepting("/styles/site.css", "br").await;
    assert_eq!(decoded(&brotli), SITE_CSS);
    let (plain_tag, br_tag) = (
        identity.header("etag").unwrap(),
        brotli.header("etag").unwrap(),
    );
    assert_eq!(br_tag, format!("{}-br\"", plain_tag.trim_end_matches('"')));

    let cached = send(
        production(),
        "/styles/site.css",
        &[("accept-encoding", "br"), ("if-none-match", br_tag)],
    )
    .await;
    assert_eq!(cached.status, StatusCode::NOT_MODIFIED);
    // The identity copy's tag does not validate the brotli copy.
    let other = send(
        production(),
        "/styles/site.css",
        &[("accept-encoding", "br"), ("if-none-match", plain_tag)],
    )
    .await;
    assert_eq!(other.status, StatusCode::OK);
    assert_eq!(other.header("content-encoding"), Some("br"));
}

#[actix_web::test]
async fn static_bodies_are_compressed_once_at_their_best() {
    let first = accepting("/styles/site.css", "gzip").await;
    let second = accepting("/styles/site.css", "gzip").await;
    assert_eq!(first.header("content-encoding"), Some("gzip"));
    assert_eq!(first.bytes, second.bytes);
    // Made once, so brotli, the smaller, is worth it.
    let router = accepting(next_runtime::router_script_url(), "gzip, deflate, br, zstd").await;
    assert_eq!(router.header("content-encoding"), Some("br"));
    assert!(decoded(&router).contains("__NEXT_DATA__"));
}

#[actix_web::test]
async fn small_bodies_and_images_go_out_as_they_are() {
    let robots = accepting("/robots.txt", "br, gzip").await;
    assert_eq!(robots.header("content-encoding"), None);
    assert!(!varies_on_encoding(&robots));
    let logo = accepting("/img/logo.png", "br, gzip").await;
    assert_eq!(logo.header("content-encoding"), None);
    assert_eq!(logo.bytes, include_bytes!("../public/img/logo.png"));
}

#[actix_web::test]
async fn compression_can_be_turned_off() {
    let off = production().compress(false);
    let res = send(off, "/big", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-encoding"), None);
    assert!(!varies_on_encoding(&res));
}

#[actix_web::test]
async fn shared_cache_hits_are_sent_in_their_kept_encoding() {
    let settings = || production().shared_cache(1 << 20);
    let uri = "/big?cc=public,%20s-maxage=60";
    let gzip = [("accept-encoding", "gzip")];
    let first = send(settings(), uri, &gzip).await;
    assert_eq!(first.header("content-encoding"), Some("gzip"));
    let hit = send(settings(), uri, &gzip).await;
    assert_eq!(hit.header("x-nextjs-cache"), Some("HIT"));
    assert_eq!(hit.header("content-encoding"), Some("gzip"));
    assert!(varies_on_encoding(&hit));
    assert_eq!(decoded(&hit), decoded(&first));
    let plain = send(settings(), uri, &[]).await;
    assert_eq!(plain.header("x-nextjs-cache"), Some("HIT"));
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.body, decoded(&hit));
}

/// A streamed body of known size (an API route's `SizedStream`) goes out as it is, whole,
/// however it is asked for: only bodies held whole are encoded.
#[actix_web::test]
async fn a_streamed_body_is_sent_as_it_is() {
    let res = accepting("/api/stream", "gzip, br").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-encoding"), None);
    assert_eq!(res.body, "x".repeat(2048));
}
