//! The test app as processes of their own (`test-server`): for start-up, signal and
//! page-store tests, and for the scale-out and cluster tests, whose instances share Redis
//! and one draft-mode secret, each named by the label its static pages show.

use std::io::{BufRead, BufReader};

/// The test app as a process of its own, with `env` set over an unset mode and preview
/// secret; its stdout (for [`listening`]) and stderr piped.
pub fn spawn_server(env: &[(&str, &str)]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_test-server"))
        .env_remove("NEXT_DEV")
        .env_remove("NEXT_PREVIEW_SECRET")
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the test server starts")
}

/// Reads the `listening on http://ADDR` line.
pub fn listening(child: &mut std::process::Child) -> std::net::SocketAddr {
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    line.trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("no address: {line:?}"))
        .parse()
        .unwrap()
}

/// The environment that turns an instance's shared cache on (1 MiB).
pub const SHARED_CACHE: [(&str, &str); 1] = [("NEXT_SHARED_CACHE_BYTES", "1048576")];

/// A request to the test app's revalidation webhook for `path`, as raw HTTP.
pub fn revalidate_hook(path: &str) -> String {
    format!("POST /api/revalidate?path={path} HTTP/1.1\r\nHost: localhost\r\nx-webhook-secret: webhook secret\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
}

/// A test-server process; killed when dropped.
pub struct Instance {
    child: std::process::Child,
    pub addr: std::net::SocketAddr,
}

impl Instance {
    /// An instance on `redis_url`, whose `/ssg` page shows `label`.
    pub fn start(redis_url: &str, label: &str) -> Self {
        Self::start_with(redis_url, label, &[])
    }

    /// [`Instance::start`] with more of the environment.
    pub fn start_with(redis_url: &str, label: &str, env: &[(&str, &str)]) -> Self {
        let secret = "one secret for every instance, 32 bytes+";
        let shared = [
            ("NEXT_DEV", "0"),
            ("REDIS_URL", redis_url),
            ("NEXT_PREVIEW_SECRET", secret),
            ("NEXT_TEST_SSG_LABEL", label),
        ];
        let mut child = spawn_server(&[&shared[..], env].concat());
        let addr = listening(&mut child);
        Instance { child, addr }
    }

    pub fn get(&self, target: &str) -> String {
        super::get_from(self.addr, target)
    }

    /// Kills it now.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.stop();
    }
}
