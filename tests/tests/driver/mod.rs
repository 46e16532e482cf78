//! chromedriver and headless Chromium for the browser tests, shared by `tests/` and
//! `next-cli/tests/` (which includes this file by path). Needs Debian's `chromium` and
//! `chromium-driver`; `NEXT_SKIP_BROWSER=1` skips the tests that need them.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The variable that skips the browser tests on a machine without Chromium.
const SKIP: &str = "NEXT_SKIP_BROWSER";

/// chromedriver on a free loopback port, with a scratch folder for the browser's profile;
/// killed, and the folder removed, when dropped.
pub struct Driver {
    child: Child,
    port: u16,
    profiles: tempfile::TempDir,
}

impl Driver {
    /// `None` when the runner chose to skip the browser tests (`NEXT_SKIP_BROWSER=1`); a
    /// missing browser otherwise fails the test that needs it.
    pub fn start(test: &str) -> Option<Self> {
        if std::env::var(SKIP).as_deref() == Ok("1") {
            // Straight to the terminal: libtest captures `eprintln!`, not this.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: {SKIP}=1 (the client router is untested in this run)"
            );
            return None;
        }
        let installed =
            std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists();
        assert!(
            installed,
            "browser tests need {CHROMIUM} and {CHROMEDRIVER}: apt-get install chromium \
             chromium-driver (.ci/run does), or set {SKIP}=1 to skip them"
        );
        // chromedriver picks its own port (0) and says which: a port chosen here and freed
        // for it could be taken, before it binds, by a test server asking the system for one.
        let mut child = Command::new(CHROMEDRIVER)
            .process_group(0)
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let port = listening_port(&mut child);
        let profiles = tempfile::tempdir().expect("a scratch folder for the browser profile");
        Some(Driver {
            child,
            port,
            profiles,
        })
    }

    pub async fn browser(&self, javascript: bool) -> Client {
        let profile = self
            .profiles
            .path()
            .join(format!("javascript-{javascript}"));
        let mut args = vec![
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            format!("--user-data-dir={}", profile.display()),
        ];
        if !javascript {
            args.push("--blink-settings=scriptEnabled=false".to_owned());
        }
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
        });
        let capabilities = match capabilities {
            Value::Object(map) => map,
            _ => unreachable!(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            let attempt = ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{}", self.port))
                .await;
            match attempt {
                Ok(client) => return client,
                Err(error) if Instant::now() > deadline => panic!("no browser session: {error}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }
}

/// Reads chromedriver's stdout up to "... started successfully on port N." and returns N; a
/// thread then drains the rest, so that its later lines never fill the pipe.
fn listening_port(child: &mut Child) -> u16 {
    let stdout = child.stdout.take().expect("chromedriver's stdout is piped");
    let mut lines = BufReader::new(stdout).lines();
    let port = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| {
            let rest = line.split("started successfully on port ").nth(1)?;
            rest.trim_end_matches('.').trim().parse().ok()
        })
        .expect("chromedriver says the port it listens on");
    std::thread::spawn(move || lines.for_each(drop));
    port
}

impl Drop for Driver {
    /// Stops chromedriver and every browser it started (its process group), even when the
    /// test failed before closing its session; then the profiles folder goes.
    fn drop(&mut self) {
        let _ = Command::new("sh")
            .args(["-c", &format!("kill -KILL -{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
