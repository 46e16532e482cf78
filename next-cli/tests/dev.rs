//! `cargo next new` and `cargo next dev` on a scratch app, over HTTP: the new app builds and
//! serves; an edit is served; a compile error reaches the event stream with its file, line
//! and code frame while the last good page keeps serving; a panic at start is reported the
//! same way; the fixes are served; a public file needs no rebuild; a change during a build
//! restarts it; and a poller sees no refused or failed request from the first answer to
//! Ctrl-C, which frees the port.

mod common;

use std::time::Duration;

use common::{edit, new_app, Dev, Events, Poller};
use serde_json::Value;

/// The first build compiles every dependency of a new app (minutes on a small machine);
/// later ones compile the app alone.
const FIRST_BUILD: Duration = Duration::from_secs(20 * 60);
const REBUILD: Duration = Duration::from_secs(180);

#[test]
fn a_new_app_is_served_rebuilt_and_swapped_without_a_failed_request() {
    let (_scratch, app) = new_app("dev-app");
    for file in [
        "Cargo.toml",
        "build.rs",
        "src/main.rs",
        "src/pages/index.rs",
        "src/pages/posts/[id].rs",
        "src/pages/_document.rs",
        "public/styles/site.css",
        ".gitignore",
    ] {
        assert!(app.join(file).is_file(), "cargo next new wrote no {file}");
    }
    let dev = Dev::start(&app);
    let home = dev.wait_for("/", "Welcome to dev-app", FIRST_BUILD);
    assert!(
        home.contains("<script src=\"/_next/dev/client.js?build=1\" defer></script>"),
        "every page carries the dev client: {home}"
    );
    let (status, post) = dev.get("/posts/7").unwrap();
    assert_eq!(status, 200);
    assert!(post.contains("<h1>Post 7</h1>"), "{post}");
    let (status, client) = dev.get("/_next/dev/client.js").unwrap();
    assert_eq!(status, 200);
    assert!(client.contains("new EventSource(\"/_next/dev/events\")"));
    assert_eq!(
        dev.get("/_next/dev/other").unwrap().0,
        404,
        "the dev server's own prefix"
    );

    let poller = Poller::start(dev.port, "/");
    let mut events = Events::connect(dev.port);
    assert_eq!(events.state("ready", REBUILD)["build"], 1);

    // An edit is built and served by a new process.
    let index = app.join("src/pages/index.rs");
    edit(&index, "Welcome to dev-app", "Edited once");
    assert_eq!(events.state("building", REBUILD)["build"], 1);
    assert_eq!(events.state("ready", REBUILD)["build"], 2);
    dev.wait_for("/", "Edited once", Duration::from_secs(5));

    // A compile error: its place and frame for the overlay; the last good page serves on.
    edit(
        &index,
        "    html! {",
        "    let broken: u32 = \"no\";\n    html! {",
    );
    let failed = events.state("failed", REBUILD);
    assert_eq!(failed["build"], 2, "the last good build still serves");
    let problem = &failed["problems"][0];
    assert_eq!(problem["message"], "mismatched types");
    assert_eq!(problem["code"], "E0308");
    assert_eq!(problem["file"], "src/pages/index.rs");
    assert_eq!(
        (problem["line"].as_u64(), problem["column"].as_u64()),
        (Some(5), Some(23))
    );
    let marked: Vec<&Value> = problem["frame"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|line| !line["mark"].is_null())
        .collect();
    assert_eq!(marked.len(), 1, "{problem}");
    assert_eq!(marked[0]["text"], "    let broken: u32 = \"no\";");
    assert_eq!(marked[0]["mark"], serde_json::json!([22, 26]));
    assert_eq!(marked[0]["label"], "expected `u32`, found `&str`");
    let (status, page) = dev.get("/").unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("Edited once"), "{page}");
    assert!(
        dev.output().contains("error[E0308]: mismatched types"),
        "the terminal shows cargo's own rendering"
    );

    // The fix, and a second change while it builds: that build is cancelled, the next one
    // serves both.
    edit(&index, "    let broken: u32 = \"no\";\n", "");
    events.state("building", REBUILD);
    edit(&index, "Edited once", "Fixed");
    assert_eq!(events.state("ready", REBUILD)["build"], 3);
    dev.wait_for("/", "Fixed", Duration::from_secs(5));
    assert!(
        dev.output().contains("a newer change: building again"),
        "{}",
        dev.output()
    );

    // The app panics at start: shown the same way, over the last good page.
    let main = app.join("src/main.rs");
    let start = "async fn main() -> std::io::Result<()> {\n";
    edit(
        &main,
        start,
        &format!("{start}    if true {{\n        panic!(\"no database here\");\n    }}\n"),
    );
    let crashed = events.state("crashed", REBUILD);
    assert_eq!(crashed["build"], 3);
    let problem = &crashed["problems"][0];
    let message = problem["message"].as_str().unwrap();
    assert!(
        message.starts_with("the app stopped before it served"),
        "{message}"
    );
    assert!(
        problem["rendered"]
            .as_str()
            .unwrap()
            .contains("no database here"),
        "{problem}"
    );
    assert!(dev.get("/").unwrap().1.contains("Fixed"));
    edit(
        &main,
        "    if true {\n        panic!(\"no database here\");\n    }\n",
        "",
    );
    assert_eq!(events.state("ready", REBUILD)["build"], 5);

    // A file added under public/ is served at once, with no rebuild.
    std::fs::write(app.join("public/hello.txt"), "hello from public/").unwrap();
    let (name, data) = events.next(Duration::from_secs(10));
    assert_eq!(
        (name.as_str(), &data),
        ("public", &serde_json::json!({ "paths": ["/hello.txt"] }))
    );
    assert_eq!(
        dev.get("/hello.txt").unwrap(),
        (200, "hello from public/".to_string())
    );

    let (answers, failures) = poller.finish();
    assert!(
        failures.is_empty(),
        "requests failed during the swaps: {failures:?}"
    );
    assert!(answers > 20, "only {answers} answers");

    let port = dev.port;
    let status = dev.stop();
    assert!(status.success(), "cargo next dev exited with {status}");
    std::net::TcpListener::bind(("127.0.0.1", port)).expect("Ctrl-C frees the port");
}
