//! What only a real socket shows: HEAD bodies, raw backslashes, and requests over actix's
//! size limits. The server binds 127.0.0.1 on a free port and stops at the end.

mod common;

use common::Server;

fn status(response: &str) -> u16 {
    response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {response:?}"))
}

fn body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

#[test]
fn head_requests_get_headers_only() {
    let server = Server::start();
    for path in ["/", "/posts/1"] {
        let get = server.get(path);
        let head = server.send(
            format!("HEAD {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        assert_eq!(status(&head), 200, "{head}");
        assert_eq!(body(&head), "", "{path}: HEAD has no body");
        let length = |r: &str| {
            r.lines().find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length: ")
                    .map(str::to_owned)
            })
        };
        assert!(!body(&get).is_empty());
        assert_eq!(
            length(&head),
            length(&get),
            "{path}: same Content-Length as GET"
        );
    }
}

#[test]
fn raw_backslashes_redirect_308_to_the_clean_path() {
    let server = Server::start();
    for (target, location) in [
        ("/posts\\1", "/posts/1"),
        ("/\\\\evil.example", "/evil.example"),
    ] {
        let response = server.get(target);
        assert_eq!(status(&response), 308, "{target}: {response}");
        assert!(
            response.contains(&format!("location: {location}\r\n")),
            "{target}: {response}"
        );
    }
}

/// actix-web's limits (measured with 4.18): a request head over about 128 KiB and more than
/// 95 headers get 431, a target over 64 KiB gets 400.
#[test]
fn requests_over_the_limits_get_a_4xx_and_the_server_keeps_serving() {
    let server = Server::start();
    let huge_target = format!("/posts/{}", "a".repeat(256 * 1024));
    assert_eq!(status(&server.get(&huge_target)), 431);
    let long_target = format!("/posts/{}", "a".repeat(70 * 1024));
    assert_eq!(status(&server.get(&long_target)), 400);
    let huge_header = format!(
        "GET /posts/1 HTTP/1.1\r\nHost: localhost\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "b".repeat(256 * 1024)
    );
    assert_eq!(status(&server.send(huge_header.as_bytes())), 431);
    let many_headers: String = (0..200).map(|i| format!("X-H{i}: v\r\n")).collect();
    let response = server.send(
        format!(
            "GET /posts/1 HTTP/1.1\r\nHost: localhost\r\n{many_headers}Connection: close\r\n\r\n"
        )
        .as_bytes(),
    );
    assert_eq!(status(&response), 431);
    assert_eq!(status(&server.get("/posts/1")), 200, "still serving");
}
