//! `cargo next`: the commands of a next-runtime app, mirroring Next's.
//!
//! - `cargo next new NAME`: a new app ([`new`]);
//! - `cargo next dev`: build, serve, rebuild on change, reload the browser ([`dev`]);
//! - `cargo next build`, `cargo next start` and `cargo next export`: the release build,
//!   serving it, writing it as static files ([`prod`]).
//!
//! [`project`] finds the app's package, [`cargo`] runs cargo and reads its JSON messages,
//! [`diagnostic`] turns rustc's diagnostics into what the browser overlay shows.

mod cargo;
mod dev;
mod diagnostic;
mod error;
mod new;
mod process;
mod prod;
mod project;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use error::CliError;

/// cargo runs `cargo-next next ARGS...` for `cargo next ARGS...`.
#[derive(Parser)]
#[command(name = "cargo", bin_name = "cargo", version, styles = clap::builder::Styles::styled())]
enum Cargo {
    /// The commands of a next-runtime app: new, dev, build, start, export.
    Next(Next),
}

#[derive(Args)]
#[command(version, about, long_about = None)]
struct Next {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new app in a new folder: pages, a public folder, a build script.
    New(new::NewArgs),
    /// Build and serve the app in dev mode; rebuild, swap and reload the browser on every
    /// change, with compile errors shown over the page.
    Dev(DevArgs),
    /// Build the app for production (`cargo build --release`) and print the binary's path.
    Build(Package),
    /// Serve the production build (building it first if it is out of date).
    Start(StartArgs),
    /// Write the site as static files (every generated page, its data, public/ and the
    /// assets) for any static host; only for apps whose pages need no server.
    Export(ExportArgs),
}

#[derive(Args)]
struct ExportArgs {
    #[command(flatten)]
    package: Package,
    /// The folder to write (default: out). An earlier export there is replaced.
    #[arg(long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
}

/// Which package of the workspace is the app, and which of its binaries serves it.
#[derive(Args, Clone, Debug, Default)]
pub struct Package {
    /// The app's package, inside a workspace (default: the package in the current folder).
    #[arg(short, long, value_name = "NAME")]
    pub package: Option<String>,
    /// The binary that serves the app, when the package has several.
    #[arg(long, value_name = "NAME")]
    pub bin: Option<String>,
    /// The package's Cargo.toml (default: found from the current folder, as cargo does).
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
}

#[derive(Args)]
struct DevArgs {
    #[command(flatten)]
    package: Package,
    /// The port to serve on, on 127.0.0.1 (default: $PORT, or 3000).
    #[arg(long)]
    port: Option<u16>,
    /// Also rebuild when something under this path changes (a path dependency, say).
    #[arg(long, value_name = "PATH")]
    watch: Vec<PathBuf>,
}

#[derive(Args)]
struct StartArgs {
    #[command(flatten)]
    package: Package,
    /// The port to serve on (default: $PORT, or 3000).
    #[arg(long)]
    port: Option<u16>,
}

/// `--port`, else `PORT`, else 3000; a `PORT` that is no port is an error, not a surprise.
fn port(flag: Option<u16>) -> Result<u16, CliError> {
    if let Some(port) = flag {
        return Ok(port);
    }
    match std::env::var(next_conventions::dev::PORT_ENV) {
        Ok(value) => value.parse().map_err(|_| CliError::Port(value)),
        Err(_) => Ok(3000),
    }
}

fn main() -> ExitCode {
    let Cargo::Next(next) = Cargo::parse();
    let result = match next.command {
        Command::New(args) => new::run(&args),
        Command::Dev(args) => {
            port(args.port).and_then(|port| dev::run(&args.package, port, &args.watch))
        }
        Command::Build(package) => prod::build(&package).map(|binary| {
            println!("{}", binary.display());
        }),
        Command::Start(args) => port(args.port).and_then(|port| prod::start(&args.package, port)),
        Command::Export(args) => prod::export(&args.package, &args.out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cargo next: error: {error}");
            ExitCode::FAILURE
        }
    }
}
