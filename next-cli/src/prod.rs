//! `cargo next build`, `cargo next start` and `cargo next export`: the release build,
//! serving it in production mode, and writing it as static files, as `next build`,
//! `next start` and `next export` do.

use std::path::{Path, PathBuf};

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

/// Builds the app with `--release` and runs it once with `NEXT_EXPORT_DIR=out`: its
/// `pages::prerender` generates every page and writes the site there, then ends. An earlier
/// export in `out` is replaced; any other folder there is left alone.
pub fn export(choice: &Package, out: &Path) -> Result<(), CliError> {
    let project = Project::locate(choice)?;
    let binary = release(&project)?;
    let cwd = std::env::current_dir().map_err(CliError::io("cannot read the current folder"))?;
    let out = cwd.join(out);
    if out.exists() {
        let earlier = out.join("404.html").is_file() && out.join("_next").is_dir();
        if !earlier {
            return Err(CliError::NotAnExport(out));
        }
        std::fs::remove_dir_all(&out).map_err(CliError::io(format!(
            "cannot remove the earlier export {}",
            out.display()
        )))?;
    }
    eprintln!(
        "cargo next: exporting {} to {}",
        binary.display(),
        out.display()
    );
    let status = std::process::Command::new(&binary)
        .current_dir(&project.root)
        .env(next_conventions::dev::EXPORT_ENV, &out)
        .env(next_conventions::dev::MODE_ENV, "0")
        .env_remove(next_conventions::dev::SERVER_ENV)
        .status()
        .map_err(CliError::io(format!("cannot run {}", binary.display())))?;
    match status.success() {
        true => Ok(()),
        false => Err(CliError::ExportFailed),
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
