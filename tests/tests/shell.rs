//! The app shell: `_app.rs` wraps every page, `_document.rs` shapes the HTML, and a page
//! sets its own title and head tags.

mod common;

use common::{data, get};

#[actix_web::test]
async fn app_wraps_every_page_status_pages_included() {
    for uri in ["/", "/posts/3", "/no/such/page", "/failures?mode=error"] {
        let body = get(uri).await.body;
        assert!(
            body.contains(r#"<div id="__next"><header id="layout">Test app</header>"#),
            "{uri}: {body}"
        );
    }
}

#[actix_web::test]
async fn document_sets_lang_head_tags_and_body_attributes() {
    let body = get("/posts/3").await.body;
    assert!(
        body.starts_with(r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">"#),
        "{body}"
    );
    assert!(
        body.contains(
            r#"<link rel="icon" href="/favicon.ico"><script src="/_next/static/chunks/router-"#
        ),
        "{body}"
    );
    assert!(
        body.contains(r#"<body data-theme="light &amp; &quot;calm&quot;">"#),
        "{body}"
    );
}

#[actix_web::test]
async fn pages_set_their_title_and_meta_tags() {
    let body = get("/about").await.body;
    assert!(body.contains("<title>About &lt;us&gt;</title>"), "{body}");
    assert!(
        body.contains(r#"<meta name="description" content="Who we are">"#),
        "{body}"
    );
    let body = get("/posts/3").await.body;
    assert!(body.contains("<title>Post 3 | Test app</title>"), "{body}");
    // A page returning plain `Markup` has no title.
    assert!(!get("/").await.body.contains("<title>"));
}

#[actix_web::test]
async fn the_data_route_is_unchanged_by_the_shell() {
    let res = get(&data("/posts/3")).await;
    assert_eq!(
        res.body,
        r#"{"pageProps":{"id":3,"title":"Post 3"},"__N_SSP":true}"#
    );
}
