//! The paths the expansions name, from the one table in `next_conventions::exports`, as
//! tokens carrying the span a diagnostic should point at.

use proc_macro2::{Group, Span, TokenStream, TokenTree};

pub use next_conventions::exports::tokens as path;
pub use next_conventions::exports::*;

/// `export` as tokens at `span`: a type error in a call through it is reported there.
pub fn path_at(export: &str, span: Span) -> TokenStream {
    respan(path(export), span)
}

fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(group) = &token {
                let mut inner = Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                token = TokenTree::Group(inner);
            }
            token.set_span(span);
            token
        })
        .collect()
}
