//! `#[get_static_props]` and `#[get_static_paths]`: parse the function, validate it, its
//! place and Next's rules for static generation, expand it with the adapter `#[page]`
//! names.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{ItemFn, Type};

use crate::data_fn::{
    arg_names, check_shape, convert_error, generic_types, last_segment_is, place_message,
    report_return, result_types, serialize_props, shown, typed_parameters, Role,
};
use crate::diagnostics::{item_with_errors, no_arguments, parse_function, Diagnostics};
use crate::exports::*;
use crate::source_file::{locate, Attribute, Location, PageFile};
use next_conventions::files::{self, STATIC_PATHS_ENTRY, STATIC_PROPS_FN_ENTRY};

const PROPS: Role = Role {
    attribute: Attribute::GetStaticProps,
    what: "static props function",
    next: "getStaticProps",
    context: "StaticContext",
};

const PATHS: Role = Role {
    attribute: Attribute::GetStaticPaths,
    what: "static paths function",
    next: "getStaticPaths",
    context: "StaticPathsContext",
};

const PROPS_SIGNATURE: &str =
    "pub async fn get_static_props(ctx: StaticContext) -> Result<StaticProps<Props>, Error>";
const PATHS_SIGNATURE: &str =
    "pub async fn get_static_paths(ctx: StaticPathsContext) -> Result<StaticPaths, Error>";

/// Next's message for a page that mixes the two ways of getting data.
const SSG_CONFLICT: &str = "You can not use getStaticProps or getStaticPaths with getServerSideProps. To use SSG, please remove getServerSideProps";

/// A static function as far as we understood it.
struct StaticFn {
    item: ItemFn,
    /// The types of the parameters after the context: app state.
    state: Vec<Type>,
    /// `P` of `StaticProps<P>` (for a static props function).
    props_ty: Option<Type>,
    /// `E` of `Result<_, E>`.
    error_ty: Option<Type>,
}

pub fn expand_props(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand_props_in(locate(), attr, item)
}

pub fn expand_paths(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand_paths_in(locate(), attr, item)
}

/// Parse, validate (the function, its place, Next's rules), expand.
pub fn expand_props_in(location: Location, attr: TokenStream, item: TokenStream) -> TokenStream {
    expand_in(&PROPS, location, attr, item)
}

/// Parse, validate (the function, its place, Next's rules), expand.
pub fn expand_paths_in(location: Location, attr: TokenStream, item: TokenStream) -> TokenStream {
    expand_in(&PATHS, location, attr, item)
}

fn expand_in(role: &Role, location: Location, attr: TokenStream, item: TokenStream) -> TokenStream {
    let signature = match role.attribute {
        Attribute::GetStaticProps => PROPS_SIGNATURE,
        _ => PATHS_SIGNATURE,
    };
    let (item_fn, mut diagnostics) =
        match parse_function(role.attribute, &format!("`{signature}`"), item) {
            Ok(parsed) => parsed,
            Err(output) => return output,
        };
    no_arguments(role.attribute, &attr, &mut diagnostics);
    let function = parse(role, item_fn, &mut diagnostics);
    check_location(role, &function, location, &mut diagnostics);
    match diagnostics.finish() {
        Ok(()) if role.attribute == Attribute::GetStaticProps => generate_props(&function),
        Ok(()) => generate_paths(&function),
        Err(error) => item_with_errors(function.item.into_token_stream(), error),
    }
}

fn parse(role: &Role, item: ItemFn, diagnostics: &mut Diagnostics) -> StaticFn {
    check_shape(&item, role, diagnostics);
    let state = parameters(role, &item.sig, diagnostics);
    let (ok, error_ty) = return_types(role, &item.sig, diagnostics).unzip();
    StaticFn {
        item,
        state,
        props_ty: ok.flatten(),
        error_ty,
    }
}

