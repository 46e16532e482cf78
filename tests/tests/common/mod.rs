//! Helpers shared by the HTTP test files: send a request through the test app's real
//! generated route table and look at what a client would see.
#![allow(dead_code)] // each test file uses its own subset

use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::{header, StatusCode};
use actix_web::{test, App};
use next_runtime::Settings;
use next_tests::pages;
use serde_json::Value;

pub struct Response {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    /// The parsed `__NEXT_DATA__` payload of an HTML page.
    pub fn next_data(&self) -> Value {
        let start_tag = r#"<script id="__NEXT_DATA__" type="application/json">"#;
        let start = self.body.find(start_tag).expect("page has __NEXT_DATA__") + start_tag.len();
        let end = start + self.body[start..].find("</script>").unwrap();
        serde_json::from_str(&self.body[start..end]).expect("__NEXT_DATA__ is JSON")
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub fn production() -> Settings {
    Settings::from_env().dev(false)
}

pub fn dev() -> Settings {
    Settings::from_env().dev(true)
}

pub async fn request_with(settings: Settings, req: test::TestRequest) -> Response {
    let app = test::init_service(App::new().configure(pages::configure_with(settings))).await;
    let res: ServiceResponse = test::call_service(&app, req.to_request()).await;
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().try_into_bytes().unwrap_or_default();
    Response {
        status,
        headers,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

/// A production-mode GET.
pub async fn get(uri: &str) -> Response {
    request_with(production(), test::TestRequest::get().uri(uri)).await
}

/// The data-route URL of a page path in the test app.
pub fn data(page_path: &str) -> String {
    next_runtime::data_url(pages::BUILD_ID, page_path)
}
