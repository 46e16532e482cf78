//! Hostile and unlucky traffic: inputs that cost more than linear time, panics anywhere while
//! answering, props functions that hang, cache poisoning through the host, stampedes when
//! the backend fails, limits, and URLs the client router must never follow (that one is in
//! `browser.rs`). Each test names the promise it keeps; `docs/reliability.md` lists them.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use common::instance::{listening, spawn_server};
use common::{data, dev, production, request_with, router_request, Response, Server};
use next_runtime::limits::{MAX_COOKIE_BYTES, MAX_QUERY_PAIRS, MAX_URL_BYTES};
use next_runtime::Settings;
use next_tests::{cached_overlap, cached_runs};

/// The test app's own `500.rs`, as production serves it.
const PRODUCTION_500: &str = "<h1>Custom 500: something broke</h1>";

fn cached() -> Settings {
    production().shared_cache(16 * 1024 * 1024)
}

async fn get(settings: Settings, uri: &str) -> Response {
    request_with(settings, TestRequest::get().uri(uri)).await
}

fn cache_state(res: &Response) -> Option<&str> {
    res.header("x-nextjs-cache")
}

fn pairs(n: usize) -> String {
    (0..n)
        .map(|i| format!("k{i}=v"))
        .collect::<Vec<_>>()
        .join("&")
}

/// `n` (at most 26³) distinct three-letter keys without values: the cheapest way to send
/// many keys.
fn keys(n: usize) -> String {
    let letters = |i: usize| {
        let l = |d: usize| char::from(b'a' + (d % 26) as u8);
        format!("{}{}{}", l(i / 676), l(i / 26), l(i))
    };
    (0..n).map(letters).collect::<Vec<_>>().join("&")
}

#[actix_web::test]
async fn a_thousand_query_pairs_reach_the_page_and_one_more_is_a_400() {
    let ok = get(production(), &format!("/echo/1?{}", pairs(MAX_QUERY_PAIRS))).await;
    assert_eq!(ok.status, StatusCode::OK);
    let query = &ok.next_data()["query"];
    assert_eq!(
        query.as_object().unwrap().len(),
        MAX_QUERY_PAIRS + 1,
        "and the id"
    );
    assert_eq!(query["k999"], "v");
    let over = get(
        production(),
        &format!("/echo/1?{}", keys(MAX_QUERY_PAIRS + 1)),
    )
    .await;
    assert_eq!(over.status, StatusCode::BAD_REQUEST);
    assert!(
        over.body.contains("<title>400: Bad Request</title>"),
        "{}",
        over.body
    );
    // 16,000 distinct keys (a 64 KB query string, which actix-web accepts): refused by the
    // URL limit before anything parses the query.
    let hostile = get(production(), &format!("/echo/1?{}", keys(16_000))).await;
    assert_eq!(hostile.status, StatusCode::URI_TOO_LONG);
}

