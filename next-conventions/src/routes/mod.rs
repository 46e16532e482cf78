//! The route grammar shared by build time and request time: file names become segments,
//! segments form a tree in Next.js's priority order. Pure std, so both the `build` and the
//! `runtime` features use this one copy.

mod segment;
mod tree;

pub use segment::{parse_pattern, Segment, SegmentError};
pub use tree::{display_path, RouteTree, RouteTreeError};

#[cfg(test)]
mod tests;
