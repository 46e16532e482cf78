//! Watching the app's files: `src/`, `public/`, `build.rs` and `Cargo.toml`, debounced, with
//! `target/`, hidden files and editors' temporaries left out.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use tokio::sync::mpsc;
use tokio::time::Instant;

use next_conventions::public::{url_path, PUBLIC_DIR};

use crate::CliError;

/// How long the files must be quiet before a change counts: one save is often several
/// events (write, rename, chmod), a `git checkout` thousands.
const QUIET: Duration = Duration::from_millis(50);
/// The longest a stream of events that never pauses can put a rebuild off.
const LONGEST: Duration = Duration::from_secs(2);

/// What changed, once the events settled.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    /// Something the binary is built from: rebuild.
    Rust,
    /// Only files under `public/`, by the URL paths they are served at: the running app
    /// reads them from disk, so no rebuild.
    Public(Vec<String>),
}

/// What one path is to the dev server.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Rust,
    Public(String),
    /// The `public/` folder itself appeared or went: the binary was built without it.
    PublicFolder,
}

/// The app's files, watched.
pub struct Watcher {
    watcher: RecommendedWatcher,
    events: mpsc::UnboundedReceiver<notify::Result<Event>>,
    root: PathBuf,
    extra: Vec<PathBuf>,
    /// cargo's target folder, which builds write to: never a change.
    target: PathBuf,
    public_watched: bool,
    /// What was heard since the last change was reported.
    pending: Pending,
}

/// The events heard so far of a change not yet reported.
#[derive(Default)]
struct Pending {
    rust: bool,
    public: BTreeSet<String>,
    /// When the change is reported even if the events never pause.
    deadline: Option<Instant>,
}

