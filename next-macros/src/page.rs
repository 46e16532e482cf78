//! `#[page]`: parse the render function, validate it against its page file, expand it with
//! the `__NEXT_PAGE` entry the route table points at.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{FnArg, ItemFn, PatType, ReturnType};

use crate::diagnostics::{item_with_errors, no_arguments, parse_function, Diagnostics};
use crate::exports::*;
use crate::source_file::{locate, Attribute, Location, PageFile, Place, PlaceProblem, SpecialFile};
use next_conventions::marked::has_top_level;

/// The page function as far as we understood it.
struct PageFunction {
    item: ItemFn,
    /// The props parameter; `None` for a static page.
    props: Option<PatType>,
}

pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand_in(locate(), attr, item)
}

/// Parse, validate (the function, then its place in `location`), expand.
pub fn expand_in(location: Location, attr: TokenStream, item: TokenStream) -> TokenStream {
    let usage = "`pub fn page(props: Props) -> Markup`, or `pub fn page() -> Markup` for a page without props";
    let (item_fn, mut diagnostics) = match parse_function(Attribute::Page, usage, item) {
        Ok(parsed) => parsed,
        Err(output) => return output,
    };
    no_arguments(Attribute::Page, &attr, &mut diagnostics);
    let page = parse(item_fn, &mut diagnostics);
    let entry = check_location(&page, location, &mut diagnostics);
    match diagnostics.finish() {
        Ok(()) if entry == Entry::Withheld => page.item.into_token_stream(),
        Ok(()) => generate(&page, entry),
        Err(error) => item_with_errors(page.item.into_token_stream(), error),
    }
}

fn parse(item: ItemFn, diagnostics: &mut Diagnostics) -> PageFunction {
    let sig = &item.sig;
    let name = &sig.ident;
    if let Some(asyncness) = &sig.asyncness {
        diagnostics.error(
            asyncness,
            format!("the page `{name}` cannot be `async`: it renders from its props, synchronously. Do async work in the page's `#[get_server_side_props]` function and pass the result as props."),
        );
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        diagnostics.error(
            &sig.generics,
            format!("the page `{name}` cannot be generic: it renders one concrete props type."),
        );
    }
    if let Some(receiver) = sig.receiver() {
        diagnostics.error(
            receiver,
            format!("the page `{name}` takes `self`: a page is a free function at the top level of its page file."),
        );
    }
    let mut typed = sig.inputs.iter().filter_map(|arg| match arg {
        FnArg::Typed(typed) => Some(typed.clone()),
        FnArg::Receiver(_) => None,
    });
    let props = typed.next();
    for extra in typed {
        diagnostics.error(
            &extra,
            format!("the page `{name}` takes at most one parameter, its props: remove this one."),
        );
    }
    if let ReturnType::Default = sig.output {
        diagnostics.error_at(
            sig.paren_token.span.close(),
            format!("the page `{name}` must return the page's markup: add `-> Markup` and build it with `html! {{ .. }}`."),
        );
    }
    PageFunction { item, props }
}

/// Which entry to generate for the route table.
#[derive(PartialEq, Eq)]
enum Entry {
    /// `__NEXT_PAGE`, a routable or status page, with its data function if any.
    Generate(Data),
    /// `__NEXT_APP`: `_app.rs`, the layout around every page.
    App,
    /// `__NEXT_DOCUMENT`: `_document.rs`, the HTML shell.
    Document,
    /// The file's props function is misplaced and already reported: an entry would only
    /// add errors about the adapters it could not generate.
    Withheld,
}

fn check_location(
    page_fn: &PageFunction,
    location: Location,
    diagnostics: &mut Diagnostics,
) -> Entry {
    let attribute = Span::call_site();
    let name = &page_fn.item.sig.ident;
    let page = match location {
        Location::Page(page) => page,
        Location::Outside { shown } => {
            diagnostics.error_at(
                attribute,
                format!("`#[page]` is used in `{shown}`, which is not a page: it may only be used in a page file under `src/pages/`. Move `{name}` to a file such as `src/pages/{name}.rs`; the file's path becomes its URL."),
            );
            return Entry::Generate(Data::PerRequest);
        }
        Location::Unknown => return Entry::Generate(Data::PerRequest),
    };
    if page.is_api() {
        diagnostics.error_at(
            attribute,
            format!("`{}` is an API route: its handler is marked `#[api]` (`pub async fn {name}(req: HttpRequest) -> HttpResponse`), not `#[page]`.", page.shown()),
        );
        return Entry::Generate(Data::PerRequest);
    }
    if !check_place(page_fn, &page, diagnostics) {
        return Entry::Generate(Data::PerRequest);
    }
    match page.special {
        Some(SpecialFile::App) => check_app(page_fn, diagnostics),
        Some(SpecialFile::Document) => check_document(page_fn, diagnostics),
        _ => check_props(page_fn, &page, diagnostics),
    }
}

