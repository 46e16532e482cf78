//! Props functions taking actix-web extractors after `ctx`: app state, a typed query, a
//! posted form or JSON body, on the page and on its data route; a failing extractor answers
//! with its status and the props function never runs.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use actix_web::web;
use common::{call, data, dev, form_post, production, request_with, Response};
use next_runtime::Settings;
use next_tests::{pages, Greeting, EXTRACTOR_PAGE_RUNS};

/// The test app with a `web::Data<Greeting>` registered, as a user's `main` would.
async fn with_state(settings: Settings, req: TestRequest) -> Response {
    let configure = |cfg: &mut web::ServiceConfig| {
        cfg.app_data(web::Data::new(Greeting("hello from app state".into())));
        pages::configure_with(settings)(cfg);
    };
    call(configure, req).await
}

#[actix_web::test]
async fn app_state_and_a_typed_query_reach_the_props_function() {
    let page = with_state(production(), TestRequest::get().uri("/extractors?page=3")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let props = &page.next_data()["props"]["pageProps"];
    assert_eq!(props["greeting"], "hello from app state");
    assert_eq!(props["page"], 3);
    assert_eq!(props["posted"], serde_json::Value::Null, "no form on GET");

    // Without the state registered, `Option<web::Data<_>>` is `None`.
    let bare = request_with(production(), TestRequest::get().uri("/extractors?page=1")).await;
    assert_eq!(
        bare.next_data()["props"]["pageProps"]["greeting"],
        serde_json::Value::Null
    );
}

#[actix_web::test]
async fn the_data_route_extracts_from_its_own_request() {
    let uri = format!("{}?page=7", data("/extractors"));
    let json = with_state(production(), TestRequest::get().uri(&uri)).await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.body);
    assert_eq!(json.json()["pageProps"]["page"], 7);
    assert_eq!(json.json()["pageProps"]["greeting"], "hello from app state");

    let posted = with_state(production(), form_post(&uri, "text=from+the+data+route")).await;
    assert_eq!(posted.json()["pageProps"]["posted"], "from the data route");
    assert_eq!(posted.json()["pageProps"]["method"], "POST");
}

#[actix_web::test]
async fn a_posted_form_reaches_the_page() {
    let page = with_state(
        production(),
        form_post("/extractors?page=1", "text=caf%C3%A9+%3Cb%3E"),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.next_data()["props"]["pageProps"]["posted"], "café <b>");
    assert!(
        page.body.contains("café &lt;b&gt;"),
        "escaped in the markup"
    );
}

#[actix_web::test]
async fn a_json_body_reaches_the_page() {
    let req = TestRequest::post()
        .uri("/extract-json")
        .set_json(serde_json::json!({ "text": "sent as JSON" }));
    let page = request_with(production(), req).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.next_data()["props"]["pageProps"]["text"],
        "sent as JSON"
    );
}

#[actix_web::test]
async fn a_failing_extractor_answers_with_its_status_and_the_props_function_never_runs() {
    let runs = || EXTRACTOR_PAGE_RUNS.with(|runs| runs.get());
    let before = runs();
    for uri in ["/extractors", "/extractors?page=many"] {
        let res = with_state(production(), TestRequest::get().uri(uri)).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(res.body.contains("400"), "the status page: {}", res.body);
        assert!(
            !res.body.contains("field") && !res.body.contains("invalid"),
            "nothing of the query error in production: {}",
            res.body
        );
        assert_eq!(
            res.header("cache-control"),
            Some("no-cache, no-store, max-age=0, must-revalidate")
        );
    }
    let data_route = with_state(production(), TestRequest::get().uri(&data("/extractors"))).await;
    assert_eq!(data_route.status, StatusCode::BAD_REQUEST);
    assert_eq!(runs(), before, "never ran");

    let bad_json = TestRequest::post()
        .uri("/extract-json")
        .insert_header(("content-type", "application/json"))
        .set_payload("{\"text\":");
    assert_eq!(
        request_with(production(), bad_json).await.status,
        StatusCode::BAD_REQUEST
    );
    let wrong_type = TestRequest::post()
        .uri("/extract-json")
        .insert_header(("content-type", "text/plain"))
        .set_payload("hello");
    assert_eq!(
        request_with(production(), wrong_type).await.status,
        StatusCode::BAD_REQUEST
    );
    // Over `web::Json`'s 2 MiB: its 413, with a status page of that status.
    let huge = format!("{{\"text\":\"{}\"}}", "x".repeat(3 << 20));
    let huge = TestRequest::post()
        .uri("/extract-json")
        .insert_header(("content-type", "application/json"))
        .set_payload(huge);
    let huge = request_with(production(), huge).await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(huge.body.contains("413"), "{}", huge.body);
    assert!(huge.body.contains("Payload Too Large"), "{}", huge.body);
}

