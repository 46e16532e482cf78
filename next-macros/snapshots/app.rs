// Expansion of `src/pages/_app.rs`:
//
// #[page]
// pub fn app(page: Markup) -> Markup { page }

pub fn app(page: Markup) -> Markup {
    page
}
/// The layout around every page, for the generated route table.
#[doc(hidden)]
#[allow(dead_code)]
pub const __NEXT_APP: fn(
    ::next_runtime::__private::Markup,
) -> ::next_runtime::__private::Markup = app;
