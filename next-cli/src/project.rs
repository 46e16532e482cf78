//! Which package is the app, where it lives and which binary serves it, from
//! `cargo metadata` (so workspaces, `CARGO_TARGET_DIR` and cargo's config all count).

use std::path::{Path, PathBuf};

use cargo_metadata::{Metadata, MetadataCommand, Package as CargoPackage, TargetKind};

use crate::{CliError, Package};

/// The app: the package `cargo next` builds and runs.
#[derive(Debug, Clone)]
pub struct Project {
    /// The package's name, for `cargo build -p`.
    pub name: String,
    /// The binary target that serves it, for `cargo build --bin`.
    pub bin: String,
    /// The folder holding the package's `Cargo.toml`.
    pub root: PathBuf,
    /// The `Cargo.toml` cargo is run with.
    pub manifest: PathBuf,
    /// The workspace's folder, where rustc's file names start.
    pub workspace: PathBuf,
    /// Where cargo builds (`CARGO_TARGET_DIR`, or `target/` by default).
    pub target: PathBuf,
}

impl Project {
    /// The package `choice` names, or the one whose folder holds the current directory.
    pub fn locate(choice: &Package) -> Result<Project, CliError> {
        let mut command = MetadataCommand::new();
        command.no_deps();
        if let Some(manifest) = &choice.manifest_path {
            command.manifest_path(manifest);
        }
        let metadata = command
            .exec()
            .map_err(|error| CliError::Metadata(cargo_said(error)))?;
        let cwd =
            std::env::current_dir().map_err(CliError::io("cannot read the current folder"))?;
        let package = pick_package(&metadata, choice, &cwd)?;
        let bin = pick_bin(package, choice.bin.as_deref())?;
        let manifest = package.manifest_path.clone().into_std_path_buf();
        Ok(Project {
            name: package.name.to_string(),
            bin,
            root: manifest.parent().unwrap_or(Path::new(".")).to_path_buf(),
            manifest,
            workspace: metadata.workspace_root.clone().into_std_path_buf(),
            target: metadata.target_directory.clone().into_std_path_buf(),
        })
    }
}

/// cargo's own error line (`could not find `Cargo.toml` in ...`), without its `error: `.
fn cargo_said(error: cargo_metadata::Error) -> String {
    match error {
        cargo_metadata::Error::CargoMetadata { stderr } => stderr
            .lines()
            .find_map(|line| line.strip_prefix("error: "))
            .unwrap_or(stderr.trim())
            .to_string(),
        other => other.to_string(),
    }
}

fn pick_package<'a>(
    metadata: &'a Metadata,
    choice: &Package,
    cwd: &Path,
) -> Result<&'a CargoPackage, CliError> {
    let members = metadata.workspace_packages();
    let names = || {
        let names: Vec<&str> = members.iter().map(|p| p.name.as_str()).collect();
        names.join(", ")
    };
    if let Some(name) = &choice.package {
        return members
            .iter()
            .find(|p| p.name.as_str() == name)
            .copied()
            .ok_or_else(|| CliError::UnknownPackage {
                name: name.clone(),
                members: names(),
            });
    }
    // The package whose folder is the closest one around the current directory (or the
    // one `--manifest-path` names).
    let start = match &choice.manifest_path {
        Some(manifest) => manifest
            .canonicalize()
            .ok()
            .and_then(|m| m.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| cwd.to_path_buf()),
        None => cwd.to_path_buf(),
    };
    let around = members
        .iter()
        .filter_map(|p| {
            let dir = p.manifest_path.parent()?.as_std_path();
            start
                .starts_with(dir)
                .then_some((dir.components().count(), *p))
        })
        .max_by_key(|(depth, _)| *depth)
        .map(|(_, p)| p);
    match around {
        Some(package) => Ok(package),
        None if members.len() == 1 => Ok(members[0]),
        None if members.is_empty() => Err(CliError::NoPackage(start)),
        None => Err(CliError::WhichPackage(names())),
    }
}

fn pick_bin(package: &CargoPackage, choice: Option<&str>) -> Result<String, CliError> {
    let bins: Vec<&str> = package
        .targets
        .iter()
        .filter(|t| t.kind.contains(&TargetKind::Bin))
        .map(|t| t.name.as_str())
        .collect();
    let listed = || bins.join(", ");
    let package_name = package.name.to_string();
    match choice {
        Some(bin) if bins.contains(&bin) => Ok(bin.to_string()),
        Some(bin) => Err(CliError::UnknownBinary {
            package: package_name,
            bin: bin.to_string(),
            bins: listed(),
        }),
        None => match bins.as_slice() {
            [] => Err(CliError::NoBinary(package_name)),
            [only] => Ok(only.to_string()),
            _ => package
                .default_run
                .as_deref()
                .or(bins.iter().copied().find(|b| *b == package_name))
                .map(str::to_string)
                .ok_or_else(|| CliError::WhichBinary {
                    package: package_name,
                    bins: listed(),
                }),
        },
    }
}
