//! The build-time generator: discovery of `src/pages/`, Next.js's route-tree rules, the
//! generated file and the build ID. Page trees are made in temporary directories.

use std::path::Path;

use next_runtime::build::{
    build_id, discover, discover_public, generate, BuildError, PageRole, Public, PublicMode,
};

const PAGE: &str = "use next_runtime::prelude::*;\n#[page]\npub fn page() -> Markup { html! {} }\n";

/// A temporary `src/pages/` holding `files` (each a page unless its text says otherwise).
fn pages(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (file, source) in files {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, source).unwrap();
    }
    dir
}

fn page_tree(files: &[&str]) -> tempfile::TempDir {
    pages(&files.iter().map(|f| (*f, PAGE)).collect::<Vec<_>>())
}

/// The error messages for a page tree that must be refused.
fn errors(files: &[&str]) -> Vec<String> {
    let dir = page_tree(files);
    let errors = discover(dir.path()).expect_err("the tree must be refused");
    errors.0.iter().map(ToString::to_string).collect()
}

#[test]
fn maps_files_to_routes_in_nextjs_order() {
    let dir = page_tree(&[
        "index.rs",
        "about.rs",
        "posts/index.rs",
        "posts/[id].rs",
        "posts/[id]/comments.rs",
        "docs/[[...slug]].rs",
        "files/[...path].rs",
        "[user].rs",
        "404.rs",
        "500.rs",
        "_app.rs",
        "_document.rs",
    ]);
    let tree = discover(dir.path()).unwrap();
    let routes: Vec<(&str, &str)> = tree
        .routes
        .iter()
        .map(|page| match &page.role {
            PageRole::Route { pattern } => (pattern.as_str(), page.file.as_str()),
            other => panic!("not a route: {other:?}"),
        })
        .collect();
    assert_eq!(
        routes,
        [
            ("/", "index.rs"),
            ("/about", "about.rs"),
            ("/docs/[[...slug]]", "docs/[[...slug]].rs"),
            ("/files/[...path]", "files/[...path].rs"),
            ("/posts", "posts/index.rs"),
            ("/posts/[id]", "posts/[id].rs"),
            ("/posts/[id]/comments", "posts/[id]/comments.rs"),
            ("/[user]", "[user].rs"),
        ]
    );
    let special: Vec<(&PageRole, &str)> = tree
        .special
        .iter()
        .map(|p| (&p.role, p.module.as_str()))
        .collect();
    assert_eq!(
        special,
        [
            (&PageRole::NotFound, "page_404"),
            (&PageRole::InternalError, "page_500"),
            (&PageRole::App, "app"),
            (&PageRole::Document, "document"),
        ]
    );
    // Module names are valid, distinct Rust identifiers that say which file they are.
    let modules: Vec<&str> = tree.routes.iter().map(|p| p.module.as_str()).collect();
    assert_eq!(modules[5], "posts_id_param");
    let mut unique = modules.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), modules.len(), "{modules:?}");
    assert!(
        modules
            .iter()
            .all(|m| syn::parse_str::<syn::Ident>(m).is_ok()),
        "{modules:?}"
    );
    // Each page's path is the file on disk, for `#[path]` in the generated code.
    for page in &tree.routes {
        assert_eq!(page.path, dir.path().join(&page.file), "{}", page.file);
        assert!(page.path.is_file(), "{}", page.path.display());
    }
}

#[test]
fn ignores_files_that_are_not_rust() {
    let dir = pages(&[
        ("index.rs", PAGE),
        ("notes.md", "# not a page"),
        ("logo.svg", "<svg/>"),
    ]);
    assert_eq!(discover(dir.path()).unwrap().routes.len(), 1);
}

#[test]
fn refuses_different_slug_names_at_one_level_naming_both_files() {
    let errors = errors(&["blog/[id].rs", "blog/[slug]/edit.rs"]);
    assert_eq!(
        errors,
        ["You cannot use different slug names for the same dynamic path ('id' !== 'slug').\n    src/pages/blog/[id].rs\n    src/pages/blog/[slug]/edit.rs"]
    );
}

#[test]
fn refuses_a_repeated_slug_name() {
    let errors = errors(&["[id]/[id].rs"]);
    assert_eq!(
        errors,
        ["You cannot have the same slug name \"id\" repeat within a single dynamic path\n    src/pages/[id]/[id].rs"]
    );
}

