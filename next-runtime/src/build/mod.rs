//! Build time: turns `src/pages/` into the route table. Call [`generate_routes`] from the
//! app's `build.rs`; bring the result in with `next_runtime::include_pages!()`.
//!
//! Enabled by the `build` feature, which compiles no actix-web or tokio:
//! `next-runtime = { ..., default-features = false, features = ["build"] }` under
//! `[build-dependencies]`.

mod build_id;
mod codegen;
mod config;
mod discover;
mod error;
mod public;
mod rules;
mod walk;

use std::path::{Path, PathBuf};

/// The route-grammar errors a [`BuildError`] carries.
pub use crate::routes::{RouteTreeError, SegmentError};
pub use build_id::{build_id, BUILD_ID_ENV};
pub use codegen::generate;
pub use config::{Config, I18nConfig, SiteConfig};
pub use discover::{discover, discover_middleware, PageFile, PageRole, PageTree};
pub use error::{BuildError, BuildErrors};
pub use public::{discover_public, Public, PublicFile, PublicMode};
pub use rules::{Has, HasKind, Headers, Phase, Redirect, Rewrite, UrlRules};

/// The generated file's name in `OUT_DIR`, as `include_pages!` expects it.
pub const GENERATED_FILE: &str = "next_pages.rs";

/// Generates the route table from `src/pages/` into `OUT_DIR`. Call it from `build.rs`,
/// as `fn main() { next_runtime::build::generate_routes(); }`; use [`Config`] to add
/// locales.
///
/// On a page tree Next.js would refuse, it prints every problem (the rule and the files)
/// and fails the build, without a panic.
pub fn generate_routes() {
    Config::new().generate_routes()
}

/// [`generate_routes`], returning the problems instead of exiting. Returns the path of the
/// generated file.
pub fn try_generate_routes() -> Result<PathBuf, BuildErrors> {
    Config::new().try_generate_routes()
}

fn generate_into_out_dir(
    site: &SiteConfig,
    public_mode: Option<PublicMode>,
) -> Result<PathBuf, BuildErrors> {
    let manifest_dir = env_path("CARGO_MANIFEST_DIR")?;
    let public_dir = manifest_dir.join(next_conventions::public::PUBLIC_DIR);
    let out_dir = env_path("OUT_DIR")?;
    let src_dir = manifest_dir.join("src");
    let pages_dir = manifest_dir.join(next_conventions::files::PAGES_DIR);
    let lock_file = build_id::find_lock_file(&manifest_dir);

    println!("cargo:rerun-if-changed={}", pages_dir.display());
    println!("cargo:rerun-if-changed={}", src_dir.display());
    if let Some(lock_file) = &lock_file {
        println!("cargo:rerun-if-changed={}", lock_file.display());
    }
    println!("cargo:rerun-if-env-changed={BUILD_ID_ENV}");
    // For `asset!`, which writes its URLs under the base path.
    println!(
        "cargo:rustc-env={}={}",
        next_conventions::public::BASE_PATH_ENV,
        site.base_path
    );
    // Only when it exists: cargo would rerun the script on every build for a missing path.
    if public_dir.is_dir() {
        println!("cargo:rerun-if-changed={}", public_dir.display());
    }

    let mut pages = discover(&pages_dir)?;
    pages.middleware = discover_middleware(&manifest_dir)?;
    let public = Public {
        mode: match public_mode {
            Some(mode) => mode,
            None => PublicMode::from_env()?,
        },
        files: discover_public(&public_dir, &pages)?,
        dir: public_dir.is_dir().then_some(public_dir),
    };
    let override_id = std::env::var(BUILD_ID_ENV).ok();
    let id = build_id(override_id.as_deref(), &src_dir, lock_file.as_deref())?;
    let target = out_dir.join(GENERATED_FILE);
    write_if_changed(&target, &generate(&pages, &public, &id, site))?;
    Ok(target)
}

fn env_path(name: &'static str) -> Result<PathBuf, BuildError> {
    std::env::var_os(name)
        .map(PathBuf::from)
        .ok_or(BuildError::NotInBuildScript(name))
}

/// Leaves an unchanged file alone, so its mtime does not trigger needless recompiles.
fn write_if_changed(path: &Path, contents: &str) -> Result<(), BuildError> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(|source| BuildError::Io {
        path: path.to_owned(),
        source,
    })
}
