//! `cargo next new NAME`: a new app that builds and serves as it is, with a page, a page
//! with a props function, a stylesheet in `public/` and the build script.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::CliError;

#[derive(Args)]
pub struct NewArgs {
    /// The new app's folder; its last part names the package.
    path: PathBuf,
    /// Depend on next-runtime by path: a checkout of the repository (or its next-runtime
    /// folder). The default is the checkout this `cargo next` was built from.
    #[arg(long, value_name = "DIR", conflicts_with = "next_version")]
    next_path: Option<PathBuf>,
    /// Depend on this version of next-runtime from crates.io instead.
    #[arg(long, value_name = "VERSION")]
    next_version: Option<String>,
}

/// The files of a new app: where each goes, and its text with `{{name}}`, `{{runtime}}`
/// and `{{runtime_build}}` to fill in.
const FILES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("template/Cargo.toml.in")),
    ("build.rs", include_str!("template/build.rs")),
    ("src/main.rs", include_str!("template/src/main.rs")),
    (
        "src/pages/index.rs",
        include_str!("template/src/pages/index.rs"),
    ),
    (
        "src/pages/posts/[id].rs",
        include_str!("template/src/pages/posts/[id].rs"),
    ),
    (
        "src/pages/_document.rs",
        include_str!("template/src/pages/_document.rs"),
    ),
    (
        "public/styles/site.css",
        include_str!("template/public/styles/site.css"),
    ),
    ("README.md", include_str!("template/README.md")),
    (".gitignore", include_str!("template/gitignore")),
];

/// The checkout this binary was built from (`cargo install --path next-cli` keeps it).
const CHECKOUT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

pub fn run(args: &NewArgs) -> Result<(), CliError> {
    let name = package_name(&args.path)?;
    if args.path.exists() && !is_empty_dir(&args.path) {
        return Err(CliError::Exists(args.path.clone()));
    }
    let dependency = Dependency::choose(args)?;
    for (file, text) in FILES {
        let target = args.path.join(file);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(CliError::io(format!("cannot create {}", dir.display())))?;
        }
        let text = text
            .replace("{{name}}", &name)
            .replace("{{runtime}}", &dependency.runtime())
            .replace("{{runtime_build}}", &dependency.build());
        std::fs::write(&target, text)
            .map_err(CliError::io(format!("cannot write {}", target.display())))?;
    }
    eprintln!(
        "cargo next: created the app `{name}` in {} ({})\n\nNext:\n    cd {} && cargo next dev",
        args.path.display(),
        dependency.describe(),
        args.path.display()
    );
    Ok(())
}

/// The package name `path` gives, checked as cargo checks it.
fn package_name(path: &Path) -> Result<String, CliError> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bad = |why| CliError::BadName {
        name: name.clone(),
        why,
    };
    if name.is_empty() {
        return Err(bad("it is empty"));
    }
    if !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return Err(bad("it must start with a letter"));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(bad("only letters, digits, `-` and `_` may follow"));
    }
    Ok(name)
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

/// Where the new app gets next-runtime from.
enum Dependency {
    /// The `next-runtime` folder of a checkout.
    Path(PathBuf),
    Version(String),
}

impl Dependency {
    fn choose(args: &NewArgs) -> Result<Dependency, CliError> {
        if let Some(version) = &args.next_version {
            return Ok(Dependency::Version(version.clone()));
        }
        let explicit = args.next_path.is_some();
        let dir = args
            .next_path
            .clone()
            .unwrap_or_else(|| PathBuf::from(CHECKOUT));
        let candidates = [dir.join("next-runtime"), dir.clone()];
        let found = candidates.iter().find(|candidate| {
            std::fs::read_to_string(candidate.join("Cargo.toml"))
                .is_ok_and(|manifest| manifest.contains("name = \"next-runtime\""))
        });
        match found {
            Some(found) => Ok(Dependency::Path(
                found.canonicalize().unwrap_or_else(|_| found.clone()),
            )),
            None if explicit => Err(CliError::NoRuntime(dir)),
            // Built from a package, not a checkout: the release of the same version.
            None => Ok(Dependency::Version(env!("CARGO_PKG_VERSION").to_string())),
        }
    }

    fn runtime(&self) -> String {
        match self {
            Dependency::Path(path) => format!("{{ path = {} }}", toml_string(path)),
            Dependency::Version(version) => format!("{version:?}"),
        }
    }

    fn build(&self) -> String {
        let features = "default-features = false, features = [\"build\"]";
        match self {
            Dependency::Path(path) => format!("{{ path = {}, {features} }}", toml_string(path)),
            Dependency::Version(version) => format!("{{ version = {version:?}, {features} }}"),
        }
    }

    fn describe(&self) -> String {
        match self {
            Dependency::Path(path) => format!("next-runtime from {}", path.display()),
            Dependency::Version(version) => format!("next-runtime {version} from crates.io"),
        }
    }
}

/// A path as a TOML string: a literal one, or a basic one with escapes when it holds a
/// quote or a control character.
fn toml_string(path: &Path) -> String {
    let text = path.to_string_lossy();
    if !text.contains('\'') && !text.chars().any(char::is_control) {
        return format!("'{text}'");
    }
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_as_cargo_would() {
        assert_eq!(package_name(Path::new("apps/my-app")).unwrap(), "my-app");
        for bad in ["1app", "my app", "", "café"] {
            assert!(package_name(Path::new(bad)).is_err(), "{bad:?}");
        }
        assert_eq!(
            package_name(Path::new("my app")).unwrap_err().to_string(),
            "`my app` cannot name a package: only letters, digits, `-` and `_` may follow"
        );
    }

    #[test]
    fn the_manifest_names_the_runtime_by_path_or_version() {
        let path = Dependency::Path(PathBuf::from("/src/next-rs/next-runtime"));
        assert_eq!(path.runtime(), "{ path = '/src/next-rs/next-runtime' }");
        assert_eq!(
            path.build(),
            "{ path = '/src/next-rs/next-runtime', default-features = false, features = [\"build\"] }"
        );
        assert_eq!(
            toml_string(Path::new("/src/it's\\here\t")),
            "\"/src/it's\\\\here\\u0009\""
        );
        let version = Dependency::Version("0.1".into());
        assert_eq!(version.runtime(), "\"0.1\"");
        assert_eq!(
            version.build(),
            "{ version = \"0.1\", default-features = false, features = [\"build\"] }"
        );
    }
}
