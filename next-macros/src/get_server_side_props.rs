//! `#[get_server_side_props]`: parse the props function, validate it and its place, expand
//! it with the adapter the route table calls.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{ItemFn, LitStr, Type};

use crate::data_fn::{
    arg_names, check_shape, convert_error, generic_types, last_segment_is, place_message,
    report_return, result_types, serialize_props, shown, typed_parameters, Role,
};
use crate::diagnostics::{item_with_errors, parse_function, Diagnostics};
use crate::exports::*;
use crate::source_file::{locate, Attribute, Location};

/// Where a props function runs (`runtime = ".."`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Runtime {
    /// The default: `Context`, with the request and a response handle.
    NodeJs,
    /// `EdgeContext`, a `Send` snapshot without a response object; the future is `Send`.
    Edge,
}

impl Runtime {
    fn context_type(self) -> &'static str {
        match self {
            Runtime::NodeJs => "Context",
            Runtime::Edge => "EdgeContext",
        }
    }
}

/// The props function as far as we understood it.
struct PropsFunction {
    item: ItemFn,
    runtime: Runtime,
    /// `P` in `Result<ServerSideProps<P>, E>`.
    props_ty: Option<Type>,
    /// `E` in `Result<ServerSideProps<P>, E>`.
    error_ty: Option<Type>,
    /// The types of the parameters after the context: actix-web extractors.
    extractors: Vec<Type>,
}

const SIGNATURE: &str =
    "pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error>";

pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand_in(locate(), attr, item)
}

/// Parse, validate (the function, then its place in `location`), expand.
pub fn expand_in(location: Location, attr: TokenStream, item: TokenStream) -> TokenStream {
    let (item_fn, mut diagnostics) = match parse_function(
        Attribute::GetServerSideProps,
        &format!("`{SIGNATURE}`"),
        item,
    ) {
        Ok(parsed) => parsed,
        Err(output) => return output,
    };
    let runtime = parse_runtime(attr, &mut diagnostics);
    let function = parse(item_fn, runtime, &mut diagnostics);
    check_location(&function, location, &mut diagnostics);
    match diagnostics.finish() {
        Ok(()) => generate(&function),
        Err(error) => item_with_errors(function.item.into_token_stream(), error),
    }
}

/// `runtime = "nodejs"` (the default) or `runtime = "edge"`.
fn parse_runtime(attr: TokenStream, diagnostics: &mut Diagnostics) -> Runtime {
    let mut runtime = Runtime::NodeJs;
    let parser = syn::meta::parser(|meta| {
        if !meta.path.is_ident("runtime") {
            return Err(meta.error(
                "unknown argument: `#[get_server_side_props]` takes only `runtime = \"nodejs\"` (the default) or `runtime = \"edge\"`",
            ));
        }
        let name: LitStr = meta.value()?.parse()?;
        runtime = match name.value().as_str() {
            "nodejs" => Runtime::NodeJs,
            "edge" => Runtime::Edge,
            other => {
                return Err(syn::Error::new(
                    name.span(),
                    format!("unknown runtime `{other}`: the runtimes are \"nodejs\" (the default) and \"edge\""),
                ))
            }
        };
        Ok(())
    });
    if let Err(error) = syn::parse::Parser::parse2(parser, attr) {
        diagnostics.push(error);
    }
    runtime
}

fn parse(item: ItemFn, runtime: Runtime, diagnostics: &mut Diagnostics) -> PropsFunction {
    check_shape(&item, &ROLE, diagnostics);
    let extractors = parameters(&item.sig, runtime, diagnostics);
    let (props_ty, error_ty) = return_types(&item.sig, diagnostics).unzip();
    PropsFunction {
        item,
        runtime,
        props_ty,
        error_ty,
        extractors,
    }
}

const ROLE: Role = Role {
    attribute: Attribute::GetServerSideProps,
    what: "props function",
    next: "getServerSideProps",
    context: "Context",
};

/// The runtime's context first, then any number of extractors: their types.
fn parameters(sig: &syn::Signature, runtime: Runtime, diagnostics: &mut Diagnostics) -> Vec<Type> {
    let name = &sig.ident;
    let context = runtime.context_type();
    let typed = typed_parameters(sig);
    let Some((first, rest)) = typed.split_first() else {
        if sig.receiver().is_none() {
            diagnostics.error_at(
                sig.paren_token.span.join(),
                format!("the props function `{name}` takes the request's `{context}` first: write `{name}(ctx: {context})`, with any actix-web extractors after it."),
            );
        }
        return Vec::new();
    };
    let context_first = check_first(first, rest, name, runtime, diagnostics);
    for ty in rest {
        // A context out of place is reported once, by `check_first`.
        if context_first || !last_segment_is(ty, context) {
            check_extractor(ty, name, context, diagnostics);
        }
    }
    rest.iter().map(|ty| (*ty).clone()).collect()
}

