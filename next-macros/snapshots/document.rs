// Expansion of `src/pages/_document.rs`:
//
// #[page]
// pub fn document() -> Document { Document::default() }

pub fn document() -> Document {
    Document::default()
}
/// The HTML shell, for the generated route table.
#[doc(hidden)]
#[allow(dead_code)]
pub const __NEXT_DOCUMENT: fn() -> ::next_runtime::__private::Document = document;
