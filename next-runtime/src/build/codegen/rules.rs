//! `RULES`: `build.rs`'s redirects, rewrites and header rules as static data for the
//! runtime, which compiles their patterns once at start-up.

use proc_macro2::TokenStream;
use quote::quote;

use next_conventions::exports::{
    tokens as path, CONDITION, CONDITION_KIND, RULE, RULES, RULE_ACTION,
};

use crate::build::rules::{Has, HasKind, Matching, Phase, UrlRules};

/// The `RULES` static and the `.rules(&RULES)` call, or nothing without rules.
pub(super) fn rules(rules: &UrlRules) -> (Option<TokenStream>, Option<TokenStream>) {
    if rules.is_empty() {
        return (None, None);
    }
    let (rules_type, action) = (path(RULES), path(RULE_ACTION));
    let headers = rules.headers.iter().map(|rule| {
        let pairs = rule
            .headers
            .iter()
            .map(|(name, value)| quote! { (#name, #value) });
        rule_tokens(&rule.on, quote! { #action::Headers(&[#(#pairs),*]) })
    });
    let redirects = rules.redirects.iter().map(|rule| {
        let (destination, status) = (&rule.destination, rule.status);
        rule_tokens(
            &rule.on,
            quote! { #action::Redirect { destination: #destination, status: #status } },
        )
    });
    let phase = |phase: Phase| {
        let list = rules
            .rewrites
            .iter()
            .filter(move |rule| rule.phase == phase);
        let action = action.clone();
        list.map(move |rule| {
            let destination = &rule.destination;
            rule_tokens(
                &rule.on,
                quote! { #action::Rewrite { destination: #destination } },
            )
        })
    };
    let (before_files, after_files, fallback) = (
        phase(Phase::BeforeFiles),
        phase(Phase::AfterFiles),
        phase(Phase::Fallback),
    );
    let definition = quote! {
        /// The redirects, rewrites and header rules of `build.rs`.
        static RULES: #rules_type = #rules_type {
            headers: &[#(#headers),*],
            redirects: &[#(#redirects),*],
            before_files: &[#(#before_files),*],
            after_files: &[#(#after_files),*],
            fallback: &[#(#fallback),*],
        };
    };
    (Some(definition), Some(quote! { .rules(&RULES) }))
}

fn rule_tokens(on: &Matching, action: TokenStream) -> TokenStream {
    let rule = path(RULE);
    let source = &on.source;
    let base_path = on.base_path;
    let (has, missing) = (conditions(&on.has), conditions(&on.missing));
    quote! {
        #rule { source: #source, has: &[#(#has),*], missing: &[#(#missing),*], base_path: #base_path, action: #action }
    }
}

fn conditions(list: &[Has]) -> Vec<TokenStream> {
    let (condition, kind_type) = (path(CONDITION), path(CONDITION_KIND));
    list.iter()
        .map(|has| {
            let kind = match has.kind {
                HasKind::Header => quote! { Header },
                HasKind::Cookie => quote! { Cookie },
                HasKind::Query => quote! { Query },
                HasKind::Host => quote! { Host },
            };
            let key = &has.key;
            let value = match &has.value {
                Some(value) => quote! { Some(#value) },
                None => quote! { None },
            };
            quote! { #condition { kind: #kind_type::#kind, key: #key, value: #value } }
        })
        .collect()
}
