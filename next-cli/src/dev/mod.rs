//! `cargo next dev`: build the app, serve it, and on every change build again and swap the
//! new process in without a refused request, telling the browsers to reload (or to show
//! the compile errors over the page).
//!
//! - [`watch`]: which file events count, debounced;
//! - [`app`]: one app process, on a private port;
//! - [`proxy`]: the port the browser talks to, and the swap;
//! - [`events`]: what the browsers are told.
//!
//! Everything runs on one thread: the work is waiting, and processes started from one
//! thread can be tied to it (see [`crate::process::owned`]).

mod app;
mod events;
mod proxy;
mod watch;

use std::net::Ipv4Addr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::net::TcpListener;

use crate::cargo::{Build, Outcome, Profile};
use crate::project::Project;
use crate::{CliError, Package};
use app::App;
use events::Status;
use proxy::{Proxy, Route, Upstream};
use watch::{Change, Watcher};

/// The longest a replaced process may keep serving requests it had (a streamed response,
/// say) before it is stopped anyway.
const RETIRE_AFTER: Duration = Duration::from_secs(10);

/// Runs the dev server for the package `choice` names on `port` until Ctrl-C.
pub fn run(choice: &Package, port: u16, extra: &[PathBuf]) -> Result<(), CliError> {
    let project = Project::locate(choice)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(CliError::io("cannot start the async runtime"))?;
    runtime.block_on(serve(project, port, extra))
}

async fn serve(project: Project, port: u16, extra: &[PathBuf]) -> Result<(), CliError> {
    let listener = bind(port).await?;
    // `--port 0` asks the system for a free port: say which one it gave.
    let port = listener.local_addr().map_or(port, |address| address.port());
    let proxy = Proxy::new();
    tokio::spawn(Arc::clone(&proxy).serve(listener));
    let mut watcher = Watcher::new(&project.root, extra, &project.target)?;
    eprintln!(
        "cargo next: http://127.0.0.1:{port} serves {} in dev mode; it rebuilds when src/, public/, build.rs or Cargo.toml change (Ctrl-C stops)",
        project.name
    );
    let mut building = Some(Build::start(&project, Profile::Dev)?);
    let mut starting: Option<App> = None;
    let mut serving: Option<App> = None;
    let mut builds = 0;
    let mut changed_at = Instant::now();
    let mut built_at = Instant::now();
    let mut stop = std::pin::pin!(shutdown());
    loop {
        tokio::select! {
            change = watcher.next() => match change {
                Change::Public(paths) => {
                    eprintln!("cargo next: changed in public/: {}", paths.join(", "));
                    proxy.hub.public_changed(&paths);
                }
                Change::Rust => {
                    changed_at = Instant::now();
                    if let Some(build) = building.take() {
                        eprintln!("cargo next: a newer change: building again");
                        build.cancel().await;
                    }
                    if let Some(app) = starting.take() {
                        tokio::spawn(app.stop());
                    }
                    building = Some(Build::start(&project, Profile::Dev)?);
                    proxy.hub.set(build_of(&serving), Status::Building);
                }
            },
            outcome = async { building.as_mut().expect("guarded").finished().await }, if building.is_some() => {
                building = None;
                match outcome {
                    Outcome::Built(binary) => {
                        builds += 1;
                        built_at = Instant::now();
                        match App::start(&binary, &project.root, builds) {
                            Ok(app) => starting = Some(app),
                            Err(error) => {
                                let problems = vec![crate::diagnostic::Problem::from_output(error.to_string(), "")];
                                fail(&proxy, &serving, Status::Crashed { problems });
                            }
                        }
                    }
                    Outcome::Failed(problems) => {
                        eprintln!("cargo next: the build failed; the browser shows its errors until the next change builds");
                        fail(&proxy, &serving, Status::Failed { problems });
                    }
                }
            },
            ready = async { starting.as_mut().expect("guarded").ready().await }, if starting.is_some() => {
                let app = starting.take().expect("guarded");
                match ready {
                    Ok(()) => {
                        let upstream = Arc::new(Upstream {
                            port: app.port,
                            build: app.build,
                        });
                        let old = proxy.route.send_replace(Route::App(upstream));
                        proxy.hub.set(app.build, Status::Ready);
                        eprintln!(
                            "cargo next: build {} serves, {:.2} s after the change (cargo {:.2} s, start {:.2} s)",
                            app.build,
                            changed_at.elapsed().as_secs_f64(),
                            (built_at - changed_at).as_secs_f64(),
                            built_at.elapsed().as_secs_f64(),
                        );
                        if let Some(old_app) = serving.replace(app) {
                            tokio::spawn(retire(old_app, old));
                        }
                    }
                    Err(problems) => {
                        eprintln!("cargo next: the app did not start; it is tried again after the next change");
                        tokio::spawn(app.stop());
                        fail(&proxy, &serving, Status::Crashed { problems });
                    }
                }
            },
            problems = async { serving.as_mut().expect("guarded").stopped().await }, if serving.is_some() => {
                serving = None;
                eprintln!("cargo next: the app stopped; it starts again after the next change");
                fail(&proxy, &serving, Status::Crashed { problems });
            },
            () = &mut stop => break,
        }
    }
    eprintln!("cargo next: stopping");
    if let Some(build) = building {
        build.cancel().await;
    }
    for app in [starting, serving].into_iter().flatten() {
        app.stop().await;
    }
    Ok(())
}

/// The port the browser talks to, owned by the dev server for its whole run.
async fn bind(port: u16) -> Result<TcpListener, CliError> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .await
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::AddrInUse => CliError::PortInUse(port),
            _ => CliError::io(format!("cannot listen on 127.0.0.1:{port}"))(error),
        })
}

/// The number of the build serving now (0: none).
fn build_of(serving: &Option<App>) -> u64 {
    serving.as_ref().map_or(0, |app| app.build)
}

/// The latest build or start failed: the last good app (if any) keeps serving, under the
/// overlay.
fn fail(proxy: &Proxy, serving: &Option<App>, status: Status) {
    proxy.hub.set(build_of(serving), status);
    if serving.is_none() {
        proxy.route.send_replace(Route::Down);
    }
}

/// Stops a replaced app once no request uses it any more (or after [`RETIRE_AFTER`]).
async fn retire(app: App, route: Route) {
    if let Route::App(upstream) = route {
        let deadline = Instant::now() + RETIRE_AFTER;
        while Arc::strong_count(&upstream) > 1 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    app.stop().await;
}

/// Ctrl-C, a `SIGTERM`, or the terminal's `SIGHUP`.
pub async fn shutdown() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut terminate = signal(SignalKind::terminate()).ok();
    // The terminal closed.
    let mut hangup = signal(SignalKind::hangup()).ok();
    tokio::select! {
        Ok(()) = tokio::signal::ctrl_c() => {}
        Some(()) = async { terminate.as_mut()?.recv().await } => {}
        Some(()) = async { hangup.as_mut()?.recv().await } => {}
        // No signal can be listened for: run until killed.
        else => std::future::pending::<()>().await,
    }
}