#[actix_web::test]
async fn long_urls_get_414_and_big_cookies_431() {
    let at_limit = format!("/files/{}", "a".repeat(MAX_URL_BYTES - "/files/".len()));
    assert_eq!(get(production(), &at_limit).await.status, StatusCode::OK);
    let over = get(production(), &format!("{at_limit}a")).await;
    assert_eq!(over.status, StatusCode::URI_TOO_LONG);
    assert!(
        over.body.contains("<title>414: URI Too Long</title>"),
        "{}",
        over.body
    );
    let data_over = get(
        production(),
        &format!("{}?q={}", data("/posts/1"), "a".repeat(MAX_URL_BYTES)),
    )
    .await;
    assert_eq!(data_over.status, StatusCode::URI_TOO_LONG);

    let cookie = format!("big={}", "c".repeat(MAX_COOKIE_BYTES));
    let res = request_with(
        production(),
        TestRequest::get()
            .uri("/posts/1")
            .insert_header(("cookie", cookie)),
    )
    .await;
    assert_eq!(res.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    assert!(
        res.body.contains("431: Request Header Fields Too Large"),
        "{}",
        res.body
    );
}

/// A static page is rendered at start-up; its panic there must not stop the site. The
/// page answers 500 (HTML and the router's markup request alike), every other page serves.
#[actix_web::test]
async fn a_static_page_that_panics_at_start_up_answers_500_and_the_rest_serves() {
    let res = get(production(), "/static-panics").await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.body.contains(PRODUCTION_500), "{}", res.body);
    assert!(!res.body.contains("exploded"), "no details in production");
    let routed = request_with(production(), router_request(&data("/static-panics"))).await;
    assert_eq!(
        routed.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        routed.body
    );
    let home = get(production(), "/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("<h1>Home</h1>"));
}

#[actix_web::test]
async fn a_panicking_app_layout_answers_the_500_page() {
    let res = get(production(), "/app-panics").await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.body.contains(PRODUCTION_500), "{}", res.body);
    assert!(!res.body.contains("refused"), "no details in production");
    // The plain data route renders no markup, so `_app` never runs for it; the client
    // router's request renders the page in `_app`.
    assert_eq!(
        get(production(), &data("/app-panics")).await.status,
        StatusCode::OK
    );
    let transition = request_with(production(), router_request(&data("/app-panics"))).await;
    assert_eq!(transition.status, StatusCode::INTERNAL_SERVER_ERROR);
    let shown = get(dev(), "/app-panics").await;
    assert_eq!(shown.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        shown.body.contains("_app panicked: _app refused this page"),
        "{}",
        shown.body
    );
}

