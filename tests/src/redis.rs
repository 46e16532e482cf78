//! A private Redis server for a test: `redis-server` on a free loopback port, in a scratch
//! directory, saving nothing; stopped when dropped.

use std::io::Write;
use std::time::{Duration, Instant};

/// A running `redis-server`. `None` when the runner chose to skip the Redis tests
/// (`NEXT_SKIP_REDIS=1`); a machine without `redis-server` otherwise fails the test.
pub struct Redis {
    pub url: String,
    pub port: u16,
    child: std::process::Child,
    _dir: tempfile::TempDir,
}

impl Redis {
    pub fn start(test: &str) -> Option<Self> {
        if std::env::var("NEXT_SKIP_REDIS").as_deref() == Ok("1") {
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: NEXT_SKIP_REDIS=1 (Redis is untested in this run)"
            );
            return None;
        }
        Some(Self::start_on(crate::ports::free_port(), test))
    }

    /// A server on `port` (to bring one back where it was).
    pub fn start_on(port: u16, test: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let child = std::process::Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", ""])
            .args(["--appendonly", "no", "--dir", &dir.path().display().to_string()])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|error| {
                panic!("{test} needs redis-server: apt-get install redis-server (.ci/run does), or set NEXT_SKIP_REDIS=1 to skip it ({error})")
            });
        let redis = Redis {
            url: format!("redis://127.0.0.1:{port}/0"),
            port,
            child,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while !redis.answers() {
            assert!(
                Instant::now() < deadline,
                "redis-server did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        redis
    }

    /// Whether it answers `PING`.
    pub fn answers(&self) -> bool {
        self.command("PING")
            .is_some_and(|reply| reply.starts_with("+PONG"))
    }

    /// One inline command, its raw reply.
    pub fn command(&self, command: &str) -> Option<String> {
        use std::io::Read;
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
        stream.write_all(format!("{command}\r\n").as_bytes()).ok()?;
        let mut reply = [0u8; 4096];
        let read = stream.read(&mut reply).ok()?;
        Some(String::from_utf8_lossy(&reply[..read]).into_owned())
    }

    /// Freezes the server (SIGSTOP): connections stay open and nothing answers, as with a
    /// Redis stuck on a slow command or a lost network.
    pub fn freeze(&self) {
        assert!(self.signal("STOP"), "kill -STOP");
    }

    /// Lets a frozen server go on (SIGCONT).
    pub fn thaw(&self) {
        assert!(self.signal("CONT"), "kill -CONT");
    }

    /// Whether the signal was sent. The shell's builtin `kill`: no procps needed on a
    /// fresh machine.
    fn signal(&self, name: &str) -> bool {
        std::process::Command::new("sh")
            .args([
                "-c",
                &format!("kill -{name} {} 2>/dev/null", self.child.id()),
            ])
            .status()
            .is_ok_and(|status| status.success())
    }

    /// Stops the server now.
    pub fn stop(&mut self) {
        // A frozen server is let go on first, so that it ends as any other.
        self.signal("CONT");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}
