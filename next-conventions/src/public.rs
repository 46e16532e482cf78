//! The public folder: where its files live, the URL each is served at, and the
//! content-hashed URL `asset!` gives it. The build script (which embeds the files), the
//! `asset!` macro (which names them) and the runtime (which serves them) must agree on every
//! byte of these URLs, so they are made here and nowhere else.

use std::path::{Path, PathBuf};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use xxhash_rust::xxh3::xxh3_64;

/// The folder of public files, relative to the crate (beside `src/`).
pub const PUBLIC_DIR: &str = "public";

/// Where content-hashed copies of public files are served: `asset!("/styles/site.css")` is
/// `/_next/static/media/styles/site.{hash}.css`.
pub const MEDIA_PREFIX: &str = "/_next/static/media";

/// The variable the build script sets for the app's compilation (`cargo:rustc-env`) to
/// its base path (`/shop`, or empty), so `asset!` writes URLs under it.
pub const BASE_PATH_ENV: &str = "NEXT_BASE_PATH";

/// Why `base_path` cannot be an app's base path, in Next's words, if it cannot.
pub fn invalid_base_path(base_path: &str) -> Option<String> {
    if base_path.is_empty() {
        None
    } else if base_path == "/" {
        Some(
            "Specified basePath /. basePath has to be either an empty string or a path prefix"
                .to_owned(),
        )
    } else if !base_path.starts_with('/') {
        Some(format!(
            "Specified basePath has to start with a /, found \"{base_path}\""
        ))
    } else if base_path.ends_with('/') {
        Some(format!(
            "Specified basePath should not end with /, found \"{base_path}\""
        ))
    } else if !is_contained(base_path)
        || base_path
            .bytes()
            .any(|b| b.is_ascii_control() || b"?#%\\ \"'<>`".contains(&b))
    {
        Some(format!("Specified basePath \"{base_path}\" must be a plain path: letters, digits, `-`, `_`, `.` and `/`; no `?`, `#`, `%`, quotes, spaces, or empty, `.` or `..` segments"))
    } else {
        None
    }
}

/// The folder of `public/` Next.js refuses, because `/_next` is the framework's own.
pub const RESERVED_DIR: &str = "_next";

/// How many hex digits of the content hash a hashed URL carries.
const HASH_DIGITS: usize = 16;

/// The content hash of a file, as it appears in its hashed URL.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxh3_64(bytes))
}

/// The hashed URL of the public file served at `path` (`/styles/site.css`), whose bytes
/// are `bytes`: `/_next/static/media/styles/site.{hash}.css`. The hash goes before the last
/// extension (none: at the end), so the URL keeps the extension that picks the MIME type.
pub fn hashed_url(path: &str, bytes: &[u8]) -> String {
    let hash = content_hash(bytes);
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    let name = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
        _ => format!("{name}.{hash}"),
    };
    format!("{MEDIA_PREFIX}{dir}/{name}")
}

/// What a URL path cannot carry as it is: controls, space, and the characters that end or
/// quote a path (`"`, `#`, `%`, `<`, `>`, `?`, `` ` ``, `{`, `}`).
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// `url` as a page writes it in an attribute: percent-encoded where a URL path needs it
/// (`/my file.css` is `/my%20file.css`; non-ASCII letters as UTF-8). The server decodes the
/// request path before it looks a file up, so both spellings name the same file.
pub fn href(url: &str) -> String {
    utf8_percent_encode(url, PATH).to_string()
}

/// The public path a hashed URL names, whatever its hash: the inverse of [`hashed_url`],
/// for serving from disk in development, where the hash in a page may be older than the
/// file. `None` for a URL of another shape.
pub fn unhashed(url: &str) -> Option<String> {
    let rest = url.strip_prefix(MEDIA_PREFIX)?;
    let (dir, name) = rest.rsplit_once('/')?;
    let is_hash = |s: &str| s.len() == HASH_DIGITS && s.bytes().all(|b| b.is_ascii_hexdigit());
    let (before, last) = name.rsplit_once('.')?;
    if is_hash(last) {
        return Some(format!("{dir}/{before}"));
    }
    let (stem, hash) = before.rsplit_once('.')?;
    is_hash(hash).then(|| format!("{dir}/{stem}.{last}"))
}

/// Whether `path` (as `asset!` or a URL names it, `/`-separated and starting with `/`) stays
/// inside the public folder: no empty, `.` or `..` segment, no backslash or NUL. Checked
/// before any file is looked for, so no spelling reaches outside the folder.
pub fn is_contained(path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    !rest.is_empty()
        && rest
            .split('/')
            .all(|segment| !matches!(segment, "" | "." | "..") && !segment.contains(['\\', '\0']))
}

/// Why a public path names no file inside the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// Nothing is there.
    Missing,
    /// A symbolic link on the way leads out of the folder.
    Outside,
}

/// The file or folder `path` (already [`is_contained`]) names under `root`, with every
/// symbolic link on the way resolved: for the `asset!` macro at compile time and for
/// reading from disk at run time alike, so neither can follow a link out of `root`.
pub fn resolve(root: &Path, path: &str) -> Result<PathBuf, Unresolved> {
    let joined = path
        .trim_start_matches('/')
        .split('/')
        .fold(root.to_path_buf(), |dir, segment| dir.join(segment));
    let (Ok(target), Ok(root)) = (joined.canonicalize(), root.canonicalize()) else {
        return Err(Unresolved::Missing);
    };
    match target.starts_with(&root) {
        true => Ok(target),
        false => Err(Unresolved::Outside),
    }
}

/// The URL path of the file at `relative` under `public/` (`/`-separated).
pub fn url_path(relative: &str) -> String {
    format!("/{relative}")
}

/// `public/img/logo.png`: a public file as messages show it.
pub fn shown(path: &str) -> String {
    format!("{PUBLIC_DIR}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_urls_keep_the_extension_and_invert() {
        let hash = content_hash(b"body{}");
        let url = hashed_url("/styles/site.css", b"body{}");
        assert_eq!(url, format!("/_next/static/media/styles/site.{hash}.css"));
        assert_eq!(unhashed(&url).as_deref(), Some("/styles/site.css"));
        let url = hashed_url("/LICENSE", b"x");
        assert!(url.starts_with("/_next/static/media/LICENSE."));
        assert_eq!(unhashed(&url).as_deref(), Some("/LICENSE"));
        let url = hashed_url("/.well-known", b"x");
        assert_eq!(unhashed(&url).as_deref(), Some("/.well-known"));
        assert_eq!(unhashed("/_next/static/media/site.css"), None);
        assert_eq!(unhashed("/elsewhere/site.0123456789abcdef.css"), None);
        assert_ne!(hashed_url("/a.css", b"1"), hashed_url("/a.css", b"2"));
    }

    #[test]
    fn hrefs_are_encoded_where_a_path_needs_it() {
        assert_eq!(href("/styles/site.css"), "/styles/site.css");
        assert_eq!(href("/my file#1?.css"), "/my%20file%231%3F.css");
        assert_eq!(href("/café.png"), "/caf%C3%A9.png");
    }

    #[test]
    fn only_plain_paths_are_contained() {
        assert!(is_contained("/robots.txt") && is_contained("/img/logo.png"));
        assert!(is_contained("/.well-known/security.txt"));
        for bad in [
            "",
            "/",
            "robots.txt",
            "/../x",
            "/a/../../x",
            "/a//b",
            "/./a",
            "/a\\..\\b",
            "/a\0",
        ] {
            assert!(!is_contained(bad), "{bad:?}");
        }
    }
}
