//! The static export (Next's `next export`, `output: 'export'`): every page of the site
//! written as files, for any static file host. Only a site whose pages need no server can
//! be exported: no props function, no fallback other than `Fallback::False`.

use std::path::{Path, PathBuf};

use actix_web::web::Bytes;
use percent_encoding::percent_decode_str;

use super::generated::Exported;
use super::Site;
use crate::context::Params;
use crate::data_route::data_url;
use crate::handler::PageHandler;
use crate::ssg::Fallback;
use crate::Error;

impl Site {
    /// Writes the site under `out`: each page's HTML and data JSON, `404.html`, the router
    /// script, and `public/` with its hashed URLs. The number of files written.
    pub(super) fn export(&self, out: &Path) -> Result<usize, Error> {
        self.check_exportable()?;
        let mut files: Vec<(String, Bytes)> = Vec::new();
        for (index, route) in self.def.routes.iter().enumerate() {
            if let PageHandler::Static(_) = route.handler() {
                let path = self
                    .router
                    .path_of(index, &Params::default())
                    .unwrap_or_default();
                for (slot, shell) in self.shells.iter().enumerate() {
                    let page = &self.static_pages[index * self.shells.len() + slot];
                    let locale = shell.rendering.locale.map(|info| info.locale);
                    if let Some(page) = page {
                        files.push((self.html_file(locale, &path), page.document.clone()));
                    }
                }
            }
        }
        for Exported {
            locale,
            path,
            document,
            data,
        } in self.generation.exported()
        {
            let locale = Some(locale.as_str()).filter(|locale| !locale.is_empty());
            files.push((self.html_file(locale, &path), document));
            let data_path = match locale {
                Some(locale) => format!("/{locale}{}", if path == "/" { "" } else { &path }),
                None => path.clone(),
            };
            files.push((data_url(self.def.build_id, &data_path), data));
        }
        files.push(("/404.html".to_owned(), self.errors.not_found.clone()));
        files.push((
            self.router_script.url.clone(),
            self.router_script.body.clone(),
        ));
        files.extend(self.public.files());
        // Every file placed before any is written: a refused path leaves no half export.
        let files = files
            .into_iter()
            .map(|(url, bytes)| match inside(out, &url) {
                Some(file) => Ok((file, bytes)),
                None => Err(Error::msg(format!(
                    "cannot export `{url}`: it does not name a file inside the export folder"
                ))),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let written = files.len();
        for (file, bytes) in files {
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(|error| {
                    Error::msg(format!("cannot create {}: {error}", dir.display()))
                })?;
            }
            std::fs::write(&file, &bytes)
                .map_err(|error| Error::msg(format!("cannot write {}: {error}", file.display())))?;
        }
        Ok(written)
    }

    /// Every page that needs a server, named; the export stops on any.
    fn check_exportable(&self) -> Result<(), Error> {
        let mut refused = Vec::new();
        for (index, route) in self.def.routes.iter().enumerate() {
            let why = match route.handler() {
                PageHandler::ServerSide(_) => Some("it has a props function, run per request"),
                PageHandler::Static(_) if self.router.is_dynamic(index) => {
                    Some("it is a dynamic page without #[get_static_props] and #[get_static_paths]")
                }
                PageHandler::StaticProps(_) => match self.generation.route_fallback(index) {
                    Some(Fallback::False) | None => None,
                    Some(_) => Some(
                        "its fallback generates paths on request (export needs Fallback::False)",
                    ),
                },
                PageHandler::Static(_) | PageHandler::Api(_) => None,
            };
            if let Some(why) = why {
                refused.push(format!("{} ({why})", route.pattern()));
            }
        }
        match refused.is_empty() {
            true => Ok(()),
            false => Err(Error::msg(format!(
                "cannot export: {} page(s) need a server: {}",
                refused.len(),
                refused.join("; ")
            ))),
        }
    }

    /// Where a page's HTML goes: `/posts/1` is `/posts/1.html` (`/posts/1/index.html` with
    /// trailing slashes), `/` is `/index.html`, under the locale's folder for a locale other
    /// than the default.
    fn html_file(&self, locale: Option<&str>, path: &str) -> String {
        let default = self.def.i18n.map(|i18n| i18n.default_locale());
        let prefix = match locale {
            Some(locale) if Some(locale) != default => format!("/{locale}"),
            _ => String::new(),
        };
        match path {
            "/" if prefix.is_empty() => "/index.html".to_owned(),
            "/" => format!("{prefix}.html"),
            path if self.def.trailing_slash => format!("{prefix}{path}/index.html"),
            path => format!("{prefix}{path}.html"),
        }
    }
}

/// The file for `url` under `out`: each segment decoded, and refused if it could leave
/// the folder (empty, `.`, `..`, a separator or NUL inside).
fn inside(out: &Path, url: &str) -> Option<PathBuf> {
    let mut file = out.to_path_buf();
    for segment in url.trim_start_matches('/').split('/') {
        let segment = percent_decode_str(segment).decode_utf8().ok()?;
        let unsafe_segment = segment.is_empty()
            || segment == "."
            || segment == ".."
            || segment.contains(['/', '\\', '\0']);
        if unsafe_segment {
            return None;
        }
        file.push(&*segment);
    }
    Some(file)
}

#[cfg(test)]
mod tests {
    use super::inside;
    use std::path::Path;

    #[test]
    fn export_files_stay_inside_the_folder() {
        let out = Path::new("/out");
        assert_eq!(
            inside(out, "/posts/a%20b.html"),
            Some(out.join("posts/a b.html"))
        );
        for url in [
            "/../etc/passwd",
            "/a/%2e%2e/b",
            "/a%2Fb",
            "/a//b",
            "/a/./b",
            "/a%00",
        ] {
            assert_eq!(inside(out, url), None, "{url}");
        }
    }
}
