//! Static generation and incremental regeneration (Next's `getStaticProps`,
//! `getStaticPaths`, `revalidate` and `res.revalidate`): the types a page file's
//! `#[get_static_props]` and `#[get_static_paths]` functions take and return, the contract
//! their macros implement, the store generated pages persist in, and on-demand
//! revalidation. Serving them is `site/generated.rs`; generating them at start-up is
//! `site/prerender.rs`.

mod function;
mod paths;
mod props;
mod revalidate;
mod state;
mod store;

pub use function::{
    static_paths, static_props, static_state, StaticExtractor, StaticOutcome, StaticPathsFn,
    StaticPropsFn, StaticPropsFunction, StaticRender,
};
pub(crate) use paths::encode_segment;
pub(crate) use paths::PathSpec;
pub use paths::{Fallback, StaticPath, StaticPaths, StaticPathsContext};
pub(crate) use props::StaticKind;
pub use props::{Revalidate, StaticContext, StaticProps};
pub use revalidate::{revalidate, Revalidated};
pub use state::State;
pub use store::{FsStore, PageKey, PageStore, StoreError, StoreFuture, StoredKind, StoredPage};
