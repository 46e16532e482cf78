//! `public/`: the files served at their own paths (`public/robots.txt` at `/robots.txt`) and
//! at the content-hashed URLs `asset!` names, ahead of every dynamic route.
//!
//! - [`PublicFiles`] is what the generated code hands over: the files embedded at build
//!   time, or the folder to read them from at each request;
//! - [`PublicIndex`] looks a request path up, after refusing every spelling that could
//!   reach outside the folder;
//! - [`serve`] answers: `Content-Type`, `ETag` and 304, ranges, `Cache-Control`;
//! - [`disk`] finds a file on disk without leaving the folder, symbolic links included.

mod disk;
mod serve;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use percent_encoding::percent_decode_str;

use next_conventions::public::{is_contained, unhashed, MEDIA_PREFIX};

use crate::compress::Precompressed;
use crate::response::etag;

/// One file embedded at build time.
#[doc(hidden)]
#[derive(Debug)]
pub struct EmbeddedFile {
    url: &'static str,
    hashed_url: &'static str,
    bytes: &'static [u8],
}

impl EmbeddedFile {
    /// `url` (`/img/logo.png`), its hashed URL, and the file's bytes.
    pub const fn new(url: &'static str, hashed_url: &'static str, bytes: &'static [u8]) -> Self {
        EmbeddedFile {
            url,
            hashed_url,
            bytes,
        }
    }
}

/// The app's `public/` folder, as the build script saw it.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum PublicFiles {
    /// There is none.
    None,
    /// Every file, in the binary.
    Embedded(&'static [EmbeddedFile]),
    /// The folder's absolute path: files are read at each request.
    Disk(&'static str),
}

/// How long browsers may keep a public file without asking again: Next's default, so an
/// edited file shows at once (its `ETag` makes the check cheap).
const PUBLIC_CACHE_CONTROL: &str = "public, max-age=0";
/// A hashed asset never changes: its URL does.
const IMMUTABLE_CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

/// A file ready to send: its bytes and what the response says of them.
#[derive(Clone)]
pub(crate) struct Served {
    body: Bytes,
    content_type: String,
    etag: String,
    cache_control: &'static str,
    /// Its gzip and brotli encodings, made once.
    compressed: Arc<Precompressed>,
}

impl Served {
    fn new(url: &str, body: Bytes, cache_control: &'static str) -> Self {
        Served {
            content_type: content_type(url),
            etag: etag(&body),
            compressed: Arc::new(Precompressed::default()),
            body,
            cache_control,
        }
    }
}

/// The files under `dir` (the folder's `prefix`), each at its URL and its hashed URL.
fn walk(dir: &std::path::Path, prefix: &str, files: &mut Vec<(String, Bytes)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let (Ok(kind), Some(name)) = (
            entry.file_type(),
            entry.file_name().to_str().map(String::from),
        ) else {
            continue;
        };
        let url = format!("{prefix}/{name}");
        if kind.is_dir() {
            walk(&entry.path(), &url, files);
        } else if kind.is_file() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                let hashed = next_conventions::public::hashed_url(&url, &bytes);
                let bytes = Bytes::from(bytes);
                files.push((hashed, bytes.clone()));
                files.push((url, bytes));
            }
        }
    }
}

/// The public files of a running site, looked up by request path.
pub(crate) enum PublicIndex {
    None,
    /// Each file twice: at its path and at its hashed URL.
    Embedded(HashMap<&'static str, Served, foldhash::fast::RandomState>),
    Disk(PathBuf),
}

impl PublicIndex {
    pub fn new(files: PublicFiles) -> Self {
        match files {
            PublicFiles::None => PublicIndex::None,
            PublicFiles::Embedded(files) => {
                let mut index =
                    HashMap::with_capacity_and_hasher(files.len() * 2, Default::default());
                for file in files {
                    let body = Bytes::from_static(file.bytes);
                    let served = Served::new(file.url, body, PUBLIC_CACHE_CONTROL);
                    // The same bytes, type, ETag and kept encodings; cached for good.
                    let hashed = Served {
                        cache_control: IMMUTABLE_CACHE_CONTROL,
                        ..served.clone()
                    };
                    index.insert(file.url, served);
                    index.insert(file.hashed_url, hashed);
                }
                PublicIndex::Embedded(index)
            }
            PublicFiles::Disk(root) => PublicIndex::Disk(PathBuf::from(root)),
        }
    }

    /// Every file with its URL, the hashed URLs included: what a static export writes.
    /// Files on disk are read now; a link is never followed.
    pub fn files(&self) -> Vec<(String, Bytes)> {
        match self {
            PublicIndex::None => Vec::new(),
            PublicIndex::Embedded(index) => index
                .iter()
                .map(|(url, served)| (url.to_string(), served.body.clone()))
                .collect(),
            PublicIndex::Disk(root) => {
                let mut files = Vec::new();
                walk(root, "", &mut files);
                files
            }
        }
    }

