//! Helpers shared by the HTTP test files: send a request through the test app's real
//! generated route table and look at what a client would see.
#![allow(dead_code)] // each test file uses its own subset

pub mod instance;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use actix_web::dev::ServiceResponse;
use actix_web::http::{header, StatusCode};
use actix_web::{test, App, HttpServer};
use next_runtime::Settings;
use next_tests::pages;
use serde_json::Value;

pub struct Response {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub body: String,
    /// The body as sent, for bodies that are no text (images, compressed ones).
    pub bytes: Vec<u8>,
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

/// Production mode, with the test app's state (the CMS its static pages read).
pub fn production() -> Settings {
    Settings::from_env().dev(false).state(next_tests::cms())
}

/// Dev mode, with the test app's state.
pub fn dev() -> Settings {
    Settings::from_env().dev(true).state(next_tests::cms())
}

pub async fn request_with(settings: Settings, req: test::TestRequest) -> Response {
    call(pages::configure_with(settings), req).await
}

/// Sends `req` to an app made of `configure` (any generated `pages::configure_with`).
pub async fn call(
    configure: impl FnOnce(&mut actix_web::web::ServiceConfig),
    req: test::TestRequest,
) -> Response {
    let app = test::init_service(App::new().configure(configure)).await;
    let res: ServiceResponse = test::call_service(&app, req.to_request()).await;
    let status = res.status();
    let headers = res.headers().clone();
    // The whole body, however it is sent: a streamed body must not read as empty.
    let body = test::read_body(res).await;
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        bytes: body.to_vec(),
    }
}

/// A production-mode GET.
pub async fn get(uri: &str) -> Response {
    request_with(production(), test::TestRequest::get().uri(uri)).await
}

/// The client router's request for a page: its data route with the page's markup too, as
/// `router.js` sends it.
pub fn router_request(uri: &str) -> test::TestRequest {
    test::TestRequest::get()
        .uri(uri)
        .insert_header(("x-nextjs-data", "1"))
        .insert_header(("x-next-render", "html"))
}

/// A POST of `body` to `uri` as a browser's form sends it (`application/x-www-form-urlencoded`).
pub fn form_post(uri: &str, body: &'static str) -> test::TestRequest {
    test::TestRequest::post()
        .uri(uri)
        .insert_header(("content-type", "application/x-www-form-urlencoded"))
        .set_payload(body)
}

/// The data-route URL of a page path in the test app.
pub fn data(page_path: &str) -> String {
    next_runtime::data_url(pages::BUILD_ID, page_path)
}

/// A running test app; stops when dropped.
pub struct Server {
    pub addr: SocketAddr,
    handle: actix_web::dev::ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start() -> Self {
        Server::start_app(|cfg| pages::configure_with(production())(cfg))
    }

    /// A production server for any app: `configure` mounts its pages.
    pub fn start_app(
        configure: impl Fn(&mut actix_web::web::ServiceConfig) + Send + Clone + 'static,
    ) -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(move || App::new().configure(configure.clone()))
                    .workers(1)
                    .bind(("127.0.0.1", 0))
                    .unwrap();
                let addr = server.addrs()[0];
                let server = server.run();
                tx.send((addr, server.handle())).unwrap();
                server.await.unwrap();
            });
        });
        let (addr, handle) = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("server started");
        Server {
            addr,
            handle,
            thread: Some(thread),
        }
    }

    /// Sends raw bytes, returns the raw response (the connection is closed after it).
    pub fn send(&self, request: &[u8]) -> String {
        send_to(self.addr, request)
    }

    pub fn get(&self, target: &str) -> String {
        get_from(self.addr, target)
    }
}

/// Sends raw bytes to any server at `addr` (an in-process [`Server`] or a process of its
/// own), returns the raw response; the connection is closed after it.
pub fn send_to(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut response = Vec::new();
    // The server may close as soon as it answers an oversized request.
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

/// One `GET target` to `addr` on a connection of its own: the raw response.
pub fn get_from(addr: SocketAddr, target: &str) -> String {
    send_to(
        addr,
        format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

impl Drop for Server {
    fn drop(&mut self) {
        // From a thread of its own: the caller may be inside an async runtime.
        let handle = self.handle.clone();
        let _ =
            std::thread::spawn(move || actix_web::rt::System::new().block_on(handle.stop(false)))
                .join();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Asserts an error answer as a visitor sees it: `status`, an HTML page, and `text` on it
/// (`what` names the request in a failure).
pub fn assert_error_page(res: &Response, status: StatusCode, text: &str, what: &str) {
    assert_eq!(res.status, status, "{what}");
    assert_eq!(
        res.header("content-type"),
        Some("text/html; charset=utf-8"),
        "{what}"
    );
    assert!(res.body.contains(text), "{what}: {}", res.body);
}

/// The test app's own 404 page (`src/pages/404.rs`), with status 404.
pub fn assert_custom_404(res: &Response, what: &str) {
    assert_error_page(res, StatusCode::NOT_FOUND, "Custom 404: nothing here", what);
}
