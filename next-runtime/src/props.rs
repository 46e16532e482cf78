//! What a props function returns: props, not found, or a redirect.

use actix_web::http::StatusCode;

/// The result of a `#[get_server_side_props]` function, Next.js's
/// `{ props } | { notFound: true } | { redirect }`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServerSideProps<P> {
    /// Render the page with these props (`{ props }`).
    Props(P),
    /// Answer 404 with the not-found page (`{ notFound: true }`).
    NotFound,
    /// Redirect instead of rendering (`{ redirect }`).
    Redirect(Redirect),
}

impl<P> ServerSideProps<P> {
    /// Render the page with `props`.
    pub fn props(props: P) -> Self {
        ServerSideProps::Props(props)
    }

    /// Answer 404 with `pages/404.rs` (or the default not-found page).
    pub fn not_found() -> Self {
        ServerSideProps::NotFound
    }

    /// Answer with a redirect.
    pub fn redirect(redirect: Redirect) -> Self {
        ServerSideProps::Redirect(redirect)
    }
}

/// Where and how to redirect. Build one with [`Redirect::permanent`],
/// [`Redirect::temporary`] or [`Redirect::with_status`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    destination: String,
    status: StatusCode,
    base_path: bool,
}

impl Redirect {
    /// `308 Permanent Redirect` (Next's `permanent: true`).
    pub fn permanent(destination: impl Into<String>) -> Self {
        Self::with_status(destination, StatusCode::PERMANENT_REDIRECT)
    }

    /// `307 Temporary Redirect` (Next's `permanent: false`).
    pub fn temporary(destination: impl Into<String>) -> Self {
        Self::with_status(destination, StatusCode::TEMPORARY_REDIRECT)
    }

    /// A redirect with an explicit status (Next's `statusCode`). Next.js allows 301, 302,
    /// 303, 307 and 308; any other status is reported when the response is built.
    pub fn with_status(destination: impl Into<String>, status: StatusCode) -> Self {
        Redirect {
            destination: destination.into(),
            status,
            base_path: true,
        }
    }

    /// A local destination is not put under the app's base path (Next's
    /// `basePath: false`): `/other-app` stays `/other-app` in an app at `/shop`.
    pub fn outside_base_path(mut self) -> Self {
        self.base_path = false;
        self
    }

    /// Whether a local destination goes under the app's base path (the default).
    pub fn under_base_path(&self) -> bool {
        self.base_path
    }

    /// Where the browser is sent.
    pub fn destination(&self) -> &str {
        &self.destination
    }

    /// The status the response will carry.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}