/// The context first, then app state: the state's types.
fn parameters(role: &Role, sig: &syn::Signature, diagnostics: &mut Diagnostics) -> Vec<Type> {
    let (name, what, context) = (&sig.ident, role.what, role.context);
    let typed = typed_parameters(sig);
    let Some((first, rest)) = typed.split_first() else {
        if sig.receiver().is_none() {
            diagnostics.error_at(
                sig.paren_token.span.join(),
                format!("the {what} `{name}` takes its `{context}` first: write `{name}(ctx: {context})`, with any app state (`web::Data<T>`) after it."),
            );
        }
        return Vec::new();
    };
    if !last_segment_is(first, context) {
        let message = if last_segment_is(first, "Context") || last_segment_is(first, "EdgeContext")
        {
            format!("a {what} runs without a request (at start-up and in the background), so it takes a `{context}`, not a `{}`: write `{name}(ctx: {context})`. For data per request, use `#[get_server_side_props]` instead.", shown(first))
        } else {
            format!("the {what} `{name}` takes its `{context}` first, found `{}`: write `{name}(ctx: {context}, ..)`, with any app state (`web::Data<T>`) after it.", shown(first))
        };
        diagnostics.error(first, message);
    }
    for ty in rest {
        let problem = match ty {
            _ if last_segment_is(ty, context) => Some(format!("the {what} `{name}` takes one `{context}`, first; remove this one.")),
            Type::Reference(_) | Type::ImplTrait(_) | Type::Infer(_) => Some(format!(
                "the {what} `{name}` cannot take `{}`: a parameter after `ctx` is app state, `web::Data<T>`.",
                shown(ty)
            )),
            _ => None,
        };
        if let Some(problem) = problem {
            diagnostics.error(ty, problem);
        }
    }
    rest.iter().map(|ty| (*ty).clone()).collect()
}

/// `(Some(P), E)` of `Result<StaticProps<P>, E>`, or `(None, E)` of
/// `Result<StaticPaths, E>`; reported when it is neither.
fn return_types(
    role: &Role,
    sig: &syn::Signature,
    diagnostics: &mut Diagnostics,
) -> Option<(Option<Type>, Type)> {
    let found = result_types(&sig.output).and_then(|(ok, err)| match role.attribute {
        Attribute::GetStaticProps => {
            let [props] = generic_types(&ok, "StaticProps")?.try_into().ok()?;
            Some((Some(props), err))
        }
        _ => last_segment_is(&ok, "StaticPaths").then_some((None, err)),
    });
    if found.is_none() {
        let (what, name) = (role.what, &sig.ident);
        let message = match role.attribute {
            Attribute::GetStaticProps => format!("the {what} `{name}` must return `Result<StaticProps<Props>, Error>`, where `Props` is the page's props type: `{PROPS_SIGNATURE}`"),
            _ => format!("the {what} `{name}` must return `Result<StaticPaths, Error>`: `{PATHS_SIGNATURE}`"),
        };
        report_return(sig, message, diagnostics);
    }
    found
}

/// In a routable page under `src/pages/`, once, at the top level, and as Next's rules for
/// static generation ask.
fn check_location(
    role: &Role,
    function: &StaticFn,
    location: Location,
    diagnostics: &mut Diagnostics,
) {
    let attribute = Span::call_site();
    let (name, what, marker) = (&function.item.sig.ident, role.what, role.attribute.name());
    let page = match location {
        Location::Page(page) => page,
        Location::Outside { shown } => {
            return diagnostics.error_at(
                attribute,
                format!("`#[{marker}]` is used in `{shown}`, which is not a page: it may only be used in a page file under `src/pages/`. Move `{name}` into the page it generates."),
            );
        }
        Location::Unknown => return,
    };
    let problem = match page.special {
        Some(special) if special.is_status_page() => Some(format!("`{}` cannot have a {what}: status pages are rendered once at start-up without data. Remove `#[{marker}]` and let the `#[page]` take no props.", page.shown())),
        Some(_) => Some(format!("`{}` cannot have a {what}: it wraps every page and has no data of its own. Load data in the pages' own `#[get_static_props]` functions.", page.shown())),
        None if page.is_api() => Some(format!("`{}` is an API route: it answers with its `#[api]` handler and is never generated. Remove `#[{marker}]`.", page.shown())),
        None => None,
    };
    if let Some(problem) = problem {
        return diagnostics.error_at(attribute, problem);
    }
    if function.item.sig.receiver().is_none() {
        if let Some(message) = place_message(role, &page, name) {
            diagnostics.error_at(attribute, message);
        }
    }
    if let Some(message) = rule_problem(role, &page) {
        diagnostics.error_at(attribute, message);
    }
}

