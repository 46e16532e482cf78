//! On-demand revalidation (Next's `res.revalidate(path)`).

use crate::Error;

/// What [`revalidate`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Revalidated {
    /// A page of a static props function was generated again and now serves the result.
    Regenerated,
    /// Its static props function now says `not_found`: the path answers 404.
    NotFound,
    /// A page of a props function: this many shared-cache entries of the path (every
    /// query, host and kind) were dropped, in this instance's memory and, when the
    /// instances share Redis, there; so its next request renders afresh.
    Purged(usize),
}

/// Regenerates the page at `path` now (Next's `res.revalidate('/posts/1')`), and reports
/// when that fails: the last good page is then kept. For a page with a props function it
/// purges the path's shared-cache entries instead.
///
/// `path` is the page's path as visitors request it, without the base path, with the
/// locale prefix for a locale other than the default: `/posts/1`, `/fr/posts/1`. Call it
/// from an API route (a CMS webhook), a props function or the middleware, once the site is
/// mounted. In a process serving several apps, the app mounted on the calling worker is
/// asked first, and the regeneration uses the settings (app state, store) it was mounted
/// with.
///
/// ```ignore
/// #[api]
/// pub async fn handler(query: web::Query<Hook>) -> HttpResponse {
///     match next_runtime::revalidate(&format!("/posts/{}", query.id)).await {
///         Ok(_) => HttpResponse::Ok().json(serde_json::json!({ "revalidated": true })),
///         Err(error) => HttpResponse::InternalServerError().body(error.to_string()),
///     }
/// }
/// ```
pub async fn revalidate(path: &str) -> Result<Revalidated, Error> {
    crate::site::revalidate(path).await
}