/// One request and its response on a kept-alive connection.
fn exchange(stream: &mut BufReader<TcpStream>, target: &str) -> (u16, String) {
    let request = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n");
    stream.get_mut().write_all(request.as_bytes()).unwrap();
    let mut status_line = String::new();
    stream.read_line(&mut status_line).unwrap();
    let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let mut length = 0;
    loop {
        let mut line = String::new();
        stream.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length: ") {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[test]
fn after_a_panic_the_connection_keeps_serving() {
    let server = Server::start();
    let stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut stream = BufReader::new(stream);
    for target in [
        "/app-panics",
        "/failures?mode=panic",
        "/serialize-panics",
        "/render-panics",
        "/api/panics",
    ] {
        let (status, _) = exchange(&mut stream, target);
        assert!(status == 500, "{target}: {status}");
        let (status, body) = exchange(&mut stream, "/posts/1");
        assert_eq!(status, 200, "the same connection after {target}");
        assert!(body.contains("Post 1"));
    }
}

#[actix_web::test]
async fn a_props_function_over_the_timeout_gets_504_on_the_500_page() {
    // Tokio's clock, paused: the delays and timeouts below take no real time.
    tokio::time::pause();
    let quick = production().props_timeout(Duration::from_millis(100));
    for uri in ["/slow".to_owned(), data("/slow")] {
        let res = get(quick.clone(), &uri).await;
        assert_eq!(res.status, StatusCode::GATEWAY_TIMEOUT, "{uri}");
        assert!(res.body.contains(PRODUCTION_500), "{uri}: {}", res.body);
    }
    let shown = get(dev().props_timeout(Duration::from_millis(100)), "/slow").await;
    assert_eq!(shown.status, StatusCode::GATEWAY_TIMEOUT);
    assert!(
        shown
            .body
            .contains("getServerSideProps of &quot;/slow&quot; did not finish within 100ms"),
        "{}",
        shown.body
    );
    assert_eq!(
        get(production(), "/slow").await.status,
        StatusCode::OK,
        "30 s by default"
    );
}

#[actix_web::test]
async fn a_huge_stale_while_revalidate_is_capped_not_a_panic() {
    let uri = "/cached?k=huge-swr&cc=public,%20s-maxage=60,%20stale-while-revalidate=18446744073709551615";
    let miss = get(cached(), uri).await;
    assert_eq!(
        (miss.status, cache_state(&miss)),
        (StatusCode::OK, Some("MISS"))
    );
    let hit = get(cached(), uri).await;
    assert_eq!(
        (hit.status, cache_state(&hit)),
        (StatusCode::OK, Some("HIT"))
    );
    let beyond = "/cached?k=huge-swr2&cc=public,%20s-maxage=60,%20stale-while-revalidate=99999999999999999999999";
    get(cached(), beyond).await;
    assert_eq!(cache_state(&get(cached(), beyond).await), Some("HIT"));
}

#[actix_web::test]
async fn the_host_a_page_sees_is_part_of_the_cache_key() {
    let uri = "/cached?k=host&cc=public,%20s-maxage=60";
    let with = |name: &'static str, value: &'static str| {
        request_with(
            cached(),
            TestRequest::get().uri(uri).insert_header((name, value)),
        )
    };
    assert_eq!(
        cache_state(&with("host", "evil.example").await),
        Some("MISS")
    );
    assert_eq!(
        cache_state(&with("x-forwarded-host", "evil.example").await),
        Some("HIT"),
        "the same host to the page"
    );
    assert_eq!(
        cache_state(&with("host", "localhost").await),
        Some("MISS"),
        "not evil's copy"
    );
    assert_eq!(
        cache_state(&with("forwarded", "host=other.example").await),
        Some("MISS")
    );
    assert_eq!(
        cache_state(&with("x-forwarded-proto", "https").await),
        Some("MISS"),
        "nor http's copy for https"
    );
    assert_eq!(cache_state(&with("host", "localhost").await), Some("HIT"));
    assert_eq!(cached_runs("host"), 4);
}

#[actix_web::test]
async fn a_failing_leader_is_shared_with_its_followers_not_repeated() {
    // Tokio's clock, paused: the delays and timeouts below take no real time.
    tokio::time::pause();
    let uri = "/cached?k=fail-leader&cc=public,%20s-maxage=60&delay=300&fail=1";
    let responses = futures_util::future::join_all((0..8).map(|_| get(cached(), uri))).await;
    for res in &responses {
        assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(res.body.contains(PRODUCTION_500));
    }
    assert_eq!(cached_runs("fail-leader"), 1, "one render for the eight");
    let right_after = get(cached(), uri).await;
    assert_eq!(right_after.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(cached_runs("fail-leader"), 1, "remembered briefly");
}

#[actix_web::test]
async fn an_uncacheable_url_is_passed_without_queueing() {
    // Tokio's clock, paused: the delays and timeouts below take no real time.
    tokio::time::pause();
    // The first answer sets a cookie: never shared, so the URL is marked hit-for-pass.
    let uri = "/cached?k=pass&cc=public,%20s-maxage=60&cookie=1&delay=300";
    let first = get(cached(), uri).await;
    assert_eq!((first.status, cache_state(&first)), (StatusCode::OK, None));
    let responses = futures_util::future::join_all((0..4).map(|_| get(cached(), uri))).await;
    assert!(responses
        .iter()
        .all(|res| res.status == StatusCode::OK && res.header("set-cookie").is_some()));
    assert_eq!(cached_runs("pass"), 5, "each renders its own");
    assert_eq!(
        cached_overlap("pass"),
        4,
        "all four side by side, none queued"
    );
}

/// Followers of a slow render give up after their own props timeout, not the leader's:
/// here the leader may take 10 s and renders for 1 s, the followers wait 200 ms.
#[actix_web::test]
async fn followers_wait_no_longer_than_the_props_timeout() {
    tokio::time::pause();
    let uri = "/cached?k=hung-leader&cc=public,%20s-maxage=60&delay=1000";
    let patient = cached().props_timeout(Duration::from_secs(10));
    let hurried = cached().props_timeout(Duration::from_millis(200));
    let leader = get(patient, uri);
    let followers = futures_util::future::join_all((0..3).map(|_| get(hurried.clone(), uri)));
    let (leader, followers) = futures_util::future::join(leader, followers).await;
    assert_eq!(
        (leader.status, cache_state(&leader)),
        (StatusCode::OK, Some("MISS"))
    );
    for res in &followers {
        assert_eq!(res.status, StatusCode::GATEWAY_TIMEOUT);
        assert!(res.body.contains(PRODUCTION_500), "{}", res.body);
    }
    assert_eq!(
        cached_runs("hung-leader"),
        1,
        "the followers did not render"
    );
    assert_eq!(cache_state(&get(cached(), uri).await), Some("HIT"));
}

#[actix_web::test]
async fn catch_all_params_pass_traversal_through_and_relative_path_refuses_it() {
    let res = get(production(), "/files/..%2F..%2Fetc%2Fpasswd").await;
    let props = &res.next_data()["props"]["pageProps"];
    assert_eq!(
        props["path"],
        serde_json::json!(["../../etc/passwd"]),
        "as Next.js passes it"
    );
    assert!(props["file"]["Err"]
        .as_str()
        .unwrap()
        .contains("could leave the directory"));
    let literal = get(production(), "/files/a/../b").await;
    let props = &literal.next_data()["props"]["pageProps"];
    assert_eq!(props["path"], serde_json::json!(["a", "..", "b"]));
    assert!(props["file"]["Err"].is_string());
    let fine = get(production(), "/files/docs/intro.md").await;
    assert_eq!(
        fine.next_data()["props"]["pageProps"]["file"]["Ok"],
        "docs/intro.md"
    );
}

#[actix_web::test]
async fn api_bodies_over_the_extractor_limit_get_413() {
    let big = format!("{{\"a\":\"{}\"}}", "x".repeat(2 * 1024 * 1024 + 1));
    let res = request_with(
        production(),
        TestRequest::post()
            .uri("/api/echo")
            .insert_header(("content-type", "application/json"))
            .set_payload(big),
    )
    .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
}

/// Waits (10 s at most: a server that should have stopped but serves fails the test) and
/// returns the exit status with what it wrote on stderr.
fn stderr_of(mut child: std::process::Child) -> (std::process::ExitStatus, String) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the server is still running after 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    (
        output.status,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_mode_nobody_chose_stops_start_up() {
    for (name, value, message) in [
        (
            "NEXT_DEV",
            "maybe",
            r#"NEXT_DEV="maybe" is not a mode: use 1 or true for dev mode, 0 or false for production (any case)"#,
        ),
        (
            "NEXT_PREVIEW_SECRET",
            "short",
            "NEXT_PREVIEW_SECRET: the preview secret is 5 bytes; it needs at least 32",
        ),
    ] {
        let (status, stderr) = stderr_of(spawn_server(&[(name, value)]));
        assert_eq!(status.code(), Some(2), "{name}={value}: {stderr}");
        assert!(stderr.contains(message), "{name}={value}: {stderr}");
    }
}

#[test]
fn the_mode_is_said_at_start_up() {
    for (value, line) in [
        ("0", "next-runtime: production mode"),
        (
            "TRUE",
            "next-runtime: dev mode: error details are shown to every visitor",
        ),
    ] {
        let mut child = spawn_server(&[("NEXT_DEV", value)]);
        let addr = listening(&mut child);
        // The line is written when the first worker mounts the site, before it serves.
        common::get_from(addr, "/");
        terminate(&child);
        let (status, stderr) = stderr_of(child);
        assert!(status.success(), "{stderr}");
        assert_eq!(
            stderr.matches("next-runtime: ").count(),
            1,
            "one line: {stderr}"
        );
        assert!(stderr.contains(line), "NEXT_DEV={value}: {stderr}");
    }
}

fn terminate(child: &std::process::Child) {
    // The shell's builtin `kill`: no procps needed on a fresh machine.
    let killed = std::process::Command::new("sh")
        .args(["-c", &format!("kill -TERM {}", child.id())])
        .status()
        .unwrap();
    assert!(killed.success());
}

#[test]
fn sigterm_lets_in_flight_requests_finish_then_exits() {
    let mut child = spawn_server(&[("NEXT_DEV", "0")]);
    let addr = listening(&mut child);
    let slow = std::thread::spawn(move || common::get_from(addr, "/cached?k=sigterm&delay=1000"));
    // The request is well into its one-second props function when the signal comes.
    std::thread::sleep(Duration::from_millis(300));
    terminate(&child);
    let response = slow.join().unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains(r#"<p id="render">"#), "{response}");
    let (status, stderr) = stderr_of(child);
    assert!(status.success(), "exits cleanly: {status:?} {stderr}");
    assert!(TcpStream::connect(addr).is_err(), "no longer listening");
}

#[test]
fn an_instance_says_it_is_ready_once_its_static_pages_are_generated() {
    // systemd's way (`Type=notify`): a datagram on `NOTIFY_SOCKET` once the server is
    // bound and the static pages are generated; the port answers by then.
    let scratch = tempfile::tempdir().unwrap();
    let notify = scratch.path().join("notify");
    let socket = std::os::unix::net::UnixDatagram::bind(&notify).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut child = spawn_server(&[
        ("NEXT_DEV", "0"),
        ("NOTIFY_SOCKET", notify.to_str().unwrap()),
    ]);
    let addr = listening(&mut child);
    let mut message = [0u8; 64];
    let read = socket.recv(&mut message).expect("READY=1 within 20 s");
    assert_eq!(&message[..read], b"READY=1\n");
    let ready = common::get_from(addr, next_runtime::READY_PATH);
    assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");
    assert!(ready.ends_with("\r\n\r\nready\n"), "{ready}");
    let post = format!(
        "POST {} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        next_runtime::READY_PATH
    );
    let post = common::send_to(addr, post.as_bytes());
    assert!(post.starts_with("HTTP/1.1 405"), "{post}");
    terminate(&child);
    assert!(stderr_of(child).0.success());

    // An app that does not call `pages::prerender`: the probe answers 503 first, which
    // starts the generation; then 200, with every static page generated.
    let mut child = spawn_server(&[("NEXT_DEV", "0"), ("NEXT_TEST_LAZY", "1")]);
    let addr = listening(&mut child);
    let first = common::get_from(addr, next_runtime::READY_PATH);
    assert!(first.starts_with("HTTP/1.1 503"), "{first}");
    assert!(first.contains("retry-after: 1"), "{first}");
    assert!(first.contains("cache-control: no-store"), "{first}");
    let began = std::time::Instant::now();
    while !common::get_from(addr, next_runtime::READY_PATH).starts_with("HTTP/1.1 200") {
        assert!(began.elapsed() < Duration::from_secs(20), "never ready");
        std::thread::sleep(Duration::from_millis(20));
    }
    let page = common::get_from(addr, "/ssg");
    assert!(
        page.contains("x-nextjs-cache: HIT"),
        "generated before it said ready: {page}"
    );
    terminate(&child);
    assert!(stderr_of(child).0.success());
}

/// One request on a connection of its own; the response's status line and headers.
fn head_of(addr: std::net::SocketAddr, target: &str) -> String {
    let response = common::get_from(addr, target);
    response[..response.find("\r\n\r\n").unwrap()].to_ascii_lowercase()
}

/// `NEXT_SHARED_CACHE_BYTES` bounds the cache: with room for about ninety of these pages
/// (each with a 1 KB query in its key), three hundred of them cannot all stay. Looking each
/// up once afterwards finds at most the ninety that remain, but finds some.
#[test]
fn the_shared_cache_evicts_to_stay_within_its_byte_budget() {
    let mut child = spawn_server(&[("NEXT_DEV", "0"), ("NEXT_SHARED_CACHE_BYTES", "262144")]);
    let addr = listening(&mut child);
    let padding = "p".repeat(1024);
    let url = |i: usize| format!("/cached?k=evict&cc=public,%20s-maxage=600&i={i}&pad={padding}");
    for i in 0..300 {
        let head = head_of(addr, &url(i));
        assert!(head.contains("x-nextjs-cache: miss"), "{i}: {head}");
    }
    let hits = (0..300)
        .filter(|&i| head_of(addr, &url(i)).contains("x-nextjs-cache: hit"))
        .count();
    terminate(&child);
    let (status, stderr) = stderr_of(child);
    assert!(status.success(), "{stderr}");
    assert!((1..=120).contains(&hits), "{hits} of 300 still cached");
}