#[actix_web::test]
async fn dev_mode_shows_what_the_extractor_said() {
    let res = with_state(dev(), TestRequest::get().uri("/extractors")).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("missing field `page`"), "{}", res.body);
    assert!(res.body.contains("src/pages/extractors.rs"), "{}", res.body);
}

/// A props function calling an HTTP API (a small local server this test starts): its
/// answer becomes props, its 404 the page's, and a failure or a hang the 500 page.
#[actix_web::test]
async fn a_props_function_calls_an_http_api() {
    use actix_web::{web, HttpResponse};
    let api = common::Server::start_app(|cfg| {
        cfg.route(
            "/posts/{id}",
            web::get().to(|id: web::Path<String>| async move {
                match id.as_str() {
                    "1" => HttpResponse::Ok().json(serde_json::json!({ "title": "From the API" })),
                    "broken" => HttpResponse::InternalServerError().finish(),
                    "garbled" => HttpResponse::Ok().body("not json"),
                    "slow" => {
                        actix_web::rt::time::sleep(std::time::Duration::from_secs(2)).await;
                        HttpResponse::Ok().finish()
                    }
                    _ => HttpResponse::NotFound().finish(),
                }
            }),
        );
    });
    let base = format!("http://{}", api.addr);
    let page = |id: &str| {
        let base = base.clone();
        let req = TestRequest::get().uri(&format!("/upstream?id={id}"));
        async move {
            let configure = move |cfg: &mut web::ServiceConfig| {
                let client = awc::Client::builder()
                    .timeout(std::time::Duration::from_millis(500))
                    .finish();
                cfg.app_data(web::Data::new(client));
                cfg.app_data(web::Data::new(next_tests::Upstream(base)));
                pages::configure_with(production())(cfg);
            };
            call(configure, req).await
        }
    };
    let found = page("1").await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert_eq!(
        found.next_data()["props"]["pageProps"]["title"],
        "From the API"
    );
    assert_eq!(page("2").await.status, StatusCode::NOT_FOUND);
    for failing in ["broken", "garbled", "slow"] {
        assert_eq!(
            page(failing).await.status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "{failing}"
        );
    }
}

/// An edge props function takes `Send` extractors too, and fails the same way.
#[actix_web::test]
async fn an_edge_props_function_takes_send_extractors() {
    let page = with_state(production(), TestRequest::get().uri("/edge/search?q=rust")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let props = &page.next_data()["props"]["pageProps"];
    assert_eq!(props["q"], "rust");
    assert_eq!(props["greeting"], "hello from app state");
    let missing = with_state(production(), TestRequest::get().uri("/edge/search")).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
}

/// State the app never registered is the app's mistake: the 500 page, as actix answers a
/// handler's missing `web::Data`, and nothing of it in production.
#[actix_web::test]
async fn state_the_app_never_registered_is_a_500() {
    let res = request_with(production(), TestRequest::get().uri("/upstream?id=1")).await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.body.contains("500"), "{}", res.body);
    assert!(!res.body.contains("configured"), "{}", res.body);
}