#[test]
fn refuses_a_catch_all_that_is_not_last() {
    let errors = errors(&["[...slug]/edit.rs"]);
    assert_eq!(
        errors,
        ["Catch-all must be the last part of the URL.\n    src/pages/[...slug]/edit.rs"]
    );
}

#[test]
fn refuses_required_and_optional_catch_all_at_one_level() {
    let errors = errors(&["docs/[...a].rs", "docs/[[...b]].rs"]);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].contains("required and optional catch-all route at the same level"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("src/pages/docs/[...a].rs")
            && errors[0].contains("src/pages/docs/[[...b]].rs")
    );
}

#[test]
fn refuses_an_optional_catch_all_beside_an_index() {
    let errors = errors(&["docs/index.rs", "docs/[[...slug]].rs"]);
    assert_eq!(
        errors,
        ["You cannot define a route with the same specificity as a optional catch-all route (\"/docs\" and \"/docs[[...slug]]\").\n    src/pages/docs/index.rs\n    src/pages/docs/[[...slug]].rs"]
    );
}

#[test]
fn refuses_an_optional_single_param() {
    let errors = errors(&["[[id]].rs"]);
    assert_eq!(
        errors,
        ["src/pages/[[id]].rs: Optional route parameters are not yet supported (\"[[id]]\")."]
    );
}

#[test]
fn refuses_a_file_beside_the_index_of_its_folder() {
    let errors = errors(&["about.rs", "about/index.rs"]);
    assert_eq!(
        errors,
        // The sorted walk visits the folder `about/` before `about.rs`.
        ["Duplicate page detected. \"about/index.rs\" and \"about.rs\" both resolve to \"/about\".\n    src/pages/about/index.rs\n    src/pages/about.rs"]
    );
}

#[test]
fn refuses_a_page_file_without_a_page_function() {
    let dir = pages(&[("index.rs", PAGE), ("helpers.rs", "pub fn shared() {}\n")]);
    let errors = discover(dir.path()).unwrap_err();
    assert!(matches!(&errors.0[..], [BuildError::MissingPage { file }] if file == "helpers.rs"));
    assert!(errors
        .to_string()
        .contains("src/pages/helpers.rs has no `#[page]` function"));
}

#[test]
fn reports_every_problem_at_once() {
    let dir = pages(&[
        ("a.rs", PAGE),
        ("a/index.rs", PAGE),
        ("[[x]].rs", PAGE),
        ("util.rs", "fn f() {}"),
    ]);
    assert_eq!(discover(dir.path()).unwrap_err().0.len(), 3);
}

#[test]
fn leaves_unparsable_files_to_the_compiler() {
    let dir = pages(&[("index.rs", "this is not rust {")]);
    assert_eq!(discover(dir.path()).unwrap().routes.len(), 1);
}

#[test]
fn generated_file_is_marked_formatted_and_uses_absolute_paths() {
    let dir = page_tree(&["index.rs", "posts/[id].rs", "404.rs"]);
    let tree = discover(dir.path()).unwrap();
    let site = next_runtime::build::Config::new()
        .locales(["en-US", "fr"])
        .default_locale("en-US")
        .site()
        .unwrap();
    let no_public = Public {
        dir: None,
        mode: PublicMode::Embedded,
        files: Vec::new(),
    };
    let code = generate(&tree, &no_public, "test-build", &site);
    assert!(code.starts_with("// @generated by next-runtime"));
    let index_path = dir.path().join("index.rs");
    assert!(
        code.contains(&format!(
            "#[path = \"{}\"]\n    pub mod index;",
            index_path.display()
        )),
        "{code}"
    );
    let flat: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("::next_runtime::__private::route( \"/posts/[id]\", \"posts/[id].rs\", posts_id_param::__NEXT_PAGE, )"), "{code}");
    assert!(flat.contains(".not_found(page_404::__NEXT_PAGE)"), "{code}");
    assert!(
        flat.contains(
            ".i18n(::next_runtime::__private::I18n::new(&[\"en-US\", \"fr\"], \"en-US\", true))"
        ),
        "{code}"
    );
    assert!(flat.contains("\"test-build\""));
    // Formatted: one item per line, indented, nothing longer than rustfmt's width.
    assert!(
        code.lines().all(|line| line.chars().count() <= 100),
        "{code}"
    );
}