/// Where a page's props come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Data {
    /// `#[get_server_side_props]`, or no props at all (decided by the page's parameter).
    PerRequest,
    /// `#[get_static_props]`, with `#[get_static_paths]` when the file has one.
    Static { paths: bool },
}

/// At the top level, and the file's only `#[page]`; `false` when misplaced.
fn check_place(page_fn: &PageFunction, page: &PageFile, diagnostics: &mut Diagnostics) -> bool {
    let (attribute, name) = (Span::call_site(), &page_fn.item.sig.ident);
    match page.place_problem(Attribute::Page, name) {
        Some(PlaceProblem::Misplaced(place)) => {
            let message = match place {
                Place::Impl(ty) | Place::Trait(ty) => format!("the page `{name}` is an associated function of `{ty}`: move it to the top level of `{}`.", page.shown()),
                Place::Nested | Place::TopLevel => format!("the page `{name}` is declared inside another item: move it to the top level of `{}`.", page.shown()),
            };
            diagnostics.error_at(attribute, message);
            return false;
        }
        Some(PlaceProblem::Duplicate(first)) => diagnostics.error_at(
            attribute,
            format!(
                "`{}` already has a page function, `{}`: a page file has exactly one `#[page]`.",
                page.shown(),
                first.name
            ),
        ),
        None => {}
    }
    true
}

/// A routable or status page takes props exactly when its file has a props function.
fn check_props(page_fn: &PageFunction, page: &PageFile, diagnostics: &mut Diagnostics) -> Entry {
    let name = &page_fn.item.sig.ident;
    let is_status_page = page.special.is_some_and(SpecialFile::is_status_page);
    // Without the file's items we cannot tell; the generated code still type-checks.
    if page.items.is_none() {
        return Entry::Generate(Data::PerRequest);
    }
    // A misplaced props function still counts: its own error says what to fix.
    let server_side = page.any(Attribute::GetServerSideProps);
    let static_props = page.any(Attribute::GetStaticProps);
    let items = page.items.as_deref().unwrap_or_default();
    let misplaced = |attribute| page.any(attribute) && !has_top_level(items, attribute);
    // Both kinds, or one out of place: their own errors say what to fix.
    if (server_side && static_props)
        || misplaced(Attribute::GetServerSideProps)
        || misplaced(Attribute::GetStaticProps)
        || (static_props && misplaced(Attribute::GetStaticPaths))
    {
        return Entry::Withheld;
    }
    let has_props_function = server_side || static_props;
    let data = match static_props {
        true => Data::Static {
            paths: has_top_level(items, Attribute::GetStaticPaths),
        },
        false => Data::PerRequest,
    };
    let marker = match static_props {
        true => Attribute::GetStaticProps.name(),
        false => Attribute::GetServerSideProps.name(),
    };
    match (&page_fn.props, has_props_function) {
        (Some(props), _) if is_status_page => diagnostics.error(
            props,
            format!("`{}` cannot take props: it has no props function. Remove this parameter.", page.shown()),
        ),
        (Some(props), false) => diagnostics.error(
            props,
            format!(
                "the page `{name}` takes props of type `{}`, but `{}` has no `#[get_server_side_props]` function to provide them. Add one that returns `ServerSideProps<{}>`, or remove the parameter to make the page static.",
                props.ty.to_token_stream(),
                page.shown(),
                props.ty.to_token_stream(),
            ),
        ),
        (None, true) if !is_status_page => diagnostics.error_at(
            name.span(),
            format!("`{}` has a `#[{marker}]` function, so the page `{name}` must take its props: `pub fn {name}(props: Props) -> Markup`, with the props function's `Props` type.", page.shown()),
        ),
        _ => {}
    }
    Entry::Generate(data)
}

/// `_app.rs`: `#[page] pub fn app(page: Markup) -> Markup`, the layout around every page.
fn check_app(page_fn: &PageFunction, diagnostics: &mut Diagnostics) -> Entry {
    if page_fn.props.is_none() {
        let name = &page_fn.item.sig.ident;
        diagnostics.error_at(
            page_fn.item.sig.paren_token.span.join(),
            format!("`_app.rs` wraps every page: `{name}` takes the page's markup, `pub fn {name}(page: Markup) -> Markup`."),
        );
    }
    Entry::App
}

