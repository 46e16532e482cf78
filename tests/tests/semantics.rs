//! Next.js's request semantics (`shared/spec/nextjs-gssp.md` §1-4, 7), one section per point
//! of the request-semantics issue, through the test app's generated route table.

mod common;

use actix_web::http::{header, StatusCode};
use actix_web::test::TestRequest;
use common::{data, dev, get, production, request_with};
use next_tests::pages;
use serde_json::{json, Value};

// 1. The data route.

#[actix_web::test]
async fn data_route_answers_props_as_next_json() {
    let res = get(&data("/posts/7")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(
        res.body,
        r#"{"pageProps":{"id":7,"title":"Post 7"},"__N_SSP":true}"#
    );
}

#[actix_web::test]
async fn data_route_answers_redirects_as_json_with_200() {
    let res = get(&data("/posts/0")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.body,
        r#"{"pageProps":{"__N_REDIRECT":"/posts/1","__N_REDIRECT_STATUS":308},"__N_SSP":true}"#
    );
    assert_eq!(res.header("location"), None);
    let res = get(&format!("{}?mode=temporary", data("/failures"))).await;
    assert_eq!(res.json()["pageProps"]["__N_REDIRECT_STATUS"], 307);
    assert_eq!(res.json()["pageProps"]["__N_REDIRECT"], "/elsewhere?x=1");
}

#[actix_web::test]
async fn data_route_answers_not_found_as_json_404() {
    let res = get(&data("/posts/not-a-number")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(res.body, r#"{"notFound":true}"#);
}

#[actix_web::test]
async fn data_route_404s_for_wrong_build_id_missing_suffix_or_static_pages() {
    let wrong_id = "/_next/data/not-the-build/posts/7.json".to_owned();
    let no_suffix = data("/posts/7").trim_end_matches(".json").to_owned();
    for url in [
        wrong_id,
        no_suffix,
        data("/"),
        data("/blog/abc"),
        data("/no/such/page"),
    ] {
        let res = get(&url).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{url}");
        assert_eq!(
            res.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{url}"
        );
        assert!(
            res.body.contains("Custom 404"),
            "{url}: the 404 page, not data"
        );
    }
}

#[actix_web::test]
async fn data_route_never_renders_the_page() {
    assert_eq!(
        get("/render-panics").await.status,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    let res = get(&data("/render-panics")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, r#"{"pageProps":{"ok":true},"__N_SSP":true}"#);
}

#[actix_web::test]
async fn data_route_maps_index_paths_and_keeps_the_query() {
    assert_eq!(
        data("/index/foo"),
        format!("/_next/data/{}/index/index/foo.json", pages::BUILD_ID)
    );
    let res = get(&data("/index/foo")).await;
    assert_eq!(
        res.json(),
        json!({"pageProps": {"here": "/index/foo"}, "__N_SSP": true})
    );

    let url = format!("{}?tag=a&tag=b", data("/echo/5"));
    let props = get(&url).await.json()["pageProps"].clone();
    assert_eq!(props["tags"], json!(["a", "b"]));
    assert_eq!(props["id"], "5");
}

#[actix_web::test]
async fn data_route_names_the_matched_page_for_next_clients() {
    let req = TestRequest::get()
        .uri(&data("/posts/7"))
        .insert_header(("x-nextjs-data", "1"));
    let res = request_with(production(), req).await;
    assert_eq!(res.header("x-nextjs-matched-path"), Some("/posts/[id]"));
    assert_eq!(
        get(&data("/posts/7")).await.header("x-nextjs-matched-path"),
        None
    );
    let req = TestRequest::get()
        .uri(&data("/posts/x"))
        .insert_header(("x-nextjs-data", "1"));
    let res = request_with(production(), req).await;
    assert_eq!(res.header("x-nextjs-matched-path"), None, "only on 200");
}

// 2. The context.

#[actix_web::test]
async fn params_exist_only_on_dynamic_routes() {
    let props = get("/inspect?x=1").await.next_data()["props"]["pageProps"].clone();
    assert_eq!(props["params"], 0);
    assert_eq!(get("/inspect").await.next_data()["query"], json!({}));
}

#[actix_web::test]
async fn without_locales_the_context_and_payload_have_none() {
    let page = get("/inspect").await;
    let props = page.next_data()["props"]["pageProps"].clone();
    assert_eq!(props["locale"], Value::Null);
    assert_eq!(props["locales"], 0);
    assert_eq!(props["default_locale"], Value::Null);
    for key in ["locale", "locales", "defaultLocale", "isPreview"] {
        assert!(page.next_data().get(key).is_none(), "{key}");
    }
}

#[actix_web::test]
async fn resolved_url_drops_the_data_prefix_and_req_keeps_the_data_url() {
    let url = format!("{}?x=1&y=%20", data("/inspect"));
    let props = get(&url).await.json()["pageProps"].clone();
    assert_eq!(props["resolved_url"], "/inspect?x=1&y=%20");
    assert_eq!(props["req_url"], url);

    let props = get(&data("/echo/a%2Fb")).await.json()["pageProps"].clone();
    assert_eq!(props["id"], "a/b", "%2F stays inside its segment");
    assert_eq!(props["resolved_url"], "/echo/a%2Fb");
}

#[actix_web::test]
async fn query_merges_params_over_the_query_string() {
    let data = get("/echo/42?id=ignored&tag=a&tag=b").await.next_data();
    assert_eq!(data["query"], json!({"id": "42", "tag": ["a", "b"]}));
}

// 3. Validation, with Next's messages.

#[actix_web::test]
async fn unserializable_props_name_the_field_and_the_page() {
    let res = request_with(dev(), TestRequest::get().uri("/unserializable")).await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        res.body.contains("Error serializing `.stats.by_cell` returned from `getServerSideProps` in &quot;/unserializable&quot;."),
        "{}",
        res.body
    );
    assert!(res.body.contains("Reason: key must be a string"));
    let res = get("/unserializable").await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        res.body.contains("Custom 500: something broke"),
        "{}",
        res.body
    );
    assert!(!res.body.contains("by_cell"), "no details in production");
    assert!(
        !res.body.contains("Error serializing"),
        "no details in production"
    );
}

#[actix_web::test]
async fn a_panicking_serialize_is_a_500_not_a_dropped_connection() {
    let res = request_with(dev(), TestRequest::get().uri("/serialize-panics")).await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        res.body.contains(
            "serializing the props of &quot;/serialize-panics&quot; panicked: serializer exploded"
        ),
        "{}",
        res.body
    );
    assert_eq!(
        get(&data("/serialize-panics")).await.status,
        StatusCode::INTERNAL_SERVER_ERROR
    );
}

#[actix_web::test]
async fn redirect_statuses_outside_nexts_list_are_500_with_nexts_message() {
    let res = request_with(
        dev(),
        TestRequest::get().uri(&format!("{}?mode=bad-redirect", data("/failures"))),
    )
    .await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res
        .body
        .contains("Invalid redirect object returned from getServerSideProps for /_next/data/"));
    assert!(res
        .body
        .contains("`statusCode` must undefined or one of 301, 302, 303, 307, 308"));
}

#[actix_web::test]
async fn permanent_redirects_carry_refresh() {
    let res = get("/posts/0").await;
    assert_eq!(res.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(res.header("refresh"), Some("0;url=/posts/1"));
}

// 4. Errors.

#[actix_web::test]
async fn an_error_in_a_data_request_renders_the_500_page_not_json() {
    let res = get(&format!("{}?mode=error", data("/failures"))).await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(res.body.contains("Custom 500: something broke"));
    assert_eq!(
        res.header("cache-control"),
        Some("no-cache, no-store, max-age=0, must-revalidate")
    );
}

/// Records the fields of every tracing event of the process. Installed globally: tracing
/// caches per-callsite interest across threads, so a thread-local subscriber can miss events
/// whose callsite another test thread reached first.
mod capture {
    use std::sync::{Arc, Mutex};
    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    #[derive(Clone, Default)]
    pub struct Events(pub Arc<Mutex<Vec<String>>>);

    struct Fields(String);

    impl Visit for Fields {
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            self.0.push_str(&format!("{}={:?} ", field.name(), value));
        }
    }

    impl Subscriber for Events {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, _: &Attributes<'_>) -> Id {
            Id::from_u64(1)
        }
        fn record(&self, _: &Id, _: &Record<'_>) {}
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut fields = Fields(String::new());
            event.record(&mut fields);
            self.0.lock().unwrap().push(fields.0);
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }
}

#[actix_web::test]
async fn errors_are_logged_with_page_url_and_error() {
    static EVENTS: std::sync::OnceLock<capture::Events> = std::sync::OnceLock::new();
    let events = EVENTS.get_or_init(|| {
        let events = capture::Events::default();
        tracing::subscriber::set_global_default(events.clone()).expect("only this test sets one");
        events
    });
    get("/failures?mode=error&log-test=1").await;
    let events = events.0.lock().unwrap();
    let logged = events
        .iter()
        .find(|e| e.contains("url=/failures?mode=error&log-test=1"))
        .unwrap_or_else(|| panic!("no event for the request: {events:?}"));
    assert!(logged.contains("page=\"/failures\""), "{logged}");
    assert!(
        logged.contains("error=invalid digit found in string"),
        "{logged}"
    );
    assert!(logged.contains("file=\"failures.rs\""), "{logged}");
}

// 6. Caching.

#[actix_web::test]
async fn props_pages_default_to_private_no_cache_for_html_and_data() {
    let private = Some("private, no-cache, no-store, max-age=0, must-revalidate");
    assert_eq!(get("/echo/1").await.header("cache-control"), private);
    assert_eq!(get(&data("/echo/1")).await.header("cache-control"), private);
    let custom = Some("public, s-maxage=10, stale-while-revalidate=59");
    assert_eq!(get("/posts/1").await.header("cache-control"), custom);
    assert_eq!(get(&data("/posts/1")).await.header("cache-control"), custom);
}

/// docs/request-lifecycle.md's table, row by row, for the responses a props function does
/// not decide.
#[actix_web::test]
async fn every_kind_of_response_has_the_documented_cache_control() {
    let private = Some("private, no-cache, no-store, max-age=0, must-revalidate");
    let error = Some("no-cache, no-store, max-age=0, must-revalidate");
    let static_page = get("/").await;
    assert_eq!(static_page.status, StatusCode::OK);
    assert_eq!(
        static_page.header("cache-control"),
        None,
        "revalidated by ETag"
    );
    assert!(static_page.header("etag").is_some());
    for uri in [
        "/no/such/page".to_owned(),
        data("/posts/nope"),
        "/posts/nope".to_owned(),
    ] {
        let res = get(&uri).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(res.header("cache-control"), private, "{uri}");
    }
    let bad = get("/posts/%zz").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.header("cache-control"), error);
    let failed = get("/failures?mode=error").await;
    assert_eq!(failed.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(failed.header("cache-control"), error);
}

/// A props function that sets headers and a cookie, then fails: the 500 page carries none
/// of them (a half-made response must not reach the browser or a cache).
#[actix_web::test]
async fn a_500_drops_the_headers_and_cookies_set_on_ctx_res() {
    for uri in [
        "/failures?mode=error-after-headers".to_owned(),
        format!("{}?mode=error-after-headers", data("/failures")),
    ] {
        let res = get(&uri).await;
        assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR, "{uri}");
        assert!(
            res.body.contains("Custom 500: something broke"),
            "{uri}: {}",
            res.body
        );
        assert_eq!(res.header("x-partial"), None, "{uri}");
        assert_eq!(res.header("set-cookie"), None, "{uri}");
        assert_eq!(
            res.header("cache-control"),
            Some("no-cache, no-store, max-age=0, must-revalidate"),
            "{uri}"
        );
    }
}