#[test]
fn build_id_is_stable_and_follows_the_sources() {
    let dir = pages(&[("main.rs", "fn main() {}"), ("pages/index.rs", PAGE)]);
    let lock = dir.path().join("Cargo.lock");
    std::fs::write(&lock, "# lock v1").unwrap();
    let id = || build_id(None, dir.path(), Some(&lock)).unwrap();
    let first = id();
    assert_eq!(first, id(), "same sources, same id");
    assert_eq!(first.len(), 16);

    std::fs::write(
        dir.path().join("pages/index.rs"),
        format!("{PAGE}\n// edited"),
    )
    .unwrap();
    let edited = id();
    assert_ne!(first, edited, "editing a page changes the id");

    std::fs::write(&lock, "# lock v2").unwrap();
    assert_ne!(edited, id(), "a dependency change changes the id");
}

#[test]
fn build_id_can_be_set_and_is_validated() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        build_id(Some("release-42"), dir.path(), None).unwrap(),
        "release-42"
    );
    let err = build_id(Some("a/b"), dir.path(), None).unwrap_err();
    assert!(err
        .to_string()
        .contains("NEXT_BUILD_ID=\"a/b\" cannot be used"));
}

/// A scratch crate whose build script runs `generate_routes` on a bad page tree: the build
/// fails with the rule and the files, not a panic. Also checks that the `build` feature
/// compiles without actix-web or tokio.
#[test]
fn a_bad_page_tree_fails_the_build_with_a_clear_message() {
    let krate = scratch_crate(&[
        ("src/pages/blog/[id].rs", PAGE),
        ("src/pages/blog/[slug].rs", PAGE),
    ]);
    let tree = cargo(&krate)
        .args(["tree", "-e", "normal,build", "--prefix", "none"])
        .output()
        .unwrap();
    let tree = String::from_utf8_lossy(&tree.stdout);
    for expected in ["next-runtime", "walkdir", "syn", "prettyplease"] {
        assert!(tree.contains(expected), "{expected} missing from:\n{tree}");
    }
    for heavy in ["actix", "tokio", "maud"] {
        assert!(
            !tree.contains(heavy),
            "the build feature pulls in {heavy}:\n{tree}"
        );
    }

    let stderr = failed_check(&krate);
    assert!(
        stderr.contains(
            "You cannot use different slug names for the same dynamic path ('id' !== 'slug')."
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("src/pages/blog/[id].rs") && stderr.contains("src/pages/blog/[slug].rs")
    );
}

/// Next's "Conflicting public and page file", and its `public/_next` rule, fail a real
/// build with both files named.
#[test]
fn a_public_file_at_a_pages_path_fails_the_build_naming_both() {
    let krate = scratch_crate(&[
        ("src/pages/about.rs", PAGE),
        ("src/pages/[slug].rs", PAGE),
        ("public/about", "a file where a page is"),
        ("public/_next/app.js", "shadowing the framework"),
        ("public/fine.txt", "served"),
    ]);
    let stderr = failed_check(&krate);
    assert!(
        stderr.contains("Conflicting public and page file: public/about and src/pages/about.rs both answer the same URL"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "public/_next/app.js: you can not have a `_next` folder inside of your public folder"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("fine.txt"), "{stderr}");
}

/// A crate outside the workspace with next-runtime's build feature, `build.rs` calling the
/// generator, and `files` (paths relative to the crate).
fn scratch_crate(files: &[(&str, &str)]) -> tempfile::TempDir {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../next-runtime");
    let runtime = runtime.canonicalize().unwrap();
    let krate = tempfile::tempdir().unwrap();
    let manifest = format!(
        "[package]\nname = \"bad-pages\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n\n\
         [build-dependencies]\nnext-runtime = {{ path = {:?}, default-features = false, features = [\"build\"] }}\n",
        runtime.display().to_string()
    );
    let build = "fn main() {\n    next_runtime::build::generate_routes();\n}\n";
    let fixed = [
        ("Cargo.toml", manifest.as_str()),
        ("build.rs", build),
        ("src/lib.rs", ""),
    ];
    for (file, text) in fixed.iter().chain(files) {
        let path = krate.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    krate
}

/// Cargo in `krate`, with a target directory of its own (a nested cargo must not wait on
/// the outer build's lock), kept between runs so only the first run compiles the generator.
fn cargo(krate: &tempfile::TempDir) -> std::process::Command {
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/scratch-crates");
    let mut cmd = std::process::Command::new(env!("CARGO"));
    cmd.current_dir(krate.path())
        .env("CARGO_TARGET_DIR", &target);
    cmd
}

/// `cargo check` of `krate`, which must fail with the generator's message and no panic:
/// its stderr.
fn failed_check(krate: &tempfile::TempDir) -> String {
    let output = cargo(krate).args(["check", "--quiet"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success());
    assert!(
        stderr.contains(
            "error: the pages under src/pages/ and the files under public/ cannot be served"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn a_missing_pages_folder_says_what_to_create() {
    let dir = tempfile::tempdir().unwrap();
    let errors = discover(&dir.path().join("pages")).unwrap_err();
    assert!(matches!(&errors.0[..], [BuildError::NoPagesDir { .. }]));
    assert!(errors
        .to_string()
        .contains("Create it with a first page, `src/pages/index.rs`."));
}

#[test]
fn api_route_files_need_an_api_handler() {
    let handler = "use next_runtime::prelude::*;\n#[api]\npub async fn handler() -> &'static str { \"ok\" }\n";
    let dir = pages(&[
        ("index.rs", PAGE),
        ("api/ok.rs", handler),
        ("api/wrong.rs", PAGE),
    ]);
    let errors = discover(dir.path()).unwrap_err();
    assert!(
        matches!(&errors.0[..], [BuildError::MissingApiHandler { file }] if file == "api/wrong.rs")
    );
    assert!(errors
        .to_string()
        .contains("src/pages/api/wrong.rs has no `#[api]` function"));
}

/// The route file the build script writes for this crate's test app, as a reviewed
/// snapshot (`tests/tests/snapshots/next_pages.rs`, with the machine's paths and the build
/// ID normalized). Any change to the generator shows here; `SNAPSHOTS=overwrite` rewrites it.
#[test]
fn the_generated_route_file_is_the_reviewed_one() {
    let generated =
        std::fs::read_to_string(Path::new(env!("OUT_DIR")).join("next_pages.rs")).unwrap();
    let normalized = generated
        .replace(env!("CARGO_MANIFEST_DIR"), "$CARGO_MANIFEST_DIR")
        .replace(next_tests::pages::BUILD_ID, "$BUILD_ID");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/next_pages.rs");
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &normalized).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == normalized,
        "the generated route file changed; review it, then `SNAPSHOTS=overwrite cargo test -p next-tests --test discovery`:\n{normalized}"
    );
}

/// `public/` as the generator sees it: every file at its URL with its hashed URL, in path
/// order; a symbolic link followed only while it stays inside the folder.
#[test]
fn public_files_are_found_with_their_urls_and_links_out_are_left() {
    let krate = pages(&[
        ("src/pages/index.rs", PAGE),
        ("public/robots.txt", "User-agent: *"),
        ("public/img/logo.png", "png"),
        ("secret.txt", "outside"),
    ]);
    let public = krate.path().join("public");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(krate.path().join("secret.txt"), public.join("leak.txt"))
            .unwrap();
        std::os::unix::fs::symlink(public.join("img"), public.join("pictures")).unwrap();
    }
    let tree = discover(&krate.path().join("src/pages")).unwrap();
    let files = discover_public(&public, &tree).unwrap();
    let urls: Vec<&str> = files.iter().map(|file| file.url.as_str()).collect();
    let mut expected = vec!["/img/logo.png", "/robots.txt"];
    if cfg!(unix) {
        expected.insert(1, "/pictures/logo.png");
    }
    assert_eq!(urls, expected);
    let robots = files.iter().find(|file| file.url == "/robots.txt").unwrap();
    assert!(
        robots.hashed_url.starts_with("/_next/static/media/robots.")
            && robots.hashed_url.ends_with(".txt"),
        "{}",
        robots.hashed_url
    );
    assert!(discover_public(&krate.path().join("no-such-folder"), &tree)
        .unwrap()
        .is_empty());
}

#[test]
fn src_middleware_rs_must_mark_its_function() {
    use next_runtime::build::discover_middleware;
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        discover_middleware(dir.path()).unwrap(),
        None,
        "no file, no middleware"
    );
    std::fs::create_dir(dir.path().join("src")).unwrap();
    let file = dir.path().join("src/middleware.rs");
    std::fs::write(&file, "pub async fn middleware() {}").unwrap();
    let error = discover_middleware(dir.path()).unwrap_err().to_string();
    assert!(
        error.starts_with("src/middleware.rs has no `#[middleware]` function."),
        "{error}"
    );
    std::fs::write(&file, "#[middleware] pub async fn middleware() {}").unwrap();
    assert_eq!(discover_middleware(dir.path()).unwrap(), Some(file));
}
