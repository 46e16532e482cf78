//! Type contracts between a page and its props function, checked by the code `#[page]` and
//! `#[get_server_side_props]` generate. The messages are ours (`on_unimplemented`) and the
//! generated calls carry the user's spans, so errors land on the user's own types.

use serde::Serialize;

/// Passes props from the props function to the page; implemented only when both sides
/// agree on the type.
#[diagnostic::on_unimplemented(
    message = "the page takes `{T}`, but its props function returns `ServerSideProps<{Self}>`",
    label = "expected `{Self}` here, the props type of the `#[get_server_side_props]` function",
    note = "a page receives exactly what its props function returns: change this parameter's type to `{Self}`, or make the props function return `ServerSideProps<{T}>`"
)]
pub trait PageTakes<T> {
    fn into_page_props(self) -> T;
}

impl<T> PageTakes<T> for T {
    fn into_page_props(self) -> T {
        self
    }
}

/// Props end up as JSON in the page's `__NEXT_DATA__`, so they must be `Serialize`.
#[diagnostic::on_unimplemented(
    message = "props type `{Self}` does not implement `serde::Serialize`",
    label = "props are sent to the browser as JSON, so this type must implement `Serialize`",
    note = "add `#[derive(serde::Serialize)]` to `{Self}`"
)]
pub trait SerializableProps: Serialize + 'static {}

// Report the missing `SerializableProps` (our message), not rustc's list of `Serialize` types.
#[diagnostic::do_not_recommend]
impl<T: Serialize + 'static> SerializableProps for T {}

/// Serializes props to JSON. `#[get_server_side_props]` calls it spanned at the user's props
/// type, so a missing `Serialize` is reported there, once.
pub fn serialize_props<P: SerializableProps>(props: &P) -> Result<String, serde_json::Error> {
    serde_json::to_string(props)
}
