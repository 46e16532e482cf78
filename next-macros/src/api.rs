//! `#[api]`: an API route's handler, an ordinary actix-web handler in a file under
//! `src/pages/api/`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};

use crate::diagnostics::{
    free_async_fn, item_with_errors, no_arguments, parse_function, Diagnostics,
};
use crate::exports::*;
use crate::source_file::{locate, Attribute, Location};

const USAGE: &str = "`pub async fn handler(req: HttpRequest) -> HttpResponse`, with any actix-web extractors as parameters";

pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand_in(locate(), attr, item)
}

/// Parse, validate (the function, then its place in `location`), expand.
pub fn expand_in(location: Location, attr: TokenStream, item: TokenStream) -> TokenStream {
    let (function, mut diagnostics) = match parse_function(Attribute::Api, USAGE, item) {
        Ok(parsed) => parsed,
        Err(output) => return output,
    };
    no_arguments(Attribute::Api, &attr, &mut diagnostics);
    validate(&function, location, &mut diagnostics);
    match diagnostics.finish() {
        Ok(()) => generate(&function),
        Err(error) => item_with_errors(function.into_token_stream(), error),
    }
}

fn validate(function: &syn::ItemFn, location: Location, diagnostics: &mut Diagnostics) {
    let name = &function.sig.ident;
    free_async_fn(
        &function.sig,
        "the API handler",
        USAGE,
        "its file",
        diagnostics,
    );
    match location {
        Location::Page(page) if page.is_api() => {}
        Location::Page(page) => diagnostics.error_at(
            Span::call_site(),
            format!("`#[api]` is used in `{}`, which is a page: API routes live under `src/pages/api/` (a page uses `#[page]`).", page.shown()),
        ),
        Location::Outside { shown } => diagnostics.error_at(
            Span::call_site(),
            format!("`#[api]` is used in `{shown}`, which is not under `src/pages/api/`: move `{name}` to a file such as `src/pages/api/{name}.rs`; the file's path becomes its URL."),
        ),
        Location::Unknown => {}
    }
}

fn generate(function: &syn::ItemFn) -> TokenStream {
    let name = &function.sig.ident;
    let (page_handler, call_api) = (path(PAGE_HANDLER), path(CALL_API));
    quote! {
        #function

        /// This API route's entry in the generated route table.
        #[doc(hidden)]
        #[allow(dead_code)]
        pub const __NEXT_PAGE: #page_handler =
            #page_handler::Api(|__next_req, __next_payload| {
                #call_api(#name, __next_req, __next_payload)
            });
    }
}
