//! The port the browser talks to. It forwards each request to the app process serving
//! now; a swap points new requests at the new process while the old one finishes those it
//! has, so no request is refused or cut. Under `/_next/dev/` it answers itself: the
//! browser client and its event stream.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::{Frame, Incoming};
use hyper::header::{HeaderValue, ACCEPT, CACHE_CONTROL, CONTENT_TYPE};
use hyper::{Request, Response, StatusCode};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;
use tokio::sync::{broadcast, mpsc, watch};

use next_conventions::dev::{CLIENT_PATH, EVENTS_PATH, PREFIX};

use super::events::Hub;

/// Every body the proxy sends: the app's, streamed, or its own.
type Body = UnsyncBoxBody<Bytes, hyper::Error>;

/// The browser client, served at [`CLIENT_PATH`].
const CLIENT: &str = include_str!("client.js");

/// How often an idle event stream says it is alive (and learns whether the browser is).
const PING: Duration = Duration::from_secs(15);

/// An app process requests can go to.
#[derive(Debug)]
pub struct Upstream {
    pub port: u16,
    /// The build it runs.
    pub build: u64,
}

/// Where requests go now.
#[derive(Debug, Clone)]
pub enum Route {
    /// The first build runs: requests wait for it.
    Pending,
    /// This app process answers. Each request holds the `Arc` until its response body is
    /// done, so the process is stopped only once nothing uses it.
    App(Arc<Upstream>),
    /// No app runs (the first build failed, the app crashed): pages show the overlay.
    Down,
}

/// What every connection shares.
pub struct Proxy {
    pub route: watch::Sender<Route>,
    pub hub: Hub,
    client: Client<HttpConnector, Body>,
}

