//! `build.rs`'s URL rules refused at build time, with Next's messages: what a user sees
//! when `cargo build` fails on a bad rule.

use next_runtime::build::{Config, Has, Headers, Redirect, Rewrite};

fn errors(config: Config) -> Vec<String> {
    match config.site() {
        Ok(_) => panic!("the config must be refused"),
        Err(errors) => errors.0.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn valid_rules_pass() {
    let config = Config::new()
        .redirect(Redirect::permanent("/a/:slug", "/b/:slug"))
        .redirect(Redirect::temporary("/user", "/u/:xuserid").has(Has::header("X-User-Id")))
        .redirect(
            Redirect::temporary("/plan", "/p/:plan")
                .has(Has::query("p").value("(?<plan>pro|team)")),
        )
        .redirect(Redirect::temporary("/h", "https://:host/x").has(Has::host("example.com")))
        .rewrite(Rewrite::new("/docs/:path*", "/manual/:path*").before_files())
        .headers(Headers::on("/(.*)").header("X-Frame-Options", "DENY"));
    assert!(
        config.site().is_ok(),
        "{:?}",
        config.site().err().map(|e| e.to_string())
    );
}

#[test]
fn a_bad_source_is_shown_with_a_caret() {
    let found = errors(Config::new().redirect(Redirect::permanent("/a/:", "/b")));
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0],
        "Invalid redirect: `source` parse failed\n\nError parsing `/a/:` https://nextjs.org/docs/messages/invalid-route-source\nReason: Missing parameter name at 3\n\n  /a/:\n     ^\n for route {\"source\":\"/a/:\",\"destination\":\"/b\",\"permanent\":true}"
    );
    let found = errors(Config::new().rewrite(Rewrite::new("about", "/b")));
    assert_eq!(
        found[0],
        "Invalid rewrite: `source` does not start with / for route {\"source\":\"about\",\"destination\":\"/b\"}"
    );
}

#[test]
fn a_destination_may_use_only_what_the_source_and_has_give() {
    let found =
        errors(Config::new().redirect(Redirect::permanent("/blog/:slug", "/news/:id/:slug")));
    assert_eq!(
        found[0],
        "Invalid redirect: `destination` has segments not in `source` or `has` (id) for route {\"source\":\"/blog/:slug\",\"destination\":\"/news/:id/:slug\",\"permanent\":true}"
    );
    let found = errors(Config::new().rewrite(Rewrite::new("/old/(.*)", "/new/:0")));
    assert!(
        found[0].contains("`destination` has unnamed params :0"),
        "{found:?}"
    );
    let missing_gives_nothing = Rewrite::new("/a", "/b/:beta").missing(Has::cookie("beta"));
    let found = errors(Config::new().rewrite(missing_gives_nothing));
    assert!(
        found[0].contains("segments not in `source` or `has` (beta)"),
        "{found:?}"
    );
}

#[test]
fn statuses_destinations_conditions_and_headers_are_checked() {
    let found = errors(
        Config::new()
            .redirect(Redirect::with_status(302, "/ok", "/fine"))
            .redirect(Redirect::with_status(304, "/a", "/b"))
            .rewrite(Rewrite::new("/a", "b"))
            .rewrite(Rewrite::new("/a", "https://example.com/a"))
            .rewrite(Rewrite::new("/a", "/b").has(Has::query("q").value("(")))
            .rewrite(Rewrite::new("/a", "/b").has(Has::cookie("")))
            .headers(Headers::on("/a")),
    );
    assert_eq!(found.len(), 6, "{found:#?}");
    assert!(found[0].starts_with("Invalid redirect: `statusCode` is not undefined or valid statusCode (use 301, 302, 303, 307 or 308) for route {\"source\":\"/a\",\"destination\":\"/b\",\"statusCode\":304}"), "{found:?}");
    assert!(
        found[1].contains("`destination` does not start with `/`, `http://`, or `https://`"),
        "{found:?}"
    );
    assert!(
        found[2].contains("rewriting to another server (proxying) is not supported"),
        "{found:?}"
    );
    assert!(found[3].contains("invalid value \"(\""), "{found:?}");
    assert!(
        found[4].contains("invalid key \"\" for {\"type\":\"cookie\",\"key\":\"\"}"),
        "{found:?}"
    );
    assert!(
        found[5].contains("`headers` field cannot be empty"),
        "{found:?}"
    );
    let found = errors(
        Config::new().headers(
            Headers::on("/a")
                .header("Bad Name", "x")
                .header("X-Ok", "line\nbreak"),
        ),
    );
    assert!(found[0].contains("`key` in header item \"Bad Name\" is not a valid HTTP header name, `value` in header item \"X-Ok\" holds a line break or NUL"), "{found:?}");
}

#[test]
fn locale_errors_and_rule_errors_come_together() {
    let found = errors(
        Config::new()
            .default_locale("en")
            .redirect(Redirect::permanent("/a/:", "/b")),
    );
    assert_eq!(found.len(), 2, "{found:?}");
}
