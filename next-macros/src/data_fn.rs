//! What the three data functions of a page file (`#[get_server_side_props]`,
//! `#[get_static_props]`, `#[get_static_paths]`) share: their shape checks, and reading
//! their parameter and return types.

use proc_macro2::TokenStream;
use quote::{quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{FnArg, GenericArgument, ItemFn, PathArguments, ReturnType, Type, Visibility};

use crate::diagnostics::Diagnostics;
use crate::exports::{path_at, ERROR, SERIALIZE_PROPS};
use crate::source_file::{PageFile, Place, PlaceProblem};
use next_conventions::attributes::Attribute;

/// Which data function, as messages name it.
pub struct Role {
    pub attribute: Attribute,
    /// `props function`, `static props function`, `static paths function`.
    pub what: &'static str,
    /// Next's name: `getServerSideProps`.
    pub next: &'static str,
    /// The type of its first parameter: `Context`.
    pub context: &'static str,
}

/// A free, `pub`, `async`, non-generic function.
pub fn check_shape(item: &ItemFn, role: &Role, diagnostics: &mut Diagnostics) {
    let sig = &item.sig;
    let name = &sig.ident;
    let Role {
        what,
        next,
        context,
        attribute,
    } = role;
    let attribute = attribute.name();
    if let Some(receiver) = sig.receiver() {
        diagnostics.error(
            receiver,
            format!("`{name}` takes `self`: a {what} must be exported from the page, not attached to the page's component. Move `#[{attribute}]` to a free `pub async fn` at the top level of the page file."),
        );
    }
    if !matches!(item.vis, Visibility::Public(_)) {
        diagnostics.error_at(
            sig.fn_token.span,
            format!("the {what} `{name}` must be `pub`: Next.js requires {next} to be exported from the page. Write `pub async fn {name}`."),
        );
    }
    if sig.asyncness.is_none() {
        diagnostics.error_at(
            sig.fn_token.span,
            format!(
                "the {what} `{name}` must be `async`: write `pub async fn {name}(ctx: {context})`."
            ),
        );
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        diagnostics.error(
            &sig.generics,
            format!("the {what} `{name}` cannot be generic: the router calls it with one concrete `{context}`."),
        );
    }
}

/// The types of the typed parameters, in order.
pub fn typed_parameters(sig: &syn::Signature) -> Vec<&Type> {
    sig.inputs
        .iter()
        .filter_map(|arg| match arg {
            FnArg::Typed(typed) => Some(&*typed.ty),
            FnArg::Receiver(_) => None,
        })
        .collect()
}

/// The type arguments of `ty` if its path ends in `name<..>`.
pub fn generic_types(ty: &Type, name: &str) -> Option<Vec<Type>> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    args.args
        .iter()
        .map(|arg| match arg {
            GenericArgument::Type(ty) => Some(ty.clone()),
            _ => None,
        })
        .collect()
}

/// Whether `ty` is the plain path `..::name`.
pub fn last_segment_is(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|s| s.ident == name && s.arguments.is_empty()))
}

/// `T` and `E` of the return type `Result<T, E>`.
pub fn result_types(output: &ReturnType) -> Option<(Type, Type)> {
    let ReturnType::Type(_, ty) = output else {
        return None;
    };
    let [ok, err] = generic_types(ty, "Result")?.try_into().ok()?;
    Some((ok, err))
}

/// Reports a return type that is not what the function must return.
pub fn report_return(sig: &syn::Signature, message: String, diagnostics: &mut Diagnostics) {
    match &sig.output {
        ReturnType::Type(_, ty) => diagnostics.error(ty, message),
        ReturnType::Default => diagnostics.error_at(sig.paren_token.span.close(), message),
    }
}

/// A type as messages show it: `&str`, not `& str`.
pub fn shown(ty: &Type) -> String {
    ty.to_token_stream().to_string().replace("& ", "&")
}

/// What is wrong with where the function `name` sits in its page file: in a block, or a
/// second one.
pub fn place_message(role: &Role, page: &PageFile, name: &syn::Ident) -> Option<String> {
    let Role { what, next, .. } = role;
    Some(match page.place_problem(role.attribute, name)? {
        PlaceProblem::Misplaced(Place::Impl(ty) | Place::Trait(ty)) => format!(
            "`{name}` is an associated function of `{ty}`: a {what} must be exported from the page, not attached to the page's component (Next.js: \"{next} can not be attached to a page's component and must be exported from the page\"). Move it out of the block to the top level of `{}`.",
            page.shown()
        ),
        PlaceProblem::Misplaced(Place::Nested | Place::TopLevel) => format!(
            "`{name}` is declared inside another item: a {what} must be declared at the top level of `{}`.",
            page.shown()
        ),
        PlaceProblem::Duplicate(first) => format!(
            "`{}` already has a {what}, `{}`: a page has exactly one. Merge `{name}` into `{}` or remove it.",
            page.shown(),
            first.name,
            first.name
        ),
    })
}

/// A generated `serialize` body: the props serialized, checked at the user's props type
/// (a missing `Serialize` is reported there, once).
pub fn serialize_props(props_ty: &Type) -> TokenStream {
    let serialize_props = path_at(SERIALIZE_PROPS, props_ty.span());
    quote_spanned! {props_ty.span()=>
        #serialize_props::<#props_ty>(__next_props)
    }
}

/// `result` (the user's function, awaited) with its error turned into the framework's,
/// checked at the user's error type.
pub fn convert_error(error_ty: &Type, result: TokenStream) -> TokenStream {
    let error_from = path_at(ERROR, error_ty.span());
    quote_spanned! {error_ty.span()=>
        ::core::result::Result::map_err(#result, #error_from::from)
    }
}

/// `__next_arg0`, `__next_arg1`...: the generated names of `count` parameters after `ctx`.
pub fn arg_names(count: usize) -> Vec<proc_macro2::Ident> {
    (0..count)
        .map(|i| quote::format_ident!("__next_arg{i}"))
        .collect()
}