#[actix_web::test]
async fn dev_mode_sends_no_store_on_pages_data_and_404s() {
    for uri in [
        "/posts/1".to_owned(),
        "/echo/1".to_owned(),
        "/".to_owned(),
        data("/posts/1"),
        "/no/such/page".to_owned(),
        data("/posts/nope"),
    ] {
        let res = request_with(dev(), TestRequest::get().uri(&uri)).await;
        assert_eq!(
            res.header("cache-control"),
            Some("no-store, must-revalidate"),
            "{uri}"
        );
    }
}

#[actix_web::test]
async fn etag_and_if_none_match_give_304_without_a_body() {
    for uri in ["/posts/3".to_owned(), data("/posts/3"), "/".to_owned()] {
        let first = get(&uri).await;
        let tag = first
            .header("etag")
            .unwrap_or_else(|| panic!("{uri} has no ETag"))
            .to_owned();
        assert_eq!(
            get(&uri).await.header("etag"),
            Some(tag.as_str()),
            "{uri}: same bytes, same tag"
        );
        let req = TestRequest::get()
            .uri(&uri)
            .insert_header((header::IF_NONE_MATCH, tag.clone()));
        let res = request_with(production(), req).await;
        assert_eq!(res.status, StatusCode::NOT_MODIFIED, "{uri}");
        assert_eq!(res.body, "");
        assert_eq!(res.header("etag"), Some(tag.as_str()));
        let req = TestRequest::get()
            .uri(&uri)
            .insert_header((header::IF_NONE_MATCH, "\"stale\""));
        assert_eq!(request_with(production(), req).await.status, StatusCode::OK);
    }
    assert_ne!(
        get("/posts/3").await.header("etag"),
        get("/posts/4").await.header("etag")
    );
}