impl Proxy {
    pub fn new() -> Arc<Proxy> {
        // Idle connections are dropped well before the app's keep-alive (actix: 5 s) would
        // close them under a request.
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(1))
            .build_http();
        Arc::new(Proxy {
            route: watch::channel(Route::Pending).0,
            hub: Hub::new(),
            client,
        })
    }

    /// Accepts connections on `listener` until the task is dropped.
    pub async fn serve(self: Arc<Proxy>, listener: TcpListener) {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                // Out of file descriptors, say: wait a little rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            };
            let proxy = Arc::clone(&self);
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| {
                    let proxy = Arc::clone(&proxy);
                    async move { Ok::<_, Infallible>(Proxy::answer(proxy, req).await) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    }

    async fn answer(self: Arc<Proxy>, req: Request<Incoming>) -> Response<Body> {
        match req.uri().path() {
            CLIENT_PATH => own(
                StatusCode::OK,
                "text/javascript; charset=utf-8",
                Bytes::from_static(CLIENT.as_bytes()),
            ),
            EVENTS_PATH => self.events(),
            // The dev server's own paths never reach the app.
            path if path.starts_with(PREFIX) => own(
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                Bytes::from_static(b"cargo next dev: no such path\n"),
            ),
            _ => self.forward(req).await,
        }
    }

    async fn forward(&self, mut req: Request<Incoming>) -> Response<Body> {
        let mut route = self.route.subscribe();
        let upstream = match route
            .wait_for(|route| !matches!(route, Route::Pending))
            .await
        {
            Ok(route) => match &*route {
                Route::App(upstream) => Arc::clone(upstream),
                _ => return self.down(&req),
            },
            Err(_) => return self.down(&req),
        };
        let path = req.uri().path_and_query().map_or("/", |pq| pq.as_str());
        let uri = format!("http://127.0.0.1:{}{path}", upstream.port);
        *req.uri_mut() = match uri.parse() {
            Ok(uri) => uri,
            Err(_) => {
                return own(
                    StatusCode::BAD_REQUEST,
                    "text/plain",
                    Bytes::from_static(b"bad request target\n"),
                )
            }
        };
        let accepts_html = accepts_html(&req);
        // A request without a body can be sent again if the connection it went out on
        // turns out closed (the app closed it as it left the pool).
        let again = without_body(&req).then(|| {
            let mut copy = Request::new(empty());
            *copy.method_mut() = req.method().clone();
            *copy.uri_mut() = req.uri().clone();
            *copy.headers_mut() = req.headers().clone();
            copy
        });
        let mut response = self.client.request(req.map(BodyExt::boxed_unsync)).await;
        if let (Err(_), Some(again)) = (&response, again) {
            response = self.client.request(again).await;
        }
        match response {
            Ok(response) => response.map(|body| {
                // The process is kept until the body is sent in full.
                body.map_frame(move |frame| {
                    let _kept = &upstream;
                    frame
                })
                .boxed_unsync()
            }),
            Err(_) => self.unreachable(accepts_html, upstream.build),
        }
    }

    /// The answer when no app runs: for a page, a document whose client shows the
    /// overlay (and reloads when a build serves); otherwise a plain 503.
    fn down(&self, req: &Request<Incoming>) -> Response<Body> {
        let summary = match self.hub.problem() {
            Some(problem) => match (&problem.file, problem.line) {
                (Some(file), Some(line)) => format!("{} ({file}:{line})", problem.message),
                _ => problem.message,
            },
            None => "the app is not running".to_string(),
        };
        let page = accepts_html(req);
        let status = if page {
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            StatusCode::SERVICE_UNAVAILABLE
        };
        no_app(status, page, &summary, 0)
    }

    /// The app process of `build` was there a moment ago and no longer answers (it
    /// crashed): the page's client reloads only once another build serves.
    fn unreachable(&self, accepts_html: bool, build: u64) -> Response<Body> {
        no_app(
            StatusCode::BAD_GATEWAY,
            accepts_html,
            "the app stopped answering",
            build,
        )
    }

    /// The event stream: the state now, then every event, and a ping when idle.
    fn events(self: Arc<Proxy>) -> Response<Body> {
        let (first, mut events) = self.hub.subscribe();
        let (send, receive) = mpsc::channel::<Bytes>(16);
        tokio::spawn(async move {
            let _ = send.send(first).await;
            loop {
                let event = tokio::select! {
                    event = events.recv() => match event {
                        Ok(event) => event,
                        // It fell behind: the state now says all it missed that matters.
                        Err(broadcast::error::RecvError::Lagged(_)) => self.hub.current(),
                        Err(broadcast::error::RecvError::Closed) => break,
                    },
                    _ = tokio::time::sleep(PING) => Bytes::from_static(b": ping\n\n"),
                };
                if send.send(event).await.is_err() {
                    break; // the browser went away
                }
            }
        });
        let mut response = Response::new(EventStream(receive).boxed_unsync());
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

/// Whether `req` may be sent twice: a safe method (GET, HEAD, OPTIONS) without a body.
fn without_body(req: &Request<Incoming>) -> bool {
    use hyper::body::Body as _;
    let safe = matches!(
        *req.method(),
        hyper::Method::GET | hyper::Method::HEAD | hyper::Method::OPTIONS
    );
    safe && req.body().size_hint().exact() == Some(0)
}

fn empty() -> Body {
    http_body_util::Empty::new()
        .map_err(|never| match never {})
        .boxed_unsync()
}

fn accepts_html(req: &Request<Incoming>) -> bool {
    req.headers()
        .get(ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// A response of the dev server's own, never cached.
fn own(status: StatusCode, content_type: &'static str, body: Bytes) -> Response<Body> {
    let mut response = Response::new(
        Full::new(body)
            .map_err(|never| match never {})
            .boxed_unsync(),
    );
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// What the dev server answers for the app: for a page, a document that says `summary`
/// and carries the client, which shows the overlay and reloads as soon as a build other
/// than `build` (0: none) serves; otherwise the summary as text.
fn no_app(status: StatusCode, page: bool, summary: &str, build: u64) -> Response<Body> {
    if !page {
        let text = format!("cargo next dev: {summary}; see the terminal\n");
        return own(status, "text/plain; charset=utf-8", Bytes::from(text));
    }
    let summary = summary
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let script = next_conventions::dev::client_script(&build.to_string()).unwrap_or_default();
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>cargo next dev</title>\
         {script}</head><body><p>cargo next dev: {summary}.</p></body></html>"
    );
    own(status, "text/html; charset=utf-8", Bytes::from(html))
}

/// The event stream's body: what the forwarding task sends.
struct EventStream(mpsc::Receiver<Bytes>);

impl hyper::body::Body for EventStream {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        self.0
            .poll_recv(cx)
            .map(|event| event.map(|bytes| Ok(Frame::data(bytes))))
    }
}
