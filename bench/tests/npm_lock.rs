//! `bench/nextjs/package-lock.json` must be one `npm ci` accepts, checked without npm or the
//! network: the lock's root names exactly `package.json`'s dependencies at their pinned
//! versions, and every dependency any locked package declares (optional ones included:
//! `npm ci` refuses a lock that lacks another platform's `@next/swc-*` binary) is locked
//! where Node's resolution would find it. Regenerate with
//! `cd bench/nextjs && npm install --package-lock-only`.

use std::collections::BTreeMap;

use serde_json::Value;

fn read(file: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("nextjs")
        .join(file);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The names a package needs: dependencies, optional dependencies, and peers not marked
/// optional.
fn needs(package: &Value) -> Vec<String> {
    let names = |field: &str| -> Vec<String> {
        package[field]
            .as_object()
            .map(|deps| deps.keys().cloned().collect())
            .unwrap_or_default()
    };
    let optional_peer = |name: &str| package["peerDependenciesMeta"][name]["optional"] == true;
    let mut all = names("dependencies");
    all.extend(names("optionalDependencies"));
    all.extend(
        names("peerDependencies")
            .into_iter()
            .filter(|n| !optional_peer(n)),
    );
    all
}

/// Where Node finds `name` from the package at `path`: its own `node_modules`, then each
/// parent's, up to the root's.
fn resolves(packages: &BTreeMap<String, Value>, path: &str, name: &str) -> bool {
    let mut base = path.to_owned();
    loop {
        let candidate = if base.is_empty() {
            format!("node_modules/{name}")
        } else {
            format!("{base}/node_modules/{name}")
        };
        if packages.contains_key(&candidate) {
            return true;
        }
        if base.is_empty() {
            return false;
        }
        base = match base.rfind("/node_modules/") {
            Some(at) => base[..at].to_owned(),
            None => String::new(),
        };
    }
}

#[test]
fn the_nextjs_lock_file_is_in_sync_with_package_json() {
    let manifest = read("package.json");
    let lock = read("package-lock.json");
    let packages: BTreeMap<String, Value> = lock["packages"]
        .as_object()
        .expect("a lockfileVersion 3 lock")
        .clone()
        .into_iter()
        .collect();
    assert_eq!(
        packages[""]["dependencies"], manifest["dependencies"],
        "the lock's root dependencies differ from package.json's"
    );
    for (name, version) in manifest["dependencies"].as_object().unwrap() {
        assert_eq!(
            &packages[&format!("node_modules/{name}")]["version"],
            version,
            "{name} is locked at another version than package.json pins"
        );
    }
    let mut missing = Vec::new();
    for (path, package) in &packages {
        for name in needs(package) {
            if !resolves(&packages, path, &name) {
                missing.push(format!(
                    "{name} (needed by {})",
                    if path.is_empty() { "the root" } else { path }
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "package-lock.json lacks {missing:?}: npm ci would refuse it. Run `npm install --package-lock-only` in bench/nextjs/"
    );
}
