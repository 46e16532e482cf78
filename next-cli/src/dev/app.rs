//! One process of the app: started on a private port with the build's number, ready when
//! that port accepts, stopped gracefully (actix drains its requests on `SIGTERM`).

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

use next_conventions::dev::{MODE_ENV, PORT_ENV, SERVER_ENV};

use crate::diagnostic::Problem;
use crate::process::{self, Excerpt};
use crate::CliError;

/// How long a new process may take to listen on its port.
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a process may take to finish its requests after `SIGTERM`.
const STOP_GRACE: Duration = Duration::from_secs(5);

/// A running app process.
pub struct App {
    pub build: u64,
    pub port: u16,
    pid: u32,
    exit: watch::Receiver<Option<ExitStatus>>,
    /// When it must be listening by.
    deadline: tokio::time::Instant,
    /// What it wrote to stderr.
    excerpt: Arc<Mutex<Excerpt>>,
}

impl App {
    /// Starts `binary` (build number `build`) in `root`, serving on a free loopback port.
    pub fn start(binary: &Path, root: &Path, build: u64) -> Result<App, CliError> {
        let port = free_port()?;
        let mut child = process::owned(binary)
            .current_dir(root)
            .env(PORT_ENV, port.to_string())
            .env(MODE_ENV, "1")
            .env(SERVER_ENV, build.to_string())
            .stdin(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(CliError::io(format!("cannot run {}", binary.display())))?;
        let pid = child.id().unwrap_or(0);
        let (excerpt, echo) = process::echo(child.stderr.take().expect("piped"));
        let (send, exit) = watch::channel(None);
        tokio::spawn(async move {
            let status = child.wait().await;
            // Its last words are in the excerpt before anyone hears it stopped (unless a
            // process it started keeps its stderr open).
            let _ = tokio::time::timeout(Duration::from_millis(500), echo).await;
            if let Ok(status) = status {
                let _ = send.send(Some(status));
            }
        });
        Ok(App {
            build,
            port,
            pid,
            exit,
            deadline: tokio::time::Instant::now() + START_TIMEOUT,
            excerpt,
        })
    }

    /// Waits until the app accepts connections on its port; what to show if it stops (a
    /// panic at start, a port it wants that is taken) or never listens.
    pub async fn ready(&mut self) -> Result<(), Vec<Problem>> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        loop {
            if let Some(status) = *self.exit.borrow() {
                return Err(self.crash(format!("the app stopped before it served ({status})")));
            }
            if let Ok(stream) = tokio::net::TcpStream::connect(address).await {
                // Nothing listening on an ephemeral port can still "accept": the kernel may
                // connect the socket to itself. That is not the app.
                if stream.local_addr().ok() != stream.peer_addr().ok() {
                    return Ok(());
                }
            }
            if tokio::time::Instant::now() > self.deadline {
                return Err(self.crash(format!(
                    "the app did not listen on port {} within {} s: does src/main.rs bind the port in ${PORT_ENV}?",
                    self.port,
                    START_TIMEOUT.as_secs()
                )));
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Waits until the process ends; what to show then.
    pub async fn stopped(&mut self) -> Vec<Problem> {
        let status = self
            .exit
            .wait_for(Option::is_some)
            .await
            .ok()
            .and_then(|status| *status);
        match status {
            Some(status) => self.crash(format!("the app stopped ({status})")),
            None => self.crash("the app stopped".into()),
        }
    }

    fn crash(&self, message: String) -> Vec<Problem> {
        vec![Problem::from_output(
            message,
            &self.excerpt.lock().unwrap().text(),
        )]
    }

    /// Stops the process: `SIGTERM`, then `SIGKILL` after [`STOP_GRACE`].
    pub async fn stop(self) {
        if self.exit.borrow().is_none() {
            process::stop_group(self.pid, libc::SIGTERM, STOP_GRACE).await;
        }
    }
}

/// A loopback port nothing listens on now.
fn free_port() -> Result<u16, CliError> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(CliError::io("cannot find a free port on 127.0.0.1"))
}