/// Next's rules for the static functions of one page file.
fn rule_problem(role: &Role, page: &PageFile) -> Option<String> {
    // Without the file's items there is nothing to check against.
    page.items.as_ref()?;
    let pattern = files::route_pattern(&page.relative).ok()?;
    let dynamic = files::is_dynamic(&page.relative);
    let shown = page.shown();
    if page.any(Attribute::GetServerSideProps) {
        return Some(format!(
            "{SSG_CONFLICT} (`{shown}` has `#[get_server_side_props]` too: keep one of the two)."
        ));
    }
    match role.attribute {
        Attribute::GetStaticProps if dynamic && !page.any(Attribute::GetStaticPaths) => Some(format!(
            "getStaticPaths is required for dynamic SSG pages and is missing for '{pattern}'. Add a `#[get_static_paths]` function to `{shown}` that lists the paths to generate: `{PATHS_SIGNATURE}`."
        )),
        Attribute::GetStaticPaths if !dynamic => Some(format!(
            "getStaticPaths is only allowed for dynamic SSG pages and was found on '{pattern}'. `{shown}` has one path, which `#[get_static_props]` alone generates: remove `#[get_static_paths]`."
        )),
        Attribute::GetStaticPaths if !page.any(Attribute::GetStaticProps) => Some(format!(
            "getStaticPaths was added without a getStaticProps in '{pattern}'. Without getStaticProps, getStaticPaths does nothing: add a `#[get_static_props]` function to `{shown}`."
        )),
        _ => None,
    }
}

/// Each parameter after the context, from the app state: `(static_state::<T>(state)?, ..)`,
/// each call spanned at its type.
fn state_values(state: &[Type], from: &TokenStream) -> Vec<TokenStream> {
    state
        .iter()
        .map(|ty| {
            let static_state = path_at(STATIC_STATE, ty.span());
            quote_spanned! {ty.span()=> #static_state::<#ty>(#from)? }
        })
        .collect()
}

fn generate_props(function: &StaticFn) -> TokenStream {
    let item = &function.item;
    let name = &item.sig.ident;
    let (Some(props_ty), Some(error_ty)) = (&function.props_ty, &function.error_ty) else {
        unreachable!("validated before expansion");
    };
    let (context, error, state) = (path(STATIC_CONTEXT), path(ERROR), path(STATE));
    let (static_props, serialize_error) = (path(STATIC_PROPS), path(SERIALIZE_ERROR));
    let contract = path(STATIC_PROPS_FUNCTION);
    let serialize = serialize_props(props_ty);
    let convert_error = convert_error(error_ty, quote! { __next_props.await });
    let types = &function.state;
    let values = state_values(types, &quote! { __next_state });
    let args = arg_names(types.len());
    let entry = quote::format_ident!("{}", STATIC_PROPS_FN_ENTRY);
    quote! {
        #item

        /// This page's static props function, as `#[page]` and the route table call it.
        #[doc(hidden)]
        #[allow(dead_code)] // until the file's `#[page]` is written
        struct #entry;

        impl #contract for #entry {
            type Props = #props_ty;
            type Extracted = (#(#types,)*);

            fn extract(
                __next_state: &#state,
            ) -> ::core::result::Result<Self::Extracted, #error> {
                ::core::result::Result::Ok((#(#values,)*))
            }

            fn call(
                __next_ctx: #context,
                __next_extracted: Self::Extracted,
            ) -> impl ::core::future::Future<
                Output = ::core::result::Result<#static_props<#props_ty>, #error>,
            > + 'static {
                let (#(#args,)*) = __next_extracted;
                let __next_props = #name(__next_ctx #(, #args)*);
                async move { #convert_error }
            }

            fn serialize(
                __next_props: &#props_ty,
            ) -> ::core::result::Result<::std::string::String, #serialize_error> {
                #serialize
            }
        }
    }
}

fn generate_paths(function: &StaticFn) -> TokenStream {
    let item = &function.item;
    let name = &item.sig.ident;
    let Some(error_ty) = &function.error_ty else {
        unreachable!("validated before expansion");
    };
    let (paths_fn, run) = (path(STATIC_PATHS_FN), path(STATIC_PATHS_RUN));
    let values = state_values(&function.state, &quote! { &__next_state });
    let call = convert_error(error_ty, quote! { #name(__next_ctx #(, #values)*).await });
    let entry = quote::format_ident!("{}", STATIC_PATHS_ENTRY);
    quote! {
        #item

        /// This page's static paths function, for its `#[page]`.
        #[doc(hidden)]
        #[allow(dead_code)] // until the file's `#[page]` is written
        pub const #entry: #paths_fn = |__next_ctx, __next_state| {
            #run(async move { #call })
        };
    }
}
