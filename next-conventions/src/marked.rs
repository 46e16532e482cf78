//! Which functions of a page file carry one of our [`Attribute`]s, and where they are
//! declared: read with `syn`, by the build script (does the file have its `#[page]`?) and by
//! the macros (is this function at the top level, is it the only one?).

use syn::{ImplItem, Item, TraitItem};

use crate::attributes::Attribute;

/// A function of a page file carrying one of our attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedFn {
    /// The function's name.
    pub name: String,
    /// Which attribute marks it.
    pub attribute: Attribute,
    /// Where it is declared.
    pub place: Place,
}

/// Where in the file a marked function is declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// At the top level of the file, where it belongs.
    TopLevel,
    /// In `impl Type { .. }`; holds `Type`.
    Impl(String),
    /// In `trait Name { .. }`.
    Trait(String),
    /// In a nested `mod` or a function body.
    Nested,
}

/// The marked functions of a page file's source, in file order, wherever they are
/// declared; `None` when it does not parse (the compiler reports that better).
pub fn marked_fns(source: &str) -> Option<Vec<MarkedFn>> {
    let file = syn::parse_file(source).ok()?;
    let mut found = Vec::new();
    collect(&file.items, &Place::TopLevel, &mut found);
    Some(found)
}

/// Whether a top-level function of `marked` carries `attribute`.
pub fn has_top_level(marked: &[MarkedFn], attribute: Attribute) -> bool {
    marked
        .iter()
        .any(|f| f.attribute == attribute && f.place == Place::TopLevel)
}

fn collect(items: &[Item], place: &Place, found: &mut Vec<MarkedFn>) {
    for item in items {
        match item {
            Item::Fn(f) => {
                push(&f.attrs, &f.sig.ident, place, found);
                for stmt in &f.block.stmts {
                    if let syn::Stmt::Item(item) = stmt {
                        collect(std::slice::from_ref(item), &Place::Nested, found);
                    }
                }
            }
            Item::Impl(block) => {
                let self_ty = quote::ToTokens::to_token_stream(&block.self_ty).to_string();
                let place = Place::Impl(self_ty);
                for item in &block.items {
                    if let ImplItem::Fn(f) = item {
                        push(&f.attrs, &f.sig.ident, &place, found);
                    }
                }
            }
            Item::Trait(block) => {
                let place = Place::Trait(block.ident.to_string());
                for item in &block.items {
                    if let TraitItem::Fn(f) = item {
                        push(&f.attrs, &f.sig.ident, &place, found);
                    }
                }
            }
            Item::Mod(module) => {
                if let Some((_, items)) = &module.content {
                    collect(items, &Place::Nested, found);
                }
            }
            _ => {}
        }
    }
}

/// Records `ident` once per attribute of ours it carries (`#[page]` or
/// `#[some::path::page(..)]`).
fn push(attrs: &[syn::Attribute], ident: &syn::Ident, place: &Place, found: &mut Vec<MarkedFn>) {
    for attr in attrs {
        let name = attr.path().segments.last().map(|s| s.ident.to_string());
        if let Some(attribute) = name.as_deref().and_then(Attribute::from_name) {
            found.push(MarkedFn {
                name: ident.to_string(),
                attribute,
                place: place.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_marked_functions_wherever_they_are() {
        let marked = marked_fns(
            "#[get_server_side_props] pub async fn props(ctx: Context) {}\n\
             #[next_runtime::page] pub fn page() {}\n\
             impl Post { #[page] fn render(&self) {} }\n\
             trait T { #[api] fn handler(); }\n\
             mod inner { #[page] fn deep() {} }\n\
             fn outer() { #[get_server_side_props] fn local() {} }\n\
             #[api] pub async fn handler() {}\n\
             fn helper() {}",
        )
        .unwrap();
        let seen: Vec<(&str, Attribute, &Place)> = marked
            .iter()
            .map(|f| (f.name.as_str(), f.attribute, &f.place))
            .collect();
        assert_eq!(
            seen,
            [
                ("props", Attribute::GetServerSideProps, &Place::TopLevel),
                ("page", Attribute::Page, &Place::TopLevel),
                ("render", Attribute::Page, &Place::Impl("Post".into())),
                ("handler", Attribute::Api, &Place::Trait("T".into())),
                ("deep", Attribute::Page, &Place::Nested),
                ("local", Attribute::GetServerSideProps, &Place::Nested),
                ("handler", Attribute::Api, &Place::TopLevel),
            ]
        );
        assert!(has_top_level(&marked, Attribute::Api));
        assert_eq!(marked_fns("fn broken( {"), None);
    }
}
