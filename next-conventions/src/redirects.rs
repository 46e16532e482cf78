//! What Next.js accepts as a redirect's status, wherever a redirect is made: a props
//! function's `Redirect`, `build.rs`'s redirect rules, the middleware's `NextResponse`.

/// The statuses a redirect may have (Next's `allowedStatusCodes`, `redirect-status.ts`).
pub const STATUSES: [u16; 5] = [301, 302, 303, 307, 308];
