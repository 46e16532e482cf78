//! A private PostgreSQL cluster for a test: the demo's PostgreSQL test here, the Fortunes
//! smoke test in `bench/`.

use std::io::Write;

/// A private PostgreSQL cluster for one test (`scripts/postgres-cluster`, on a free
/// loopback port, in a scratch directory), stopped and removed when dropped. `None` when
/// the runner chose to skip the PostgreSQL tests (`NEXT_SKIP_POSTGRES=1`); a machine
/// without PostgreSQL otherwise fails the test that needs it.
pub struct Postgres {
    pub url: String,
    dir: tempfile::TempDir,
}

impl Postgres {
    pub fn start(test: &str) -> Option<Self> {
        if std::env::var("NEXT_SKIP_POSTGRES").as_deref() == Ok("1") {
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: NEXT_SKIP_POSTGRES=1 (PostgreSQL is untested in this run)"
            );
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let port = crate::ports::free_port();
        let out = std::process::Command::new(Self::script())
            .args([
                "start",
                &dir.path().join("pg").display().to_string(),
                &port.to_string(),
            ])
            .output()
            .expect("scripts/postgres-cluster runs");
        assert!(
            out.status.success(),
            "{test} needs PostgreSQL: apt-get install postgresql (.ci/run does), or set \
             NEXT_SKIP_POSTGRES=1 to skip it\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let url = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        Some(Postgres { url, dir })
    }

    fn script() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/postgres-cluster")
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = std::process::Command::new(Self::script())
            .args(["stop", &self.dir.path().join("pg").display().to_string()])
            .output();
    }
}
