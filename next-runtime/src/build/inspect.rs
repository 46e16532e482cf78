//! What a page file declares, read with `syn` (the same parser the macros use).

use syn::{Attribute, Item};

/// The page-related attributes found at the top level of a page file.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PageFileItems {
    pub has_page: bool,
    pub has_props_function: bool,
    /// An `#[api]` handler: the file is an API route.
    pub has_api: bool,
}

/// Reads the top-level functions of `source`. `None` when the file does not parse: the
/// compiler will report that with better spans than we could.
pub fn inspect(source: &str) -> Option<PageFileItems> {
    let file = syn::parse_file(source).ok()?;
    let mut items = PageFileItems::default();
    for item in &file.items {
        if let Item::Fn(function) = item {
            items.has_page |= has_attribute(&function.attrs, "page");
            items.has_props_function |= has_attribute(&function.attrs, "get_server_side_props");
            items.has_api |= has_attribute(&function.attrs, "api");
        }
    }
    Some(items)
}

/// Whether `attrs` holds `#[name]` or `#[some::path::name(..)]`.
fn has_attribute(attrs: &[Attribute], name: &str) -> bool {
    attrs
        .iter()
        .any(|attr| attr.path().segments.last().is_some_and(|s| s.ident == name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_both_attributes() {
        let items = inspect(
            "#[get_server_side_props] pub async fn props(ctx: Context) {}\n#[next_runtime::page] pub fn page() {}",
        )
        .unwrap();
        assert!(items.has_page && items.has_props_function);
        assert_eq!(inspect("fn helper() {}").unwrap(), PageFileItems::default());
        assert_eq!(inspect("fn broken( {"), None);
    }
}
