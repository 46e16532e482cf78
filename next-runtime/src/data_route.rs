//! The JSON data route, `/_next/data/{buildId}/{path}.json`: what client-side transitions
//! fetch instead of a page (Next's `next-data.ts` normaliser and `denormalizePagePath`).

/// The prefix of every data URL.
pub(crate) const DATA_PREFIX: &str = "/_next/data/";

/// What a request path means for the data route.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DataPath<'a> {
    /// Not a data URL: an ordinary page request.
    Page,
    /// A data URL for the page at this (still percent-encoded) path.
    Data(std::borrow::Cow<'a, str>),
    /// A data URL that can never match: wrong build ID, or no `.json` suffix (404).
    NotFound,
}

/// Classifies `path`: `/_next/data/abc/posts/1.json` is the data of `/posts/1`, and
/// `/_next/data/abc/index.json` that of `/`.
pub(crate) fn parse<'p>(path: &'p str, build_id: &str) -> DataPath<'p> {
    let Some(rest) = path.strip_prefix(DATA_PREFIX) else {
        return DataPath::Page;
    };
    let Some(page) = rest
        .strip_prefix(build_id)
        .and_then(|page| page.strip_prefix('/'))
    else {
        return DataPath::NotFound;
    };
    let Some(page) = page.strip_suffix(".json").filter(|page| !page.is_empty()) else {
        return DataPath::NotFound;
    };
    DataPath::Data(denormalize(page))
}

/// Undoes `getAssetPathFromRoute`: `index` → `/`, `index/foo` → `/foo`,
/// `index/index` → `/index`; anything else gains its leading `/`.
fn denormalize(page: &str) -> std::borrow::Cow<'_, str> {
    if page == "index" {
        "/".into()
    } else if let Some(rest) = page.strip_prefix("index/") {
        format!("/{rest}").into()
    } else {
        format!("/{page}").into()
    }
}

/// The data URL of a page path, as Next's client builds it (`getDataHref`):
/// `data_url(pages::BUILD_ID, "/")` is `/_next/data/{id}/index.json`.
pub fn data_url(build_id: &str, page_path: &str) -> String {
    let asset = match page_path {
        "/" => "/index".to_owned(),
        path if path == "/index" || path.starts_with("/index/") => format!("/index{path}"),
        path => path.to_owned(),
    };
    format!("{DATA_PREFIX}{build_id}{asset}.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str) -> DataPath<'_> {
        parse(path, "build-1")
    }

    #[test]
    fn strips_prefix_build_id_and_suffix() {
        assert_eq!(
            page("/_next/data/build-1/posts/1.json"),
            DataPath::Data("/posts/1".into())
        );
        assert_eq!(
            page("/_next/data/build-1/index.json"),
            DataPath::Data("/".into())
        );
        assert_eq!(
            page("/_next/data/build-1/index/foo.json"),
            DataPath::Data("/foo".into())
        );
        assert_eq!(
            page("/_next/data/build-1/index/index.json"),
            DataPath::Data("/index".into())
        );
        assert_eq!(
            page("/_next/data/build-1/a%2Fb.json"),
            DataPath::Data("/a%2Fb".into())
        );
    }

    #[test]
    fn wrong_build_id_or_suffix_is_not_found() {
        assert_eq!(page("/_next/data/other/posts/1.json"), DataPath::NotFound);
        assert_eq!(
            page("/_next/data/build-10/posts/1.json"),
            DataPath::NotFound
        );
        assert_eq!(page("/_next/data/build-1/posts/1"), DataPath::NotFound);
        assert_eq!(page("/_next/data/build-1/.json"), DataPath::NotFound);
        assert_eq!(page("/_next/data/build-1.json"), DataPath::NotFound);
    }

    #[test]
    fn other_paths_are_pages() {
        assert_eq!(page("/posts/1"), DataPath::Page);
        assert_eq!(page("/_next/other"), DataPath::Page);
    }

    #[test]
    fn data_url_round_trips() {
        for path in ["/", "/posts/1", "/index", "/index/foo", "/docs/a/b"] {
            let url = data_url("build-1", path);
            assert_eq!(page(&url), DataPath::Data(path.into()), "{url}");
        }
        assert_eq!(
            data_url("b", "/index/foo"),
            "/_next/data/b/index/index/foo.json"
        );
    }
}
