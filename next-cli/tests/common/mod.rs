//! Driving `cargo next` on scratch apps: a new app from `cargo next new`, `cargo next dev`
//! on it, plain HTTP/1.0 requests, and the dev server's event stream.

#![allow(dead_code)] // each test binary uses its own part

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

pub const CARGO_NEXT: &str = env!("CARGO_BIN_EXE_cargo-next");

/// The workspace's folder.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

/// One target folder for every scratch app of the suite (and the generator's scratch
/// crates), so that their dependencies are built once.
pub fn scratch_target() -> PathBuf {
    workspace().join("target/scratch-crates")
}

/// `cargo next new NAME` in a scratch folder; the folder (kept alive by the `TempDir`) and
/// the app's path. The app gets the workspace's lock file, so it builds with the versions
/// the workspace is tested with (and shares their builds).
pub fn new_app(name: &str) -> (tempfile::TempDir, PathBuf) {
    let scratch = tempfile::tempdir().unwrap();
    let output = Command::new(CARGO_NEXT)
        .current_dir(scratch.path())
        .args(["next", "new", name])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo next new failed: {stderr}");
    assert!(
        stderr.contains(&format!("cd {name} && cargo next dev")),
        "{stderr}"
    );
    let app = scratch.path().join(name);
    std::fs::copy(workspace().join("Cargo.lock"), app.join("Cargo.lock")).unwrap();
    (scratch, app)
}

#[path = "../../../tests/src/ports.rs"]
mod ports;
pub use ports::free_port;

/// `cargo next dev` in `app`, on a port of its own; stopped with Ctrl-C (`SIGINT`) when
/// dropped. What it writes to stderr is kept, and shown when a wait fails.
pub struct Dev {
    child: Child,
    pub port: u16,
    output: Arc<Mutex<String>>,
}

impl Dev {
    pub fn start(app: &Path) -> Dev {
        let port = free_port();
        let mut child = Command::new(CARGO_NEXT)
            .current_dir(app)
            .args(["next", "dev", "--port", &port.to_string()])
            .env("CARGO_TARGET_DIR", scratch_target())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let output = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let kept = Arc::clone(&output);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut kept = kept.lock().unwrap();
                kept.push_str(&line);
                kept.push('\n');
            }
        });
        Dev {
            child,
            port,
            output,
        }
    }

    /// What `cargo next dev` wrote so far.
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    pub fn get(&self, path: &str) -> std::io::Result<(u16, String)> {
        get(self.port, path)
    }

    /// Waits (up to `timeout`) until `path` answers 200 with `text` in the body.
    pub fn wait_for(&self, path: &str, text: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let answer = self.get(path);
            if let Ok((200, body)) = &answer {
                if body.contains(text) {
                    return body.clone();
                }
            }
            assert!(
                Instant::now() < deadline,
                "{path} never served {text:?}; last answer {answer:?}\n--- cargo next dev:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Ctrl-C: how `cargo next dev` exited.
    pub fn stop(mut self) -> ExitStatus {
        interrupt(&self.child);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "cargo next dev did not stop on Ctrl-C"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Dev {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            interrupt(&self.child);
            std::thread::sleep(Duration::from_secs(2));
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn interrupt(child: &Child) {
    // SAFETY: a plain system call on our own child.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
}

/// `GET path` over HTTP/1.0 (the connection closes after the answer): the status and body.
pub fn get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nAccept: text/html\r\n\r\n"
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not an HTTP answer: {answer:?}")))?;
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    Ok((status, body.to_string()))
}

/// The dev server's event stream, read as a browser's `EventSource` would.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    pub fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET /_next/dev/events HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.0 200"), "{line}");
        // The headers.
        while line != "\r\n" {
            line.clear();
            reader.read_line(&mut line).unwrap();
        }
        Events { reader }
    }

    /// The next event: its name and data.
    pub fn next(&mut self, timeout: Duration) -> (String, Value) {
        self.reader
            .get_ref()
            .set_read_timeout(Some(timeout))
            .unwrap();
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).expect("an event in time");
            assert!(read > 0, "the event stream ended");
            let line = line.trim_end_matches('\n');
            if let Some(value) = line.strip_prefix("event: ") {
                name = value.to_string();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data.push_str(value);
            } else if line.is_empty() && !name.is_empty() {
                return (name, serde_json::from_str(&data).unwrap());
            }
        }
    }

    /// Skips events until a state event with `status`: its data.
    pub fn state(&mut self, status: &str, timeout: Duration) -> Value {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "no {status:?} state within {timeout:?}");
            let (name, data) = self.next(left);
            if name == "state" && data["status"] == status {
                return data;
            }
        }
    }
}

/// Replaces `from` by `to` in the file at `path` (which must hold `from`).
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Requests `path` every 20 ms from another thread, from now until [`Poller::finish`],
/// keeping every answer that was not a 200 (a refused connection included).
pub struct Poller {
    stop: Arc<std::sync::atomic::AtomicBool>,
    thread: std::thread::JoinHandle<(usize, Vec<String>)>,
}

impl Poller {
    pub fn start(port: u16, path: &'static str) -> Poller {
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let (mut answers, mut failures) = (0, Vec::new());
            while !stopping.load(std::sync::atomic::Ordering::Relaxed) {
                match get(port, path) {
                    Ok((200, _)) => answers += 1,
                    Ok((status, body)) => failures.push(format!("{status}: {body}")),
                    Err(error) => failures.push(error.to_string()),
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            (answers, failures)
        });
        Poller { stop, thread }
    }

    /// How many 200s there were, and every other answer.
    pub fn finish(self) -> (usize, Vec<String>) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.thread.join().unwrap()
    }
}