    /// The answer for `req` if `path` (its path, or where a rewrite sent it) names a public
    /// file; `None` lets the pages answer.
    pub fn answer(&self, req: &HttpRequest, path: &str) -> Option<HttpResponse> {
        match self {
            PublicIndex::None => None,
            PublicIndex::Embedded(index) => {
                // Every key is a path inside the folder, so a path without escapes, the
                // usual one, is looked up as it came; only one with escapes is decoded
                // (and checked) first.
                let raw = path;
                let file = match memchr::memchr(b'%', raw.as_bytes()) {
                    None => index.get(raw),
                    Some(_) => index.get(&*decoded(raw)?),
                };
                file.map(|file| serve::respond(req, file))
            }
            PublicIndex::Disk(root) => {
                let path = decoded(path)?;
                // A hashed URL in a page may be older than the file on disk: it is served
                // the current bytes, revalidated like the file's own path, never for good.
                let public_path = match unhashed(&path) {
                    Some(public_path) => public_path,
                    None if path.starts_with(MEDIA_PREFIX) => return None,
                    None => path.into_owned(),
                };
                let file = disk::read(root, &public_path)?;
                let served = Served::new(&public_path, Bytes::from(file), PUBLIC_CACHE_CONTROL);
                Some(serve::respond(req, &served))
            }
        }
    }
}

/// The request path as a public file's path, or `None` when it cannot name one: an encoded
/// `/`, `\` or NUL, a `.` or `..` segment (literal or encoded), or bytes that are not UTF-8.
fn decoded(raw: &str) -> Option<Cow<'_, str>> {
    let forbidden = |escape: &[u8]| {
        matches!(
            escape,
            [b'2', b'f' | b'F'] | [b'5', b'c' | b'C'] | [b'0', b'0']
        )
    };
    let bytes = raw.as_bytes();
    let mut escapes = memchr::memchr_iter(b'%', bytes);
    if escapes.any(|at| bytes.get(at + 1..at + 3).is_some_and(forbidden)) {
        return None;
    }
    let path = percent_decode_str(raw).decode_utf8().ok()?;
    is_contained(&path).then_some(path)
}

/// The file's MIME type from its extension, with a charset for text.
fn content_type(url: &str) -> String {
    let mime = mime_guess::from_path(url).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml")
        || mime.suffix().is_some_and(|suffix| {
            suffix == mime_guess::mime::XML || suffix == mime_guess::mime::JSON
        });
    match textual {
        true => format!("{mime}; charset=utf-8"),
        false => mime.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_could_leave_the_folder_name_no_file() {
        assert_eq!(
            decoded("/img/my%20logo.png").as_deref(),
            Some("/img/my logo.png")
        );
        assert_eq!(decoded("/100%25.txt").as_deref(), Some("/100%.txt"));
        for raw in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/img/%2E%2E/%2e%2E/x",
            "/img%2flogo.png",
            "/img%2Flogo.png",
            "/img%5c..%5cx",
            "/a%00.txt",
            "/%ff.txt",
            "/a//b",
            "/",
        ] {
            assert_eq!(decoded(raw), None, "{raw}");
        }
    }

    /// Read from disk, a file shows its current bytes at its path and at any hashed URL of
    /// it, revalidated every time, so an edit needs no rebuild.
    #[test]
    fn from_disk_an_edit_shows_at_once() {
        use actix_web::body::MessageBody;
        use actix_web::test::TestRequest;
        let root = std::env::temp_dir().join(format!("next-public-edit-{}", std::process::id()));
        std::fs::create_dir_all(root.join("styles")).unwrap();
        let css = root.join("styles/site.css");
        std::fs::write(&css, "h1 { color: red }").unwrap();
        let leaked: &'static str = Box::leak(root.to_string_lossy().into_owned().into_boxed_str());
        let index = PublicIndex::new(PublicFiles::Disk(leaked));
        let body = |uri: &str| {
            let req = TestRequest::get().uri(uri).to_http_request();
            let response = index.answer(&req, req.path())?;
            let cache_control = response
                .headers()
                .get("cache-control")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned();
            let bytes = response.into_body().try_into_bytes().ok().unwrap();
            Some((String::from_utf8(bytes.to_vec()).unwrap(), cache_control))
        };
        assert_eq!(
            body("/styles/site.css"),
            Some(("h1 { color: red }".into(), PUBLIC_CACHE_CONTROL.into()))
        );
        std::fs::write(&css, "h1 { color: blue }").unwrap();
        assert_eq!(body("/styles/site.css").unwrap().0, "h1 { color: blue }");
        let hashed = next_conventions::public::hashed_url("/styles/site.css", b"an older version");
        assert_eq!(
            body(&hashed),
            Some(("h1 { color: blue }".into(), PUBLIC_CACHE_CONTROL.into()))
        );
        assert_eq!(body("/styles/missing.css"), None);
        assert_eq!(body("/_next/static/media/styles/site.css"), None);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn content_types_carry_a_charset_for_text() {
        assert_eq!(content_type("/site.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("/robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("/logo.png"), "image/png");
        assert_eq!(content_type("/logo.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(
            content_type("/data.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(content_type("/LICENSE"), "application/octet-stream");
    }
}
