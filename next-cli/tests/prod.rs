//! `cargo next build` and `cargo next start` on a scratch app: the release binary's path on
//! stdout, then that binary serving in production mode on the given port (no dev client,
//! production's caching). The release profile is made cheap to compile through cargo's
//! own environment settings, which `cargo next` honours like every cargo setting.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::{free_port, get, new_app, scratch_target, CARGO_NEXT};

/// Cargo settings for a quick release build: what is tested is `cargo next`, not rustc.
const QUICK_RELEASE: [(&str, &str); 3] = [
    ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0"),
    ("CARGO_PROFILE_RELEASE_DEBUG", "false"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256"),
];

#[test]
fn build_prints_the_release_binary_and_start_serves_it_in_production() {
    let (_scratch, app) = new_app("prod-app");
    let output = Command::new(CARGO_NEXT)
        .current_dir(&app)
        .args(["next", "build"])
        .env("CARGO_TARGET_DIR", scratch_target())
        .envs(QUICK_RELEASE)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo next build failed: {stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let binary = std::path::Path::new(stdout.trim_end());
    assert_eq!(
        stdout.lines().count(),
        1,
        "stdout is the path alone: {stdout:?}"
    );
    assert!(binary.is_file(), "{stdout:?} is no file");
    assert!(binary.ends_with("release/prod-app"), "{stdout:?}");

    let port = free_port();
    let mut start = Command::new(CARGO_NEXT)
        .current_dir(&app)
        .args(["next", "start", "--port", &port.to_string()])
        .env("CARGO_TARGET_DIR", scratch_target())
        .envs(QUICK_RELEASE)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    let home = loop {
        match get(port, "/") {
            Ok((200, body)) => break body,
            _ if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50))
            }
            answer => panic!("cargo next start never served: {answer:?}"),
        }
    };
    assert!(home.contains("<h1>Welcome to prod-app</h1>"), "{home}");
    assert!(
        !home.contains("/_next/dev/"),
        "no dev client in production: {home}"
    );
    // `start` became the app itself: Ctrl-C reaches actix, which stops.
    // SAFETY: a plain system call on our own child.
    unsafe {
        libc::kill(start.id() as libc::pid_t, libc::SIGINT);
    }
    let status = start.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(start.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "{status}: {stderr}");
    assert!(
        stderr.contains(&format!(
            "cargo next: starting {} in production mode on port {port}",
            binary.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("next-runtime: production mode"), "{stderr}");
}

/// `cargo next export` of a new app: refused while a page has a props function (named),
/// then, with the posts made static, every page written as files beside `public/`.
#[test]
fn export_writes_every_generated_page_and_refuses_pages_that_need_a_server() {
    let (_scratch, app) = new_app("export-app");
    let export = || {
        Command::new(CARGO_NEXT)
            .current_dir(&app)
            .args(["next", "export"])
            .env("CARGO_TARGET_DIR", scratch_target())
            .envs(QUICK_RELEASE)
            .output()
            .unwrap()
    };
    let refused = export();
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "{stderr}");
    assert!(
        stderr.contains("cannot export: 1 page(s) need a server: /posts/[id] (it has a props function, run per request)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("cargo next: error: the export failed"),
        "{stderr}"
    );

    // A listed path that would land outside the folder: refused, and nothing written.
    let hostile = STATIC_POSTS.replace("(1..=2).map(", "[\"1\", \"../up\"].map(");
    let hostile = hostile.replace("id.to_string()", "id");
    let hostile = hostile.replace(".parse()?;", ".parse().unwrap_or(0);");
    std::fs::write(app.join("src/pages/posts/[id].rs"), hostile).unwrap();
    let refused = export();
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "cannot export `/posts/..%2Fup.html`: it does not name a file inside the export folder"
        ),
        "{stderr}"
    );
    assert!(!app.join("out").exists(), "no half export is left");

    std::fs::write(app.join("src/pages/posts/[id].rs"), STATIC_POSTS).unwrap();
    let done = export();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{stderr}");
    let out = app.join("out");
    let read = |path: &str| {
        std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    assert!(read("index.html").contains("<h1>Welcome to export-app</h1>"));
    let post = read("posts/2.html");
    assert!(
        post.contains("<h1>Post 2</h1>") && post.contains(r#""gsp":true"#),
        "{post}"
    );
    assert!(!out.join("posts/3.html").exists(), "only the listed paths");
    let data_dir = std::fs::read_dir(out.join("_next/data"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let json = std::fs::read_to_string(data_dir.join("posts/1.json")).unwrap();
    assert_eq!(
        json,
        r#"{"pageProps":{"id":1,"title":"Post 1"},"__N_SSG":true}"#
    );
    assert!(read("404.html").contains("404"));
    assert!(read("styles/site.css").contains("body"));
    let media = out.join("_next/static/media/styles");
    assert!(
        std::fs::read_dir(media).unwrap().count() == 1,
        "the hashed stylesheet"
    );
    assert!(
        out.join("_next/static/chunks").is_dir(),
        "the router script"
    );

    // A second export replaces the first.
    assert!(export().status.success());
}

/// The template's posts page, made static: two paths, no others.
const STATIC_POSTS: &str = r#"use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub id: u64,
    pub title: String,
}

#[get_static_paths]
pub async fn get_static_paths(_ctx: StaticPathsContext) -> Result<StaticPaths, Error> {
    let paths = (1..=2).map(|id| StaticPath::params().param("id", id.to_string()));
    Ok(StaticPaths::new(paths, Fallback::False))
}

#[get_static_props]
pub async fn get_static_props(ctx: StaticContext) -> Result<StaticProps<Props>, Error> {
    let id: u64 = ctx.params.get("id").unwrap_or_default().parse()?;
    Ok(StaticProps::props(Props { id, title: format!("Post {id}") }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { h1 { (props.title) } }
}
"#;