// 7. Methods and URLs.

#[actix_web::test]
async fn props_pages_answer_any_method_static_pages_get_and_head() {
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let req = TestRequest::default()
            .method(method.parse().unwrap())
            .uri("/posts/2");
        assert_eq!(
            request_with(production(), req).await.status,
            StatusCode::OK,
            "{method}"
        );
        let req = TestRequest::default()
            .method(method.parse().unwrap())
            .uri("/blog/abc");
        let res = request_with(production(), req).await;
        assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert_eq!(res.header("allow"), Some("GET, HEAD"));
    }
}

#[actix_web::test]
async fn repeated_and_trailing_slashes_redirect_308_to_the_clean_path() {
    for (from, to) in [
        ("//posts//1", "/posts/1"),
        ("/posts/1/", "/posts/1"),
        ("/posts/1/?ref=x&y=1", "/posts/1?ref=x&y=1"),
        ("///", "/"),
        ("//evil.example/", "/evil.example"),
    ] {
        let res = get(from).await;
        assert_eq!(res.status, StatusCode::PERMANENT_REDIRECT, "{from}");
        assert_eq!(res.header("location"), Some(to), "{from}");
    }
}

#[actix_web::test]
async fn bad_percent_escapes_anywhere_are_400_with_the_error_page() {
    for uri in ["/posts/%zz", "/%", "/docs/a/%C3%28", "/no/such/%E0"] {
        let res = get(uri).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(
            res.body.contains("<div id=\"__next\">"),
            "{uri}: the error page"
        );
    }
    assert_eq!(
        get(&data("/posts/%zz")).await.status,
        StatusCode::BAD_REQUEST
    );
}

// The edge runtime.

#[actix_web::test]
async fn an_edge_props_function_sees_a_snapshot_of_the_request() {
    let req = TestRequest::post()
        .uri("/edge/7?tag=a")
        .insert_header(("user-agent", "edge-test"))
        .insert_header(("cookie", "theme=dark"));
    let page = request_with(production(), req).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.next_data()["props"]["pageProps"],
        json!({"id": "7", "method": "POST", "uri": "/edge/7?tag=a", "agent": "edge-test", "theme": "dark", "tag": "a", "resolved_url": "/edge/7?tag=a"})
    );
    assert_eq!(
        page.header("cache-control"),
        Some("private, no-cache, no-store, max-age=0, must-revalidate")
    );
    let data = get(&data("/edge/8")).await;
    assert_eq!(data.json()["pageProps"]["id"], "8");
    common::assert_custom_404(&get("/edge/missing").await, "/edge/missing");
}
