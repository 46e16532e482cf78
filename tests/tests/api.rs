//! API routes: `src/pages/api/` files whose `#[api]` handlers are ordinary actix-web
//! handlers, reached through the same route table as pages.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use common::{data, get, production, request_with};
use next_tests::pages;
use serde_json::json;

#[actix_web::test]
async fn a_plain_handler_answers_any_method() {
    let res = get("/api/hello").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(res.json(), json!({"hello": "world", "method": "GET"}));
    let res = request_with(production(), TestRequest::delete().uri("/api/hello")).await;
    assert_eq!(res.json()["method"], "DELETE");
}

#[actix_web::test]
async fn path_query_and_json_extractors_work() {
    let res = get("/api/users/7?fields=name").await;
    assert_eq!(
        res.json(),
        json!({"id": 7, "fields": "name", "renamed": null})
    );
    let req = TestRequest::post()
        .uri("/api/users/8")
        .set_json(json!({"name": "Grace"}));
    let res = request_with(production(), req).await;
    assert_eq!(
        res.json(),
        json!({"id": 8, "fields": null, "renamed": "Grace"})
    );
}

#[actix_web::test]
async fn extractor_failures_answer_as_actix_does() {
    // `web::Path<u32>` that does not parse: actix-web's 404.
    assert_eq!(
        get("/api/users/not-a-number").await.status,
        StatusCode::NOT_FOUND
    );
    // A required `web::Json` body that does not parse: actix-web's 400.
    let req = TestRequest::post()
        .uri("/api/echo")
        .insert_header(("content-type", "application/json"))
        .set_payload("{not json");
    assert_eq!(
        request_with(production(), req).await.status,
        StatusCode::BAD_REQUEST
    );
    let req = TestRequest::post()
        .uri("/api/echo")
        .set_json(json!({"a": [1, 2]}));
    assert_eq!(
        request_with(production(), req).await.json(),
        json!({"a": [1, 2]})
    );
}

#[actix_web::test]
async fn catch_all_api_routes_get_the_rest_of_the_path() {
    assert_eq!(get("/api/files/a/b").await.body, "file: a/b");
    common::assert_custom_404(&get("/api/files").await, "/api/files");
}

#[actix_web::test]
async fn api_routes_have_no_data_route_and_are_listed_as_api() {
    common::assert_custom_404(&get(&data("/api/hello")).await, "no data route");
    let hello = pages::ROUTES
        .iter()
        .find(|r| r.pattern() == "/api/hello")
        .unwrap();
    assert_eq!(hello.kind(), next_runtime::PageKind::Api);
    assert_eq!(hello.file(), "api/hello.rs");
}
