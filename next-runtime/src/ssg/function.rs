//! The contract between `#[get_static_props]`, `#[get_static_paths]` and `#[page]`: the
//! hidden adapters they generate, and the checks those adapters make at the user's types.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use actix_web::web::Data;
use futures_util::future::LocalBoxFuture;
use futures_util::FutureExt;

use super::paths::{StaticPaths, StaticPathsContext};
use super::props::{StaticContext, StaticKind, StaticProps};
use super::state::State;
use crate::checks::SerializeError;
use crate::handler::{panic_error, render_page};
use crate::shell::Page;
use crate::Error;

/// `#[get_static_props]` emits one hidden type, `__NextStaticPropsFn`, implementing this;
/// `#[page]` hands it to [`static_props`].
pub trait StaticPropsFunction: 'static {
    /// What the function returns in `StaticProps<Props>`, and the page takes.
    type Props: 'static;

    /// What its parameters after `ctx` take, from the app state, as a tuple.
    type Extracted: 'static;

    /// Takes each parameter after `ctx` from the app state, in order.
    fn extract(state: &State) -> Result<Self::Extracted, Error>;

    /// Runs the user's function, its error turned into the framework's.
    fn call(
        ctx: StaticContext,
        extracted: Self::Extracted,
    ) -> impl Future<Output = Result<StaticProps<Self::Props>, Error>> + 'static;

    /// Serializes the props once, for the document and the data route.
    fn serialize(props: &Self::Props) -> Result<String, SerializeError>;
}

/// A static props or static paths function's parameter after `ctx`: app state given to
/// `Settings::state`.
#[diagnostic::on_unimplemented(
    message = "a static props function cannot take `{Self}`: it runs without a request, so it takes only app state",
    label = "take app state as `web::Data<T>`, given to `Settings::state`",
    note = "`#[get_static_props]` and `#[get_static_paths]` run at start-up and in the background, not for a request: take `web::Data<T>` for a database pool or a client, and register it with `Settings::from_env().state(web::Data::new(value))`"
)]
pub trait StaticExtractor: Sized + 'static {
    /// The value, from the site's app state.
    fn from_state(state: &State) -> Result<Self, Error>;
}

impl<T: Send + Sync + 'static> StaticExtractor for Data<T> {
    fn from_state(state: &State) -> Result<Self, Error> {
        state.get::<T>().ok_or_else(|| {
            let given = match state.type_names() {
                names if names.is_empty() => "none".to_owned(),
                names => names.join(", "),
            };
            Error::msg(format!(
                "it takes `web::Data<{}>`, which was not given to `Settings::state` (given: {given}). Add `.state(web::Data::new(..))` to the settings the app is mounted with.",
                std::any::type_name::<T>()
            ))
        })
    }
}

/// One parameter of a static props or paths function, from the app state; the generated
/// call is spanned at the parameter's type.
pub fn static_state<T: StaticExtractor>(state: &State) -> Result<T, Error> {
    T::from_state(state)
}

/// A static props function's run, rendered: what a generated page is made of.
pub struct StaticOutcome {
    pub(crate) kind: StaticKind<Rendered>,
    /// Seconds before the page is regenerated; `None`: never.
    pub(crate) revalidate: Option<u32>,
}

/// Props as JSON, and the page rendered with them.
pub(crate) struct Rendered {
    pub json: String,
    pub page: Page,
}

/// A page's static props function, type-erased for the route table.
pub type StaticPropsFn =
    fn(StaticContext, State, &'static str) -> LocalBoxFuture<'static, Result<StaticOutcome, Error>>;

/// A dynamic page's static paths function, type-erased for the route table.
pub type StaticPathsFn =
    fn(StaticPathsContext, State) -> LocalBoxFuture<'static, Result<StaticPaths, Error>>;

/// What `#[page]` generates for a page with a static props function.
#[derive(Clone, Copy)]
pub struct StaticRender {
    /// Runs the props function and renders the page.
    pub props: StaticPropsFn,
    /// `#[get_static_paths]`, on a dynamic page.
    pub paths: Option<StaticPathsFn>,
}

/// Runs a static props function, then the page with its props; a panic in either is an
/// `Error`.
pub fn static_props<F: StaticPropsFunction>(
    ctx: StaticContext,
    state: State,
    page_pattern: &'static str,
    page: fn(F::Props) -> Page,
) -> LocalBoxFuture<'static, Result<StaticOutcome, Error>> {
    let rendering = ctx.rendering;
    Box::pin(async move {
        let extracted = F::extract(&state)
            .map_err(|error| error.context(format!("getStaticProps of \"{page_pattern}\"")))?;
        let result = AssertUnwindSafe(F::call(ctx, extracted))
            .catch_unwind()
            .await
            .map_err(|panic| panic_error("getStaticProps", page_pattern, panic))??;
        let revalidate = check_revalidate(result.revalidate.0, page_pattern)?;
        let kind = match result.kind {
            StaticKind::Props(props) => {
                let json = std::panic::catch_unwind(AssertUnwindSafe(|| F::serialize(&props)))
                    .map_err(|panic| panic_error("serializing the props", page_pattern, panic))?
                    .map_err(|err| Error::msg(err.message_from("getStaticProps", page_pattern)))?;
                let page = render_page(page_pattern, rendering, || page(props))?;
                StaticKind::Props(Rendered { json, page })
            }
            StaticKind::NotFound => StaticKind::NotFound,
            StaticKind::Redirect(redirect) => StaticKind::Redirect(redirect),
        };
        Ok(StaticOutcome { kind, revalidate })
    })
}

/// Next's check of `revalidate`: zero is no interval.
fn check_revalidate(revalidate: Option<u32>, page: &str) -> Result<Option<u32>, Error> {
    if revalidate == Some(0) {
        return Err(Error::msg(format!(
            "A page's revalidate option can not be less than or equal to zero for {page}. A revalidate option of zero means to revalidate after _every_ request, and implies stale data cannot be tolerated. To achieve this behavior, use #[get_server_side_props]; for a page that is never regenerated, return `.revalidate(false)` (the default)."
        )));
    }
    Ok(revalidate)
}

/// Runs a static paths function, a panic becoming an `Error` (the caller names the page).
pub fn static_paths<Fut>(run: Fut) -> LocalBoxFuture<'static, Result<StaticPaths, Error>>
where
    Fut: Future<Output = Result<StaticPaths, Error>> + 'static,
{
    Box::pin(async move {
        AssertUnwindSafe(run)
            .catch_unwind()
            .await
            .map_err(|panic| {
                let message = crate::handler::panic_message(&*panic);
                Error::msg(format!("getStaticPaths panicked: {message}"))
            })?
    })
}
