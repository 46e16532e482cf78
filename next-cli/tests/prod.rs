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