/// The first parameter: the runtime's context, reported when it is not (then `false`).
fn check_first(
    first: &Type,
    rest: &[&Type],
    name: &syn::Ident,
    runtime: Runtime,
    diagnostics: &mut Diagnostics,
) -> bool {
    let context = runtime.context_type();
    if last_segment_is(first, context) {
        return true;
    }
    report_first(first, rest, name, runtime, diagnostics);
    false
}

fn report_first(
    first: &Type,
    rest: &[&Type],
    name: &syn::Ident,
    runtime: Runtime,
    diagnostics: &mut Diagnostics,
) {
    let context = runtime.context_type();
    if runtime == Runtime::Edge && last_segment_is(first, "Context") {
        return diagnostics.error(
            first,
            format!("an edge props function takes an `EdgeContext`, a `Send` snapshot of the request without a response object: write `{name}(ctx: EdgeContext)`, or remove `runtime = \"edge\"` to keep `Context`."),
        );
    }
    if last_segment_is(first, "EdgeContext") {
        return diagnostics.error(
            first,
            "`EdgeContext` is for edge props functions: write `#[get_server_side_props(runtime = \"edge\")]`, or take `ctx: Context`.",
        );
    }
    if let Some(later) = rest.iter().find(|ty| last_segment_is(ty, context)) {
        return diagnostics.error(
            later,
            format!("the `{context}` must be the first parameter of the props function `{name}`: move `ctx: {context}` before the extractors."),
        );
    }
    diagnostics.error(
        first,
        format!("the props function `{name}` takes the request's `{context}` first, found `{}`: write `{name}(ctx: {context}, ..)`, with any actix-web extractors after it.", first.to_token_stream()),
    );
}

/// A parameter after the context: an owned, named extractor type (whether it implements
/// `FromRequest` is checked by the generated code, at this type).
fn check_extractor(ty: &Type, name: &syn::Ident, context: &str, diagnostics: &mut Diagnostics) {
    let shown = shown(ty);
    match ty {
        _ if last_segment_is(ty, "Context") || last_segment_is(ty, "EdgeContext") => diagnostics.error(
            ty,
            format!("the props function `{name}` takes one `{context}`, first; remove this one."),
        ),
        Type::Reference(_) => diagnostics.error(
            ty,
            format!("the props function `{name}` cannot take `{shown}`: a parameter after `ctx` is an owned actix-web extractor, such as `web::Data<T>` for app state."),
        ),
        Type::ImplTrait(_) | Type::Infer(_) => diagnostics.error(
            ty,
            format!("the props function `{name}` cannot take `{shown}`: name the extractor's type, such as `web::Query<T>`."),
        ),
        _ => {}
    }
}

/// `P` and `E` of the return type `Result<ServerSideProps<P>, E>`, reported when it is not.
fn return_types(sig: &syn::Signature, diagnostics: &mut Diagnostics) -> Option<(Type, Type)> {
    let found = result_types(&sig.output).and_then(|(ok, err)| {
        let [props] = generic_types(&ok, "ServerSideProps")?.try_into().ok()?;
        Some((props, err))
    });
    if found.is_none() {
        let message = format!(
            "the props function `{}` must return `Result<ServerSideProps<Props>, Error>`, where `Props` is the page's props type: `{SIGNATURE}`",
            sig.ident
        );
        report_return(sig, message, diagnostics);
    }
    found
}

