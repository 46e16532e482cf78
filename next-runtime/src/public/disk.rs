//! Reading a public file from disk (debug builds), never from outside the folder.

use std::path::Path;

use next_conventions::public::resolve;

/// The bytes of the file at `path` (already [`is_contained`]) under `root`, or `None` when
/// there is no such regular file, or when the path leads out of `root` through a symbolic
/// link.
///
/// [`is_contained`]: next_conventions::public::is_contained
pub(super) fn read(root: &Path, path: &str) -> Option<Vec<u8>> {
    let target = resolve(root, path).ok().filter(|target| target.is_file())?;
    std::fs::read(target).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_inside_are_read_and_links_out_are_not() {
        let scratch = std::env::temp_dir().join(format!("next-public-{}", std::process::id()));
        let root = scratch.join("public");
        std::fs::create_dir_all(root.join("img")).unwrap();
        std::fs::write(root.join("img/logo.png"), b"png").unwrap();
        std::fs::write(scratch.join("secret.txt"), b"secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(scratch.join("secret.txt"), root.join("leak.txt")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("img/logo.png"), root.join("alias.png")).unwrap();

        assert_eq!(read(&root, "/img/logo.png").as_deref(), Some(&b"png"[..]));
        assert_eq!(read(&root, "/img"), None, "a folder is no file");
        assert_eq!(read(&root, "/missing.txt"), None);
        #[cfg(unix)]
        {
            assert_eq!(
                read(&root, "/leak.txt"),
                None,
                "a link out of public/ is not followed"
            );
            assert_eq!(read(&root, "/alias.png").as_deref(), Some(&b"png"[..]));
        }
        std::fs::remove_dir_all(&scratch).unwrap();
    }
}
