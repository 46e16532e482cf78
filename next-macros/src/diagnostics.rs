//! Collects every error a macro finds, so the user sees all of them at once.

use next_conventions::attributes::Attribute;
use proc_macro2::TokenStream;
use quote::ToTokens;

/// The errors of one expansion. It must be [`finish`](Diagnostics::finish)ed: dropping it
/// with errors unreported is a bug in the macro, and panics (as serde_derive's `Ctxt`), so
/// no check can be lost on an early return.
#[derive(Default)]
pub struct Diagnostics {
    errors: Option<syn::Error>,
    finished: bool,
}

impl Diagnostics {
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.errors {
            Some(existing) => existing.combine(error),
            None => self.errors = Some(error),
        }
    }

    pub fn error(&mut self, spanned: impl ToTokens, message: impl std::fmt::Display) {
        self.push(syn::Error::new_spanned(spanned, message));
    }

    pub fn error_at(&mut self, span: proc_macro2::Span, message: impl std::fmt::Display) {
        self.push(syn::Error::new(span, message));
    }

    /// `Ok(())` when nothing was reported.
    pub fn finish(mut self) -> Result<(), syn::Error> {
        self.finished = true;
        self.errors.take().map_or(Ok(()), Err)
    }
}

impl Drop for Diagnostics {
    fn drop(&mut self) {
        if !self.finished && self.errors.is_some() && !std::thread::panicking() {
            panic!("next-macros bug: diagnostics dropped without being reported");
        }
    }
}

/// The user's item followed by the errors, so rust-analyzer keeps seeing the item.
pub fn item_with_errors(item: TokenStream, error: syn::Error) -> TokenStream {
    let errors = error.to_compile_error();
    quote::quote! { #item #errors }
}

/// Reports arguments given to an attribute that takes none.
pub fn no_arguments(attribute: Attribute, attr: &TokenStream, diagnostics: &mut Diagnostics) {
    if !attr.is_empty() {
        let name = attribute.name();
        diagnostics.error(attr, format!("`#[{name}]` takes no arguments"));
    }
}

/// The checks of a handler-like function (`#[api]`, `#[middleware]`): `async`, free, not
/// generic. `what` names it in messages ("the API handler"), `home` is where it lives
/// ("its file").
pub fn free_async_fn(
    sig: &syn::Signature,
    what: &str,
    usage: &str,
    home: &str,
    diagnostics: &mut Diagnostics,
) {
    let name = &sig.ident;
    if sig.asyncness.is_none() {
        diagnostics.error_at(
            sig.fn_token.span,
            format!("{what} `{name}` must be `async`: {usage}."),
        );
    }
    if let Some(receiver) = sig.receiver() {
        diagnostics.error(
            receiver,
            format!(
                "{what} `{name}` takes `self`: it is a free function at the top level of {home}."
            ),
        );
    }
    if !sig.generics.params.is_empty() {
        diagnostics.error(&sig.generics, format!("{what} `{name}` cannot be generic."));
    }
}

/// The common start of every attribute: the item must be a function.
/// `Err` holds the output to return as is: the item with the error.
pub fn parse_function(
    attribute: Attribute,
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
                format!("`#[{}]` goes on a function: {usage}", attribute.name()),
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_is_reported_together() {
        let mut diagnostics = Diagnostics::default();
        diagnostics.error_at(proc_macro2::Span::call_site(), "first");
        diagnostics.error_at(proc_macro2::Span::call_site(), "second");
        let messages: Vec<String> = diagnostics
            .finish()
            .unwrap_err()
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(messages, ["first", "second"]);
        assert!(Diagnostics::default().finish().is_ok());
    }

    #[test]
    #[should_panic(expected = "diagnostics dropped without being reported")]
    fn errors_cannot_be_dropped_unreported() {
        let mut diagnostics = Diagnostics::default();
        diagnostics.error_at(proc_macro2::Span::call_site(), "lost");
    }
}
