//! The test app as processes of their own (`test-server`), for the scale-out and cluster
//! tests: production mode, sharing Redis, one draft-mode secret, each named by the label
//! its static pages show.

use std::io::{BufRead, BufReader};

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
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_test-server"))
            .envs(env.iter().copied())
            .env("NEXT_DEV", "0")
            .env("REDIS_URL", redis_url)
            .env(
                "NEXT_PREVIEW_SECRET",
                "one secret for every instance, 32 bytes+",
            )
            .env("NEXT_TEST_SSG_LABEL", label)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the test server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("no address: {line:?}"))
            .parse()
            .unwrap();
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
