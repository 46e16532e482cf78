//! Expansion snapshots: what each attribute expands to, for a page in a given file, as
//! reviewed files under `next-macros/snapshots/`. Any change to an expansion fails here
//! with a diff to review; `SNAPSHOTS=overwrite cargo test -p next-macros` rewrites them.

use std::path::Path;

use next_conventions::files::SpecialFile;
use proc_macro2::TokenStream;

use crate::source_file::{Location, PageFile};

/// `source`'s functions expanded by their attributes, as if in `src/pages/{relative}`.
fn expand_file(relative: &str, source: &str) -> String {
    let file: syn::File = syn::parse_str(source).unwrap();
    let mut out = TokenStream::new();
    for item in file.items {
        let syn::Item::Fn(mut function) = item else {
            out.extend(quote::quote!(#item));
            continue;
        };
        let attr = function.attrs.remove(0);
        let args = match &attr.meta {
            syn::Meta::List(list) => list.tokens.clone(),
            _ => TokenStream::new(),
        };
        let name = attr.path().segments.last().unwrap().ident.to_string();
        let location = Location::Page(PageFile {
            relative: relative.to_owned(),
            special: SpecialFile::from_relative(relative),
            items: next_conventions::marked::marked_fns(source),
        });
        let item = quote::quote!(#function);
        out.extend(match name.as_str() {
            "page" => crate::page::expand_in(location, args, item),
            "get_server_side_props" => {
                crate::get_server_side_props::expand_in(location, args, item)
            }
            "api" => crate::api::expand_in(location, args, item),
            "get_static_props" => crate::get_static::expand_props_in(location, args, item),
            "get_static_paths" => crate::get_static::expand_paths_in(location, args, item),
            other => panic!("not one of ours: {other}"),
        });
    }
    let file: syn::File = syn::parse2(out).expect("the expansion is Rust");
    prettyplease::unparse(&file)
}

/// Compares with (or, under `SNAPSHOTS=overwrite`, writes) `snapshots/{name}.rs`.
fn snapshot(name: &str, relative: &str, source: &str) {
    let header = format!("// Expansion of `src/pages/{relative}`:\n//\n");
    let input: String = source.lines().map(|line| format!("// {line}\n")).collect();
    let actual = format!("{header}{input}\n{}", expand_file(relative, source));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("snapshots/{name}.rs"));
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let diff: String = diff_lines(&expected, &actual);
        panic!(
            "the expansion of {name} changed; review it and run `SNAPSHOTS=overwrite cargo test -p next-macros` if intended:\n{diff}"
        );
    }
}

/// The lines only in one side, marked `-` (snapshot) and `+` (now).
fn diff_lines(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    let removed = old
        .iter()
        .filter(|l| !new.contains(l))
        .map(|l| format!("- {l}\n"));
    let added = new
        .iter()
        .filter(|l| !old.contains(l))
        .map(|l| format!("+ {l}\n"));
    removed.chain(added).collect()
}

#[test]
fn a_static_page() {
    snapshot(
        "static_page",
        "about.rs",
        "#[page]\npub fn page() -> Markup { html! { h1 { \"About\" } } }",
    );
}

#[test]
fn a_page_with_its_props_function() {
    snapshot(
        "props_page",
        "posts/[id].rs",
        "#[get_server_side_props]\n\
         pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> { todo!() }\n\
         #[page]\n\
         pub fn page(props: Props) -> Markup { html! {} }",
    );
}

#[test]
fn a_props_function_with_extractors() {
    snapshot(
        "props_with_extractors",
        "posts/[id].rs",
        "#[get_server_side_props]\n\
         pub async fn props(ctx: Context, db: web::Data<Db>, form: Option<web::Form<New>>) -> Result<ServerSideProps<Props>, Error> { todo!() }",
    );
    snapshot(
        "edge_with_extractors",
        "edge/search.rs",
        "#[get_server_side_props(runtime = \"edge\")]\n\
         pub async fn props(ctx: EdgeContext, web::Query(q): web::Query<Search>) -> Result<ServerSideProps<Props>, Error> { todo!() }",
    );
}

#[test]
fn an_edge_props_function() {
    snapshot(
        "edge_props",
        "edge/[id].rs",
        "#[get_server_side_props(runtime = \"edge\")]\n\
         pub async fn props(ctx: EdgeContext) -> Result<ServerSideProps<Props>, Error> { todo!() }",
    );
}

#[test]
fn the_app_and_document_shells() {
    snapshot(
        "app",
        "_app.rs",
        "#[page]\npub fn app(page: Markup) -> Markup { page }",
    );
    snapshot(
        "document",
        "_document.rs",
        "#[page]\npub fn document() -> Document { Document::default() }",
    );
}

#[test]
fn an_api_route() {
    snapshot(
        "api_route",
        "api/hello.rs",
        "#[api]\npub async fn handler(req: HttpRequest) -> HttpResponse { todo!() }",
    );
}

#[test]
fn a_mistake_keeps_the_function_and_adds_the_errors() {
    snapshot(
        "two_props_functions",
        "feed.rs",
        "#[get_server_side_props]\n\
         pub async fn first(ctx: Context) -> Result<ServerSideProps<Props>, Error> { todo!() }\n\
         #[get_server_side_props]\n\
         pub async fn second(ctx: Context) -> Result<ServerSideProps<Props>, Error> { todo!() }",
    );
}

#[test]
fn a_static_page_with_its_paths() {
    snapshot(
        "static_props_page",
        "posts/[id].rs",
        "#[get_static_paths]\n\
         pub async fn get_static_paths(ctx: StaticPathsContext, db: web::Data<Db>) -> Result<StaticPaths, Error> { todo!() }\n\
         #[get_static_props]\n\
         pub async fn get_static_props(ctx: StaticContext, db: web::Data<Db>) -> Result<StaticProps<Props>, Error> { todo!() }\n\
         #[page]\n\
         pub fn page(props: Props) -> Markup { html! {} }",
    );
}
