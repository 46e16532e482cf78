//! Walks `public/` and checks it against the pages: every file becomes a [`PublicFile`]
//! served at its path, unless it collides with a page or sits where Next.js refuses one.

use std::path::{Path, PathBuf};

use next_conventions::public::{self, RESERVED_DIR};

use super::discover::{PageRole, PageTree};
use super::error::{BuildError, BuildErrors};
use super::walk;

/// One file of `public/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicFile {
    /// The URL path it is served at: `/img/logo.png`.
    pub url: String,
    /// Its content-hashed URL, as `asset!` names it.
    pub hashed_url: String,
    /// The file's absolute path, for `include_bytes!`.
    pub path: PathBuf,
}

/// The app's `public/` folder, as the generated code serves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Public {
    /// The folder's absolute path; `None` when the app has none.
    pub dir: Option<PathBuf>,
    /// Embedded or read from disk.
    pub mode: PublicMode,
    /// Every file, in path order.
    pub files: Vec<PublicFile>,
}

/// How the built app serves `public/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicMode {
    /// Every file is embedded in the binary at build time: one file to deploy. The default
    /// of release builds.
    Embedded,
    /// Files are read from `public/` on disk at each request, so an edit shows without a
    /// rebuild. The default of debug builds.
    Disk,
}

impl PublicMode {
    /// The environment variable that chooses the mode at build time: `embed` or `disk`.
    pub const ENV: &'static str = "NEXT_PUBLIC_FILES";

    /// The mode `NEXT_PUBLIC_FILES` names, else the profile's default.
    pub(super) fn from_env() -> Result<Self, BuildError> {
        println!("cargo:rerun-if-env-changed={}", Self::ENV);
        match std::env::var(Self::ENV).ok().as_deref() {
            Some("embed") => Ok(PublicMode::Embedded),
            Some("disk") => Ok(PublicMode::Disk),
            Some(other) => Err(BuildError::InvalidPublicMode(other.to_owned())),
            None if std::env::var("PROFILE").is_ok_and(|profile| profile == "release") => {
                Ok(PublicMode::Embedded)
            }
            None => Ok(PublicMode::Disk),
        }
    }
}

/// Every file under `public_dir` (none if it does not exist), in path order, checked
/// against `pages`. A symbolic link is followed only when it stays inside `public/`.
pub fn discover_public(
    public_dir: &Path,
    pages: &PageTree,
) -> Result<Vec<PublicFile>, BuildErrors> {
    if !public_dir.is_dir() {
        return Ok(Vec::new());
    }
    let root = canonical(public_dir)?;
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in walk::files(public_dir, true, &mut errors) {
        match public_file(public_dir, &root, &path, pages) {
            Ok(Some(file)) => files.push(file),
            Ok(None) => {}
            Err(err) => errors.push(err),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(BuildErrors(errors))
    }
}

fn public_file(
    public_dir: &Path,
    root: &Path,
    path: &Path,
    pages: &PageTree,
) -> Result<Option<PublicFile>, BuildError> {
    let target = canonical(path)?;
    if !target.starts_with(root) {
        println!(
            "cargo:warning={} leads outside public/ (to {}): not served",
            path.display(),
            target.display()
        );
        return Ok(None);
    }
    let relative = walk::relative_parts(public_dir, path)?.join("/");
    let url = public::url_path(&relative);
    if relative.split('/').next() == Some(RESERVED_DIR) {
        return Err(BuildError::ReservedPublicDir {
            file: public::shown(&url),
        });
    }
    if let Some(page) = page_at(pages, &url) {
        return Err(BuildError::PublicFileConflict {
            public: public::shown(&url),
            page: next_conventions::files::shown(page),
        });
    }
    let bytes = std::fs::read(&target).map_err(|source| BuildError::Io {
        path: target.clone(),
        source,
    })?;
    Ok(Some(PublicFile {
        hashed_url: public::hashed_url(&url, &bytes),
        url,
        path: target,
    }))
}

/// The page file whose route is exactly `url`, if one is (only routes without dynamic
/// segments can be).
fn page_at<'p>(pages: &'p PageTree, url: &str) -> Option<&'p str> {
    pages.routes.iter().find_map(|page| match &page.role {
        PageRole::Route { pattern } if pattern == url => Some(page.file.as_str()),
        _ => None,
    })
}

fn canonical(path: &Path) -> Result<PathBuf, BuildError> {
    path.canonicalize().map_err(|source| BuildError::Io {
        path: path.to_owned(),
        source,
    })
}
