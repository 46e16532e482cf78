//! What can stop a `cargo next` command, each with what to do about it.

use std::path::PathBuf;

/// Why a command cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("PORT={0:?} is not a port number: set it to a number from 1 to 65535, or pass --port")]
    Port(String),
    #[error(
        "port {0} on 127.0.0.1 is in use: stop what serves there, or pass --port with another"
    )]
    PortInUse(u16),
    #[error(
        "cannot read the package: {0} (run this in the app's folder, or pass --manifest-path)"
    )]
    Metadata(String),
    #[error("{0} is not inside a package's folder: run this in the app's folder, or pass -p NAME in its workspace")]
    NoPackage(PathBuf),
    #[error("this workspace has several packages: pass -p NAME with one of: {0}")]
    WhichPackage(String),
    #[error("there is no package `{name}` in this workspace; its packages are: {members}")]
    UnknownPackage { name: String, members: String },
    #[error("package `{0}` has no binary to serve the app: add src/main.rs (`cargo next new` writes one)")]
    NoBinary(String),
    #[error("package `{package}` has several binaries: pass --bin with one of: {bins}")]
    WhichBinary { package: String, bins: String },
    #[error("package `{package}` has no binary `{bin}`; its binaries are: {bins}")]
    UnknownBinary {
        package: String,
        bin: String,
        bins: String,
    },
    #[error("the build failed (cargo's errors are above)")]
    BuildFailed,
    #[error("the export failed (the app's message is above)")]
    ExportFailed,
    #[error("{0} exists and is not an earlier export (no 404.html and _next/ in it): remove it, or pass --out with another folder")]
    NotAnExport(PathBuf),
    #[error("interrupted: the build was stopped")]
    Interrupted,
    #[error("cannot watch {path} for changes: {source}")]
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
    #[error("{what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
    #[error("{0} already exists: choose another name, or remove it first")]
    Exists(PathBuf),
    #[error("`{name}` cannot name a package: {why}")]
    BadName { name: String, why: &'static str },
    #[error("there is no next-runtime at {0}: pass --next-path with the folder of a checkout (the one holding next-runtime/), or --next-version")]
    NoRuntime(PathBuf),
}

impl CliError {
    /// An I/O error, with what was being done.
    pub fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> CliError {
        let what = what.into();
        move |source| CliError::Io { what, source }
    }
}
