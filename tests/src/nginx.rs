//! nginx in front of several instances of an app, for the cluster tests: round robin over
//! loopback upstreams, a failed upstream's GETs retried on the next one
//! (`proxy_next_upstream`), in a scratch directory; stopped when dropped.

use std::time::{Duration, Instant};

pub struct Nginx {
    pub port: u16,
    child: std::process::Child,
    _dir: tempfile::TempDir,
}

impl Nginx {
    /// nginx on a free loopback port in front of `upstreams`. `None` when the runner chose
    /// to skip the cluster tests (`NEXT_SKIP_NGINX=1`).
    pub fn start(test: &str, upstreams: &[std::net::SocketAddr]) -> Option<Self> {
        if std::env::var("NEXT_SKIP_NGINX").as_deref() == Ok("1") {
            eprintln!("SKIPPED {test}: NEXT_SKIP_NGINX=1 (the cluster is untested in this run)");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let port = crate::ports::free_port();
        let root = dir.path().display().to_string();
        let servers: String = upstreams
            .iter()
            .map(|addr| format!("        server {addr} max_fails=1 fail_timeout=5s;\n"))
            .collect();
        let config = format!(
            "daemon off;\nworker_processes 1;\npid {root}/nginx.pid;\nerror_log {root}/error.log warn;\n\
             events {{ worker_connections 1024; }}\n\
             http {{\n    access_log off;\n\
                 client_body_temp_path {root}/body;\n    proxy_temp_path {root}/proxy;\n\
                 fastcgi_temp_path {root}/fastcgi;\n    uwsgi_temp_path {root}/uwsgi;\n    scgi_temp_path {root}/scgi;\n\
                 upstream app {{\n{servers}        keepalive 16;\n    }}\n\
                 server {{\n        listen 127.0.0.1:{port};\n\
                     location / {{\n            proxy_pass http://app;\n\
                         proxy_http_version 1.1;\n            proxy_set_header Connection \"\";\n\
                         proxy_set_header Host $host;\n\
                         proxy_next_upstream error timeout http_502 http_503 http_504;\n\
                         proxy_next_upstream_tries 3;\n            proxy_connect_timeout 1s;\n\
                         proxy_read_timeout 30s;\n        }}\n    }}\n}}\n"
        );
        std::fs::write(dir.path().join("nginx.conf"), config).unwrap();
        // Debian puts it in /usr/sbin, which a user's PATH may lack.
        let binary = match std::path::Path::new("/usr/sbin/nginx").exists() {
            true => "/usr/sbin/nginx",
            false => "nginx",
        };
        let child = std::process::Command::new(binary)
            .args(["-p", &root, "-c", &format!("{root}/nginx.conf")])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|error| {
                panic!("{test} needs nginx: apt-get install nginx (.ci/run does), or set NEXT_SKIP_NGINX=1 to skip it ({error})")
            });
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "nginx did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(Nginx {
            port,
            child,
            _dir: dir,
        })
    }

    pub fn addr(&self) -> std::net::SocketAddr {
        ([127, 0, 0, 1], self.port).into()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM: nginx stops its workers, then itself.
        let _ = std::process::Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
