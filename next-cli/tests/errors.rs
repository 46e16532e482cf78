//! What `cargo next` says when it cannot do what was asked: each mistake gets one line that
//! names it and the fix, and exit status 1; nothing is left half done.

mod common;

use std::process::{Command, Output};

use common::{free_port, CARGO_NEXT};

fn cargo_next(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(CARGO_NEXT)
        .current_dir(dir)
        .arg("next")
        .args(args)
        .output()
        .unwrap()
}

/// The one error line, after checking the exit status.
fn error(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let line = stderr.lines().last().unwrap_or_default().to_string();
    assert!(line.starts_with("cargo next: error: "), "{stderr}");
    line["cargo next: error: ".len()..].to_string()
}

#[test]
fn new_refuses_a_bad_name_and_a_folder_in_use() {
    let scratch = tempfile::tempdir().unwrap();
    assert_eq!(
        error(&cargo_next(scratch.path(), &["new", "1st-app"])),
        "`1st-app` cannot name a package: it must start with a letter"
    );
    std::fs::create_dir(scratch.path().join("taken")).unwrap();
    std::fs::write(scratch.path().join("taken/notes.txt"), "mine").unwrap();
    assert_eq!(
        error(&cargo_next(scratch.path(), &["new", "taken"])),
        "taken already exists: choose another name, or remove it first"
    );
    assert_eq!(
        std::fs::read_dir(scratch.path().join("taken"))
            .unwrap()
            .count(),
        1,
        "nothing was written into it"
    );
    let missing = scratch.path().join("no-checkout");
    let message = error(&cargo_next(
        scratch.path(),
        &["new", "app", "--next-path", missing.to_str().unwrap()],
    ));
    assert_eq!(
        message,
        format!(
            "there is no next-runtime at {}: pass --next-path with the folder of a checkout (the one holding next-runtime/), or --next-version",
            missing.display()
        )
    );
    assert!(!scratch.path().join("app").exists());
}

#[test]
fn dev_says_what_is_wrong_with_its_port_and_package() {
    let scratch = tempfile::tempdir().unwrap();
    let dev = |args: &[&str], env: &[(&str, &str)]| {
        Command::new(CARGO_NEXT)
            .current_dir(scratch.path())
            .arg("next")
            .args(args)
            .envs(env.iter().copied())
            .output()
            .unwrap()
    };
    assert_eq!(
        error(&dev(&["dev"], &[("PORT", "eighty")])),
        "PORT=\"eighty\" is not a port number: set it to a number from 1 to 65535, or pass --port"
    );
    let outside = std::fs::canonicalize(scratch.path()).unwrap();
    assert_eq!(
        error(&dev(&["dev"], &[])),
        format!(
            "cannot read the package: could not find `Cargo.toml` in `{}` or any parent directory (run this in the app's folder, or pass --manifest-path)",
            outside.display()
        )
    );

    // The workspace root is a folder of several packages.
    let workspace = common::workspace();
    let message = error(&cargo_next(
        &workspace,
        &["dev", "--port", &free_port().to_string()],
    ));
    assert!(
        message.starts_with("this workspace has several packages: pass -p NAME with one of: "),
        "{message}"
    );
    assert!(message.contains("pages-demo"), "{message}");
    assert_eq!(
        error(&cargo_next(&workspace, &["dev", "-p", "no-such-app"])),
        format!(
            "there is no package `no-such-app` in this workspace; its packages are: {}",
            &message["this workspace has several packages: pass -p NAME with one of: ".len()..]
        )
    );

    // The port is taken.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    assert_eq!(
        error(&cargo_next(&workspace, &["dev", "-p", "pages-demo", "--port", &port.to_string()])),
        format!("port {port} on 127.0.0.1 is in use: stop what serves there, or pass --port with another")
    );
}
