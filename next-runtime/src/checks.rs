//! Type contracts between a page and its props function, checked by the code `#[page]` and
//! `#[get_server_side_props]` generate. The messages are ours (`on_unimplemented`) and the
//! generated calls carry the user's spans, so errors land on the user's own types.

use std::future::Future;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::Serialize;

use crate::{Context, Error, ServerSideProps};

/// The contract between the two macros: `#[get_server_side_props]` emits one hidden type in
/// the page's module, `__NextPropsFn`, implementing this; `#[page]` hands it to
/// [`crate::handler::server_side`], which runs it and renders the page with its `Props`.
/// Nothing else of the props function is named by generated code.
pub trait PropsFunction: 'static {
    /// What the props function returns in `ServerSideProps<Props>`, and the page takes.
    type Props: 'static;

    /// What its parameters after `ctx` take, as a tuple of the extractors' outputs.
    type Extracted: 'static;

    /// Runs the parameters' extractors, in order, on the request the page answers; the
    /// first that fails is the answer (its status, as in any actix-web app).
    fn extract(
        req: HttpRequest,
        payload: Payload,
    ) -> impl Future<Output = Result<Self::Extracted, actix_web::Error>> + 'static;

    /// Runs the user's props function, its error turned into the framework's.
    fn call(
        ctx: Context,
        extracted: Self::Extracted,
    ) -> impl Future<Output = Result<ServerSideProps<Self::Props>, Error>> + 'static;

    /// Serializes the props once, for both the HTML payload and the data route.
    fn serialize(props: &Self::Props) -> Result<String, SerializeError>;
}

/// A props function's parameter after `ctx`: anything actix-web can extract from a request.
#[diagnostic::on_unimplemented(
    message = "a props function cannot take `{Self}`: it is not an actix-web extractor",
    label = "the parameters after `ctx` must implement `actix_web::FromRequest`",
    note = "take app state as `web::Data<T>`, the query as `web::Query<T>`, a posted form as `Option<web::Form<T>>` (`None` on GET), a body as `web::Json<T>` or `web::Bytes`; or implement `FromRequest` for `{Self}`"
)]
pub trait PropsExtractor: FromRequest + 'static {}

#[diagnostic::do_not_recommend]
impl<T: FromRequest + 'static> PropsExtractor for T {}

/// Extracts one parameter of a props function. The generated call is spanned at the
/// parameter's type, so a type that is no extractor is reported there.
pub async fn extract<T: PropsExtractor>(
    req: &HttpRequest,
    payload: &mut Payload,
) -> Result<T, actix_web::Error> {
    T::from_request(req, payload).await.map_err(Into::into)
}

/// An edge props function's parameter after `ctx`: its value crosses to the edge future,
/// which must be `Send`.
#[diagnostic::on_unimplemented(
    message = "an edge props function cannot take `{Self}`: it is not `Send`",
    label = "an edge props function's future is `Send`, so what it takes must be `Send` too",
    note = "`web::Data<T>` (with `T: Send + Sync`), `web::Query<T>`, `web::Form<T>`, `web::Json<T>` and `web::Bytes` are; `HttpRequest` and `Rc`-based extractors are not: remove `runtime = \"edge\"` to take them"
)]
pub trait EdgeExtracted: Send {}

#[diagnostic::do_not_recommend]
impl<T: Send> EdgeExtracted for T {}

/// Passes an extracted value to an edge props function, checked at its parameter's type.
pub fn edge_extracted<T: EdgeExtracted>(value: T) -> T {
    value
}

/// Passes props from the props function to the page; implemented only when both sides
/// agree on the type.
#[diagnostic::on_unimplemented(
    message = "the page takes `{T}`, but its props function returns `ServerSideProps<{Self}>`",
    label = "expected `{Self}` here, the props type of the `#[get_server_side_props]` function",
    note = "a page receives exactly what its props function returns: change this parameter's type to `{Self}`, or make the props function return `ServerSideProps<{T}>`"
)]
pub trait PageTakes<T> {
    /// The props, as the page takes them.
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
///
/// Plain `serde_json` first: tracking the path costs about as much again as serializing,
/// so only props that fail are serialized a second time, to say where they failed.
pub fn serialize_props<P: SerializableProps>(props: &P) -> Result<String, SerializeError> {
    let mut json = Vec::with_capacity(256);
    if serde_json::to_writer(&mut json, props).is_ok() {
        return Ok(String::from_utf8(json).expect("serde_json writes UTF-8"));
    }
    json.clear();
    let error =
        match serde_path_to_error::serialize(props, &mut serde_json::Serializer::new(&mut json)) {
            Err(error) => error,
            // A `Serialize` that failed once and not twice: no path to give.
            Ok(()) => return Ok(String::from_utf8(json).expect("serde_json writes UTF-8")),
        };
    Err(SerializeError {
        path: js_path(error.path()),
        reason: error.inner().to_string(),
    })
}

/// Props that could not be serialized, and where in them.
#[derive(Debug)]
pub struct SerializeError {
    /// Next's notation: `.a.b`, `[0]`, `["weird key"]`; empty for the props themselves.
    path: String,
    reason: String,
}

impl SerializeError {
    /// Next's message for it, naming the page.
    pub(crate) fn message(&self, page: &str) -> String {
        self.message_from("getServerSideProps", page)
    }

    /// Next's message for it, naming the function (`getStaticProps`) and the page.
    pub(crate) fn message_from(&self, function: &str, page: &str) -> String {
        let what = if self.path.is_empty() {
            "props".to_owned()
        } else {
            format!("`{}`", self.path)
        };
        format!(
            "Error serializing {what} returned from `{function}` in \"{page}\".\nReason: {}",
            self.reason
        )
    }
}

fn js_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => push_key(&mut out, key),
            Segment::Enum { variant } => push_key(&mut out, variant),
            Segment::Unknown => out.push_str(".?"),
        }
    }
    out
}

fn push_key(out: &mut String, key: &str) {
    let identifier = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if identifier {
        out.push('.');
        out.push_str(key);
    } else {
        out.push_str(&format!("[{}]", crate::render::json_string(key)));
    }
}
