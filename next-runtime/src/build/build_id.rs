//! The build ID: the same for the same sources, so every instance of one build agrees on
//! the data-route URLs.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;
use xxhash_rust::xxh3::Xxh3;

use super::error::BuildError;

/// The environment variable that overrides the computed build ID.
pub const BUILD_ID_ENV: &str = "NEXT_BUILD_ID";

/// `NEXT_BUILD_ID` if set, else a hash of the crate's `src/` and its `Cargo.lock`.
pub fn build_id(
    override_id: Option<&str>,
    src_dir: &Path,
    lock_file: Option<&Path>,
) -> Result<String, BuildError> {
    if let Some(id) = override_id.filter(|id| !id.is_empty()) {
        let valid = id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        return if valid && id != "." && id != ".." {
            Ok(id.to_owned())
        } else {
            Err(BuildError::InvalidBuildId(id.to_owned()))
        };
    }
    let mut hasher = Xxh3::new();
    let files = WalkDir::new(src_dir)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| {
            entry.map_err(|err| BuildError::Io {
                path: src_dir.to_owned(),
                source: err.into(),
            })
        })
        .filter(|entry| entry.as_ref().map_or(true, |e| e.file_type().is_file()));
    for entry in files {
        let path = entry?.into_path();
        let relative = path.strip_prefix(src_dir).unwrap_or(&path);
        hash_file(&mut hasher, relative.to_string_lossy().as_bytes(), &path)?;
    }
    if let Some(lock_file) = lock_file {
        hash_file(&mut hasher, b"Cargo.lock", lock_file)?;
    }
    Ok(format!("{:016x}", hasher.digest()))
}

fn hash_file(hasher: &mut Xxh3, name: &[u8], path: &Path) -> Result<(), BuildError> {
    let contents = std::fs::read(path).map_err(|source| BuildError::Io {
        path: path.to_owned(),
        source,
    })?;
    // Lengths first, so moving bytes between name and contents changes the hash.
    hasher.update(&(name.len() as u64).to_le_bytes());
    hasher.update(name);
    hasher.update(&(contents.len() as u64).to_le_bytes());
    hasher.update(&contents);
    Ok(())
}

/// The nearest `Cargo.lock` at or above `manifest_dir` (a workspace keeps it at its root).
pub fn find_lock_file(manifest_dir: &Path) -> Option<PathBuf> {
    manifest_dir
        .ancestors()
        .map(|dir| dir.join("Cargo.lock"))
        .find(|lock| lock.is_file())
}