fn check_location(function: &PropsFunction, location: Location, diagnostics: &mut Diagnostics) {
    let attribute = Span::call_site();
    let name = &function.item.sig.ident;
    let page = match location {
        Location::Page(page) => page,
        Location::Outside { shown } => {
            return diagnostics.error_at(
                attribute,
                format!("`#[get_server_side_props]` is used in `{shown}`, which is not a page: it may only be used in a page file under `src/pages/`. Move `{name}` into the page it provides props for."),
            );
        }
        Location::Unknown => return,
    };
    match page.special {
        Some(special) if special.is_status_page() => diagnostics.error_at(
            attribute,
            format!("`{}` cannot have a props function (Next.js: \"`pages/{}` can not have getInitialProps/getServerSideProps\"): status pages are rendered once at start-up. Remove `#[get_server_side_props]` and let the `#[page]` take no props.", page.shown(), page.relative.trim_end_matches(".rs")),
        ),
        Some(_) => diagnostics.error_at(
            attribute,
            format!("`{}` cannot have a props function: it wraps every page and has no data of its own. Fetch data in the pages' own `#[get_server_side_props]` functions.", page.shown()),
        ),
        None if page.is_api() => diagnostics.error_at(
            attribute,
            format!("`{}` is an API route: it answers with its `#[api]` handler and has no props function. Read the request in the handler itself.", page.shown()),
        ),
        None => {}
    }
    // A method is reported by `check_shape` already.
    if function.item.sig.receiver().is_some() {
        return;
    }
    if let Some(message) = place_message(&ROLE, &page, name) {
        diagnostics.error_at(attribute, message);
    }
}

fn generate(function: &PropsFunction) -> TokenStream {
    let item = &function.item;
    let name = &item.sig.ident;
    let (Some(props_ty), Some(error_ty)) = (&function.props_ty, &function.error_ty) else {
        unreachable!("validated before expansion");
    };
    let (context, error) = (path(CONTEXT), path(ERROR));
    let (server_side_props, serialize_error) = (path(SERVER_SIDE_PROPS), path(SERIALIZE_ERROR));
    let props_function = path(PROPS_FUNCTION);
    let serialize = serialize_props(props_ty);
    let convert_error = convert_error(error_ty, quote! { __next_props.await });
    let extractors = &function.extractors;
    let args = arg_names(extractors.len());
    // An edge function gets its snapshot, and its future and arguments must be `Send`
    // (checked at its name and at each parameter's type).
    let call = match function.runtime {
        Runtime::NodeJs => quote! { #name(__next_ctx #(, #args)*) },
        Runtime::Edge => {
            let (edge_props, edge_context) = (
                path_at(EDGE_PROPS, name.span()),
                path_at(EDGE_CONTEXT, name.span()),
            );
            let args = extractors.iter().zip(&args).map(|(ty, arg)| {
                let edge_extracted = path_at(EDGE_EXTRACTED, ty.span());
                quote_spanned! {ty.span()=> #edge_extracted::<#ty>(#arg) }
            });
            quote_spanned! {name.span()=>
                #edge_props(#name(#edge_context(__next_ctx) #(, #args)*))
            }
        }
    };
    let extract = generate_extract(extractors);
    let entry = quote::format_ident!("{}", next_conventions::files::PROPS_FN_ENTRY);
    quote! {
        #item

        /// This page's props function, as `#[page]` and the route table call it.
        #[doc(hidden)]
        #[allow(dead_code)] // until the file's `#[page]` is written
        struct #entry;

        impl #props_function for #entry {
            type Props = #props_ty;
            type Extracted = (#(#extractors,)*);

            #extract

            fn call(
                __next_ctx: #context,
                __next_extracted: Self::Extracted,
            ) -> impl ::core::future::Future<
                Output = ::core::result::Result<#server_side_props<#props_ty>, #error>,
            > + 'static {
                let (#(#args,)*) = __next_extracted;
                let __next_props = #call;
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

/// `PropsFunction::extract`: each parameter's extractor in order, each call spanned at its
/// type, so a type that is no extractor is reported there.
fn generate_extract(extractors: &[Type]) -> TokenStream {
    let (request, payload, actix_error) = (path(HTTP_REQUEST), path(PAYLOAD), path(ACTIX_ERROR));
    let output = quote! {
        impl ::core::future::Future<
            Output = ::core::result::Result<Self::Extracted, #actix_error>,
        > + 'static
    };
    if extractors.is_empty() {
        return quote! {
            fn extract(_: #request, _: #payload) -> #output {
                ::core::future::ready(::core::result::Result::Ok(()))
            }
        };
    }
    let calls = extractors.iter().map(|ty| {
        let extract = path_at(EXTRACT, ty.span());
        quote_spanned! {ty.span()=>
            #extract::<#ty>(&__next_req, &mut __next_payload).await?
        }
    });
    quote! {
        fn extract(__next_req: #request, mut __next_payload: #payload) -> #output {
            async move { ::core::result::Result::Ok((#(#calls,)*)) }
        }
    }
}
