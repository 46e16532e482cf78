//! Collects every error a macro finds, so the user sees all of them at once.

use proc_macro2::TokenStream;
use quote::ToTokens;

#[derive(Default)]
pub struct Diagnostics(Option<syn::Error>);

impl Diagnostics {
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(existing) => existing.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub fn error(&mut self, spanned: impl ToTokens, message: impl std::fmt::Display) {
        self.push(syn::Error::new_spanned(spanned, message));
    }

    pub fn error_at(&mut self, span: proc_macro2::Span, message: impl std::fmt::Display) {
        self.push(syn::Error::new(span, message));
    }

    /// `Ok(())` when nothing was reported.
    pub fn finish(self) -> Result<(), syn::Error> {
        self.0.map_or(Ok(()), Err)
    }
}

/// The user's item followed by the errors, so rust-analyzer keeps seeing the item.
pub fn item_with_errors(item: TokenStream, error: syn::Error) -> TokenStream {
    let errors = error.to_compile_error();
    quote::quote! { #item #errors }
}

/// Reports arguments given to an attribute that takes none.
pub fn no_arguments(attribute: &str, attr: &TokenStream, diagnostics: &mut Diagnostics) {
    if !attr.is_empty() {
        diagnostics.error(attr, format!("`#[{attribute}]` takes no arguments"));
    }
}

/// The common start of every attribute: the item must be a function.
/// `Err` holds the output to return as is: the item with the error.
pub fn parse_function(
    attribute: &str,
    usage: &str,
    item: TokenStream,
) -> Result<(syn::ItemFn, Diagnostics), TokenStream> {
    let diagnostics = Diagnostics::default();
    match syn::parse2(item.clone()) {
        Ok(function) => Ok((function, diagnostics)),
        Err(_) => Err(item_with_errors(
            item,
            syn::Error::new(
                proc_macro2::Span::call_site(),
                format!("`#[{attribute}]` goes on a function: {usage}"),
            ),
        )),
    }
}
