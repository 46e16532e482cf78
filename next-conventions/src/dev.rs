//! The contract between `cargo next dev` and the apps it runs: the variables it sets, and
//! the paths under which it answers itself in front of the app.
//!
//! The dev server owns the port the browser talks to and forwards every request to the
//! current app process, except those under [`PREFIX`]: the browser client ([`CLIENT_PATH`])
//! and its event stream ([`EVENTS_PATH`]). Each app process it starts gets [`SERVER_ENV`]
//! set to the number of the build it runs, and the runtime then puts [`client_script`] into
//! the head of every HTML page.

/// The environment variable the dev server sets for each app process it starts: the number
/// of the build that process runs (`1`, `2`, ...).
pub const SERVER_ENV: &str = "NEXT_DEV_SERVER";

/// The environment variable that chooses dev mode (`1`) or production (`0`) for an app;
/// `cargo next dev` sets `1`, `cargo next start` sets `0`.
pub const MODE_ENV: &str = "NEXT_DEV";

/// The environment variable that holds the port an app serves on (the dev server sets it to
/// a private port of its own choosing).
pub const PORT_ENV: &str = "PORT";

/// The environment variable `cargo next export` sets for the app it runs: the folder to
/// write the static export to. `pages::prerender` then exports the site there and ends
/// the process instead of returning.
pub const EXPORT_ENV: &str = "NEXT_EXPORT_DIR";

/// Everything under this path is answered by the dev server, never by the app.
pub const PREFIX: &str = "/_next/dev/";

/// The browser client: it reloads the page when a new build serves, swaps changed
/// stylesheets in place, and shows compile errors over the page.
pub const CLIENT_PATH: &str = "/_next/dev/client.js";

/// The client's event stream (`text/event-stream`).
pub const EVENTS_PATH: &str = "/_next/dev/events";

/// The `<script>` tag a page served by build `build` carries, or `None` when `build` is not
/// a build number (the variable was set by hand to something else): nothing the
/// environment holds reaches the HTML unchecked.
pub fn client_script(build: &str) -> Option<String> {
    let number =
        !build.is_empty() && build.len() <= 20 && build.bytes().all(|b| b.is_ascii_digit());
    number.then(|| format!("<script src=\"{CLIENT_PATH}?build={build}\" defer></script>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_build_number_makes_a_script_tag() {
        assert_eq!(
            client_script("12").as_deref(),
            Some("<script src=\"/_next/dev/client.js?build=12\" defer></script>")
        );
        for bad in ["", "1a", "\"><script>", "-1", "123456789012345678901"] {
            assert_eq!(client_script(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_client_and_its_events_are_under_the_prefix() {
        assert!(CLIENT_PATH.starts_with(PREFIX));
        assert!(EVENTS_PATH.starts_with(PREFIX));
    }
}
