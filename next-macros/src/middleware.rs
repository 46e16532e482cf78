//! `#[middleware]`: the one function of `src/middleware.rs`, run before every request its
//! matcher matches. Its argument, `matcher = [...]`, is checked here with Next's
//! path-to-regexp grammar, each bad pattern reported at its own literal.

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::parse::Parser;
use syn::punctuated::Punctuated;

use next_conventions::files::{MIDDLEWARE_ENTRY, MIDDLEWARE_FILE};
use next_conventions::pattern::Pattern;

use crate::diagnostics::{free_async_fn, item_with_errors, parse_function, Diagnostics};
use crate::exports::*;
use crate::source_file::{in_middleware_file, Attribute};

const USAGE: &str = "`pub async fn middleware(req: HttpRequest) -> Result<NextResponse, Error>`, with any actix-web extractors of the request's head as parameters";

/// The attribute's argument: the matcher's patterns (empty: every request).
struct Args {
    matcher: Vec<syn::LitStr>,
}

pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand_in(in_middleware_file(), attr, item)
}

/// Parse, validate (the argument, the function, its file), expand. `location`: `Err`
/// with the file's path when it is not `src/middleware.rs`.
pub fn expand_in(
    location: Result<(), String>,
    attr: TokenStream,
    item: TokenStream,
) -> TokenStream {
    let (function, mut diagnostics) = match parse_function(Attribute::Middleware, USAGE, item) {
        Ok(parsed) => parsed,
        Err(output) => return output,
    };
    let args = parse_args(attr, &mut diagnostics);
    validate(&function, &args, location, &mut diagnostics);
    match diagnostics.finish() {
        Ok(()) => generate(&function, &args),
        Err(error) => item_with_errors(function.into_token_stream(), error),
    }
}

/// `matcher = "/a"` or `matcher = ["/a", "/b/:path*"]`; nothing at all for every request.
fn parse_args(attr: TokenStream, diagnostics: &mut Diagnostics) -> Args {
    let mut args = Args {
        matcher: Vec::new(),
    };
    if attr.is_empty() {
        return args;
    }
    let parsed = match Punctuated::<syn::MetaNameValue, syn::Token![,]>::parse_terminated
        .parse2(attr.clone())
    {
        Ok(parsed) => parsed,
        Err(_) => {
            diagnostics.error(attr, "`#[middleware]` takes `matcher = [\"/path/:param*\", ...]`, or nothing to run for every request");
            return args;
        }
    };
    for meta in parsed {
        if !meta.path.is_ident("matcher") {
            diagnostics.error(&meta.path, "`#[middleware]` knows one argument, `matcher`: `#[middleware(matcher = [\"/dashboard/:path*\"])]`");
            continue;
        }
        let literals: Vec<&syn::Expr> = match &meta.value {
            syn::Expr::Array(array) => array.elems.iter().collect(),
            single => vec![single],
        };
        for expr in literals {
            match expr {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(lit), .. }) => args.matcher.push(lit.clone()),
                other => diagnostics.error(other, "a matcher is a string literal, such as \"/dashboard/:path*\": Next reads matchers when the app builds, never at run time"),
            }
        }
    }
    args
}

fn validate(
    function: &syn::ItemFn,
    args: &Args,
    location: Result<(), String>,
    diagnostics: &mut Diagnostics,
) {
    for lit in &args.matcher {
        let source = lit.value();
        if !source.starts_with('/') {
            diagnostics.error(
                lit,
                format!("the matcher {source:?} must start with `/`: write \"/{source}\""),
            );
            continue;
        }
        if let Err(error) = Pattern::matcher(&source) {
            let caret = match error.caret(&source) {
                Some(caret) => format!("\n\n{caret}"),
                None => String::new(),
            };
            diagnostics.error(lit, format!("Invalid source '{source}': {error}{caret}\nMatchers use Next's path syntax: `/blog/:slug`, `/docs/:path*`, `/post/:id(\\\\d+)`, `/((?!api|_next).*)`."));
        }
    }
    let name = &function.sig.ident;
    free_async_fn(
        &function.sig,
        "the middleware",
        USAGE,
        MIDDLEWARE_FILE,
        diagnostics,
    );
    if let Err(shown) = location {
        diagnostics.error_at(
            Span::call_site(),
            format!("`#[middleware]` is used in `{shown}`: the middleware lives in `{MIDDLEWARE_FILE}` (one `#[middleware]` function, which the build script finds like the pages); move `{name}` there."),
        );
    }
}

fn generate(function: &syn::ItemFn, args: &Args) -> TokenStream {
    let name = &function.sig.ident;
    // A wrong return type is reported at the user's return type.
    let output_span = match &function.sig.output {
        syn::ReturnType::Type(_, ty) => syn::spanned::Spanned::span(&**ty),
        syn::ReturnType::Default => name.span(),
    };
    let (middleware_def, call_middleware) =
        (path(MIDDLEWARE_DEF), path_at(CALL_MIDDLEWARE, output_span));
    let entry = syn::Ident::new(MIDDLEWARE_ENTRY, Span::call_site());
    let matcher = &args.matcher;
    quote! {
        #function

        /// The middleware's entry in the generated route table.
        #[doc(hidden)]
        #[allow(dead_code)]
        pub const #entry: #middleware_def = #middleware_def {
            matcher: &[#(#matcher),*],
            run: |__next_req| #call_middleware(#name, __next_req),
        };
    }
}
