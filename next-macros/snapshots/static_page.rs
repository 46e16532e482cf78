// Expansion of `src/pages/about.rs`:
//
// #[page]
// pub fn page() -> Markup { html! { h1 { "About" } } }

pub fn page() -> Markup {
    html! {
        h1 { "About" }
    }
}
/// This page's entry in the generated route table.
#[doc(hidden)]
#[allow(dead_code)]
pub const __NEXT_PAGE: ::next_runtime::__private::PageHandler = ::next_runtime::__private::PageHandler::Static(|| -> ::next_runtime::__private::Page {
    ::next_runtime::__private::IntoPage::into_page(page())
});
