//! `cargo next build` and `cargo next start`: the release build, and serving it in
//! production mode, as `next build` and `next start` do.

use std::path::PathBuf;

use crate::cargo::{Build, Outcome, Profile};
use crate::project::Project;
use crate::{CliError, Package};

/// Builds the app with `--release`; the binary's path.
pub fn build(choice: &Package) -> Result<PathBuf, CliError> {
    let project = Project::locate(choice)?;
    release(&project)
}

/// Builds the app with `--release` if it is out of date, then becomes it: the app serves
/// on `port` in production mode (`NEXT_DEV=0`), and signals reach it directly.
pub fn start(choice: &Package, port: u16) -> Result<(), CliError> {
    let project = Project::locate(choice)?;
    let binary = release(&project)?;
    eprintln!(
        "cargo next: starting {} in production mode on port {port}",
        binary.display()
    );
    let mut command = std::process::Command::new(&binary);
    command
        .current_dir(&project.root)
        .env(next_conventions::dev::PORT_ENV, port.to_string())
        .env(next_conventions::dev::MODE_ENV, "0")
        .env_remove(next_conventions::dev::SERVER_ENV);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let error = command.exec();
        Err(CliError::io(format!("cannot run {}", binary.display()))(
            error,
        ))
    }
    #[cfg(not(unix))]
    {
        let status = command
            .status()
            .map_err(CliError::io(format!("cannot run {}", binary.display())))?;
        std::process::exit(status.code().unwrap_or(1))
    }
}

fn release(project: &Project) -> Result<PathBuf, CliError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(CliError::io("cannot start the async runtime"))?;
    runtime.block_on(async {
        let mut build = Build::start(project, Profile::Release)?;
        // cargo runs in a process group of its own, which the terminal's Ctrl-C does not
        // reach: it is passed on.
        tokio::select! {
            outcome = build.finished() => match outcome {
                Outcome::Built(binary) => Ok(binary),
                Outcome::Failed(_) => Err(CliError::BuildFailed),
            },
            () = crate::dev::shutdown() => {
                build.cancel().await;
                Err(CliError::Interrupted)
            }
        }
    })
}
