#![warn(missing_docs)]
//! The conventions of a next-runtime app, defined once and shared by the places that
//! need them, the build script, the macros, the runtime and `cargo next` (as `actix-router`
//! is shared by actix-web and its codegen):
//!
//! - [`routes`]: the route grammar (file names to segments, Next's priority order), used by
//!   the build script to order and check the page tree and by the runtime to match;
//! - [`files`]: where pages live, which files are special (`_app`, `_document`, `404`,
//!   `500`), which are API routes, and the entry items each kind of file exports;
//! - [`public`]: the public folder, the URLs its files are served at and the hashed URLs
//!   `asset!` gives them;
//! - [`attributes`]: the attributes that mark a page file's functions;
//! - [`dev`]: what `cargo next dev` and the apps it runs agree on;
//! - [`redirects`]: the statuses a redirect may have;
//! - `pattern` (feature `pattern`): Next's path patterns (path-to-regexp), for config rules
//!   and middleware matchers;
//! - [`exports`]: every path generated code names, all under `::next_runtime::__private`;
//! - `marked` (feature `syn`): which functions of a page file are marked, for the build
//!   script and the macros.
//!
//! Users never depend on this crate directly: `next-runtime` re-exports what they need.

pub mod attributes;
pub mod dev;
pub mod exports;
pub mod files;
#[cfg(feature = "syn")]
pub mod marked;
#[cfg(feature = "pattern")]
pub mod pattern;
pub mod public;
pub mod redirects;
pub mod routes;
