//! Walking a folder of the app (`src/pages/`, `public/`) the one way both need: files in
//! path order, unreadable entries collected as errors, names as `/`-separated UTF-8.

use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use super::error::BuildError;

/// Every file under `dir`, sorted by path; symbolic links followed when `follow_links`.
/// What cannot be read is pushed to `errors` and skipped, so every problem is reported.
pub(super) fn files(dir: &Path, follow_links: bool, errors: &mut Vec<BuildError>) -> Vec<PathBuf> {
    let walk = WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(follow_links);
    let mut files = Vec::new();
    for entry in walk {
        match entry {
            Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
            Ok(_) => {}
            Err(err) => errors.push(BuildError::Io {
                path: err.path().unwrap_or(dir).to_owned(),
                source: err.into(),
            }),
        }
    }
    files
}

/// The names from `dir` down to `path` (`posts`, `[id].rs`), which must be UTF-8 to be
/// part of a URL.
pub(super) fn relative_parts<'p>(dir: &Path, path: &'p Path) -> Result<Vec<&'p str>, BuildError> {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    relative
        .components()
        .filter_map(|component| match component {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .map(|part| {
            part.to_str().ok_or_else(|| BuildError::NonUtf8Path {
                path: path.to_owned(),
            })
        })
        .collect()
}