/// `_document.rs`: `#[page] pub fn document() -> Document`, the HTML shell.
fn check_document(page_fn: &PageFunction, diagnostics: &mut Diagnostics) -> Entry {
    if let Some(props) = &page_fn.props {
        diagnostics.error(
            props,
            "`_document.rs` describes the HTML shell once for every page and takes nothing: `pub fn document() -> Document`.",
        );
    }
    Entry::Document
}

fn generate(page: &PageFunction, entry: Entry) -> TokenStream {
    let item = &page.item;
    let name = &item.sig.ident;
    let output_span = match &item.sig.output {
        ReturnType::Type(_, ty) => ty.span(),
        ReturnType::Default => name.span(),
    };
    // Spanned at the return type, so a wrong one is reported there.
    let function = quote_spanned! {output_span=> #name };
    let (markup, document, page_handler) = (path(MARKUP), path(DOCUMENT), path(PAGE_HANDLER));
    let entry = match entry {
        Entry::App => quote! {
            /// The layout around every page, for the generated route table.
            #[doc(hidden)]
            #[allow(dead_code)]
            pub const __NEXT_APP: fn(#markup) -> #markup = #function;
        },
        Entry::Document => quote! {
            /// The HTML shell, for the generated route table.
            #[doc(hidden)]
            #[allow(dead_code)]
            pub const __NEXT_DOCUMENT: fn() -> #document = #function;
        },
        Entry::Generate(data) => {
            let handler = page_handler_value(page, output_span, data);
            quote! {
                /// This page's entry in the generated route table.
                #[doc(hidden)]
                #[allow(dead_code)]
                pub const __NEXT_PAGE: #page_handler = #handler;
            }
        }
        Entry::Withheld => {
            let handler = page_handler_value(page, output_span, Data::PerRequest);
            quote! {
                /// This page's entry in the generated route table.
                #[doc(hidden)]
                #[allow(dead_code)]
                pub const __NEXT_PAGE: #page_handler = #handler;
            }
        }
    };
    quote! {
        #item

        #entry
    }
}

fn page_handler_value(page: &PageFunction, output_span: Span, data: Data) -> TokenStream {
    let name = &page.item.sig.ident;
    let (page_handler, page_ty) = (path(PAGE_HANDLER), path(PAGE));
    let into_page = path_at(INTO_PAGE, output_span);
    match &page.props {
        None => {
            let render = quote_spanned! {output_span=> #into_page::into_page(#name()) };
            quote! { #page_handler::Static(|| -> #page_ty { #render }) }
        }
        Some(props) => {
            let props_ty = &props.ty;
            let page_takes = path_at(PAGE_TAKES, props_ty.span());
            let cast = quote_spanned! {props_ty.span()=>
                #page_takes::<#props_ty>::into_page_props(__next_props)
            };
            let render = quote_spanned! {output_span=> #into_page::into_page(#name(#cast)) };
            if let Data::Static { paths } = data {
                return static_handler(&render, paths);
            }
            let server_side = path(SERVER_SIDE);
            let props_fn = quote::format_ident!("{}", next_conventions::files::PROPS_FN_ENTRY);
            quote! {
                #page_handler::ServerSide(|__next_ctx, __next_payload, __next_render, __next_pattern| {
                    #server_side::<#props_fn>(
                        __next_ctx,
                        __next_payload,
                        __next_render,
                        __next_pattern,
                        |__next_props| -> #page_ty { #render },
                    )
                })
            }
        }
    }
}

/// `PageHandler::StaticProps(..)`: the static props function's adapter, the page rendered
/// with its props, and the static paths function when the file has one.
fn static_handler(render: &TokenStream, paths: bool) -> TokenStream {
    let (page_handler, page_ty) = (path(PAGE_HANDLER), path(PAGE));
    let (static_render, run) = (path(STATIC_RENDER), path(STATIC_PROPS_RUN));
    let props_fn = quote::format_ident!("{}", next_conventions::files::STATIC_PROPS_FN_ENTRY);
    let paths = match paths {
        true => {
            let entry = quote::format_ident!("{}", next_conventions::files::STATIC_PATHS_ENTRY);
            quote! { ::core::option::Option::Some(#entry) }
        }
        false => quote! { ::core::option::Option::None },
    };
    quote! {
        #page_handler::StaticProps(#static_render {
            props: |__next_ctx, __next_state, __next_pattern| {
                #run::<#props_fn>(
                    __next_ctx,
                    __next_state,
                    __next_pattern,
                    |__next_props| -> #page_ty { #render },
                )
            },
            paths: #paths,
        })
    }
}