impl Watcher {
    /// Watches the package in `root`, and every path in `extra` (recursively), leaving out
    /// cargo's `target` folder wherever it is.
    pub fn new(root: &Path, extra: &[PathBuf], target: &Path) -> Result<Watcher, CliError> {
        let (send, events) = mpsc::unbounded_channel();
        // notify calls this on its own thread; an unbounded channel never blocks it, so a
        // burst of events is never lost or fatal.
        let watcher = notify::recommended_watcher(move |event| {
            let _ = send.send(event);
        })
        .map_err(|source| CliError::Watch {
            path: root.to_path_buf(),
            source,
        })?;
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut this = Watcher {
            watcher,
            events,
            extra: extra
                .iter()
                .map(|path| path.canonicalize().unwrap_or_else(|_| path.clone()))
                .collect(),
            root,
            target: target
                .canonicalize()
                .unwrap_or_else(|_| target.to_path_buf()),
            public_watched: false,
            pending: Pending::default(),
        };
        // The folder itself, not recursively: build.rs, Cargo.toml, and src/ or public/
        // appearing. Recursively, it would watch every folder of target/.
        this.watch(&this.root.clone(), RecursiveMode::NonRecursive)?;
        this.watch(&this.root.join("src"), RecursiveMode::Recursive)?;
        this.watch_public()?;
        for path in this.extra.clone() {
            this.watch(&path, RecursiveMode::Recursive)?;
        }
        Ok(this)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> Result<(), CliError> {
        if !path.exists() {
            return Ok(());
        }
        self.watcher
            .watch(path, mode)
            .map_err(|source| CliError::Watch {
                path: path.to_path_buf(),
                source,
            })
    }

    fn watch_public(&mut self) -> Result<(), CliError> {
        let public = self.root.join(PUBLIC_DIR);
        self.public_watched = public.is_dir();
        if self.public_watched {
            self.watch(&public, RecursiveMode::Recursive)?;
        }
        Ok(())
    }

    /// The next change: waits for an event that matters, then for the files to be quiet
    /// for [`QUIET`]. Cancel-safe: what was heard before a `select!` dropped the call is
    /// kept for the next one.
    pub async fn next(&mut self) -> Change {
        loop {
            let event = match self.pending.deadline {
                None => self.events.recv().await,
                Some(deadline) => {
                    let quiet = (Instant::now() + QUIET).min(deadline);
                    match tokio::time::timeout_at(quiet, self.events.recv()).await {
                        Ok(event) => event,
                        Err(_) => break,
                    }
                }
            };
            let Some(event) = event else {
                // The watcher is gone: nothing more will come.
                std::future::pending::<()>().await;
                unreachable!()
            };
            let kinds = match event {
                Ok(event) => self.kinds(&event),
                // The watcher lost track (a queue overflow): assume anything changed.
                Err(_) => vec![Kind::Rust],
            };
            for kind in kinds {
                match kind {
                    Kind::Rust => self.pending.rust = true,
                    Kind::Public(url) => {
                        self.pending.public.insert(url);
                    }
                    Kind::PublicFolder => {
                        self.pending.rust = true;
                        let _ = self.watch_public();
                    }
                }
                let deadline = &mut self.pending.deadline;
                deadline.get_or_insert_with(|| Instant::now() + LONGEST);
            }
        }
        let pending = std::mem::take(&mut self.pending);
        if pending.rust {
            Change::Rust
        } else {
            Change::Public(pending.public.into_iter().collect())
        }
    }

    fn kinds(&self, event: &Event) -> Vec<Kind> {
        if event.need_rescan() {
            return vec![Kind::Rust];
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return Vec::new();
        }
        event
            .paths
            .iter()
            .filter_map(|path| self.kind(path))
            .collect()
    }

    fn kind(&self, path: &Path) -> Option<Kind> {
        if path.starts_with(&self.target) {
            return None;
        }
        if let Some(extra) = self.extra.iter().find(|extra| path.starts_with(extra)) {
            let relative = path.strip_prefix(extra).ok()?;
            let lock = relative
                .file_name()
                .is_some_and(|name| name == "Cargo.lock");
            return (!ignored(relative) && !lock).then_some(Kind::Rust);
        }
        match classify(path.strip_prefix(&self.root).ok()?, self.public_watched)? {
            // An event on the folder itself, which is still there: nothing the binary
            // depends on changed.
            Kind::PublicFolder if self.public_watched && self.root.join(PUBLIC_DIR).is_dir() => {
                None
            }
            kind => Some(kind),
        }
    }
}

/// What `relative` (a path under the package's folder) is to the dev server; `None` for
/// what it ignores. `public` says whether the running binary was built with `public/`.
fn classify(relative: &Path, public: bool) -> Option<Kind> {
    if ignored(relative) {
        return None;
    }
    let mut parts = relative.components().filter_map(|part| match part {
        Component::Normal(part) => part.to_str(),
        _ => None,
    });
    let first = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    match (first, rest.is_empty()) {
        ("src", _) | ("build.rs" | "Cargo.toml", true) => Some(Kind::Rust),
        (dir, false) if dir == PUBLIC_DIR && public => {
            Some(Kind::Public(url_path(&rest.join("/"))))
        }
        (dir, _) if dir == PUBLIC_DIR => Some(Kind::PublicFolder),
        _ => None,
    }
}

/// Hidden files and folders, and the temporaries editors write beside a file they save
/// (`.file.swp`, `file~`, `#file#`, `.#file`, vim's `4913`, JetBrains' `___jb_tmp___`).
fn ignored(relative: &Path) -> bool {
    relative.components().any(|part| {
        let Component::Normal(name) = part else {
            return false;
        };
        let name = name.to_string_lossy();
        name.starts_with('.')
            || name.ends_with('~')
            || (name.starts_with('#') && name.ends_with('#'))
            || name == "4913"
            || name.contains("___jb_")
            || [".swp", ".swo", ".swx", ".tmp"]
                .iter()
                .any(|suffix| name.ends_with(suffix))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> Option<Kind> {
        classify(Path::new(path), true)
    }

    #[test]
    fn sources_and_manifests_rebuild() {
        for path in [
            "src/main.rs",
            "src/pages/posts/[id].rs",
            "build.rs",
            "Cargo.toml",
            "src",
        ] {
            assert_eq!(kind(path), Some(Kind::Rust), "{path}");
        }
    }

    #[test]
    fn public_files_are_served_without_a_rebuild() {
        assert_eq!(
            kind("public/styles/site.css"),
            Some(Kind::Public("/styles/site.css".into()))
        );
        assert_eq!(kind("public"), Some(Kind::PublicFolder));
        assert_eq!(
            classify(Path::new("public/new.txt"), false),
            Some(Kind::PublicFolder),
            "a binary built without public/ must be rebuilt to serve it"
        );
    }

    /// A scratch package folder with `src/` and `public/`, watched.
    fn watched() -> (tempfile::TempDir, Watcher) {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("src")).unwrap();
        std::fs::create_dir_all(root.path().join("public/styles")).unwrap();
        let target = root.path().join("target");
        let watcher = Watcher::new(root.path(), &[], &target).unwrap();
        (root, watcher)
    }

    #[tokio::test(flavor = "current_thread")]
    async fn builds_in_a_watched_path_are_no_change() {
        let root = tempfile::tempdir().unwrap();
        let app = root.path().join("app");
        std::fs::create_dir_all(app.join("src")).unwrap();
        std::fs::create_dir_all(root.path().join("target/debug")).unwrap();
        // `--watch` on the workspace, whose target folder builds write into.
        let extra = [root.path().to_path_buf()];
        let mut watcher = Watcher::new(&app, &extra, &root.path().join("target")).unwrap();
        std::fs::write(root.path().join("target/debug/app"), "binary").unwrap();
        std::fs::write(root.path().join("Cargo.lock"), "# lock").unwrap();
        let quiet = tokio::time::timeout(Duration::from_millis(300), watcher.next()).await;
        assert!(
            quiet.is_err(),
            "a build's output counted as a change: {quiet:?}"
        );
        std::fs::write(root.path().join("shared.rs"), "// edited").unwrap();
        assert_eq!(watcher.next().await, Change::Rust);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_burst_of_events_is_one_change() {
        let (root, mut watcher) = watched();
        for n in 0..500 {
            std::fs::write(root.path().join(format!("src/file{n}.rs")), "// x").unwrap();
        }
        assert_eq!(watcher.next().await, Change::Rust);
        let more = tokio::time::timeout(Duration::from_millis(300), watcher.next()).await;
        assert!(more.is_err(), "the burst gave a second change: {more:?}");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_change_heard_before_a_cancel_is_not_lost() {
        let (root, mut watcher) = watched();
        std::fs::write(root.path().join("src/main.rs"), "fn main() {}").unwrap();
        // Cancelled while waiting for quiet, as a select! does when another branch wins.
        let cut = tokio::time::timeout(Duration::from_millis(20), watcher.next()).await;
        assert!(cut.is_err(), "reported before the quiet time: {cut:?}");
        let next = tokio::time::timeout(Duration::from_secs(2), watcher.next()).await;
        assert_eq!(
            next.expect("the change heard before the cancel was lost"),
            Change::Rust
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn public_files_are_reported_by_url_and_temporaries_not_at_all() {
        let (root, mut watcher) = watched();
        std::fs::write(root.path().join("src/.main.rs.swp"), "x").unwrap();
        std::fs::write(root.path().join("public/styles/site.css"), "a{}").unwrap();
        std::fs::write(root.path().join("public/robots.txt"), "x").unwrap();
        assert_eq!(
            watcher.next().await,
            Change::Public(vec!["/robots.txt".into(), "/styles/site.css".into()])
        );
        std::fs::write(root.path().join("public/robots.txt"), "y").unwrap();
        std::fs::write(root.path().join("Cargo.toml"), "[package]").unwrap();
        assert_eq!(watcher.next().await, Change::Rust, "a Rust change wins");
    }

    #[test]
    fn the_rest_is_ignored() {
        for path in [
            "target/debug/app",
            "Cargo.lock",
            "README.md",
            "src/.index.rs.swp",
            "src/pages/index.rs~",
            "src/pages/#index.rs#",
            "src/pages/.#index.rs",
            "src/pages/4913",
            "src/pages/index.rs___jb_tmp___",
            ".git/index",
            "public/.DS_Store",
            "src/pages/index.rs.tmp",
        ] {
            assert_eq!(kind(path), None, "{path}");
        }
    }
}
