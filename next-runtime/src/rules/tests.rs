//! Destinations filled in as Next's `prepareDestination` fills them (its worked examples).

use next_conventions::pattern::{Name, Params, Value};

use super::destination::{fill_text, Destination};
use crate::context::Query;

fn params(pairs: &[(&str, Value)]) -> Params {
    pairs
        .iter()
        .map(|(name, value)| (Name::Named((*name).into()), value.clone()))
        .collect()
}

fn one(value: &str) -> Value {
    Value::One(value.into())
}

fn many(values: &[&str]) -> Value {
    Value::Many(values.iter().map(|v| (*v).into()).collect())
}

#[test]
fn a_rewrite_appends_params_only_when_its_path_uses_none() {
    let params = params(&[("slug", one("hello")), ("path", many(&["a", "b"]))]);
    let request = Query::parse("x=1");
    let unused = Destination::parse("/posts")
        .unwrap()
        .fill(&params, &request, true)
        .unwrap();
    assert_eq!(unused.path, "/posts");
    assert_eq!(
        unused.query.to_query_string(),
        "x=1&path=a&path=b&slug=hello"
    );
    let used = Destination::parse("/posts/:slug")
        .unwrap()
        .fill(&params, &request, true)
        .unwrap();
    assert_eq!(used.path, "/posts/hello");
    assert_eq!(
        used.query.to_query_string(),
        "x=1",
        "all or nothing, as in Next"
    );
}

#[test]
fn query_values_and_hosts_take_params_too() {
    let params = params(&[
        ("slug", one("s")),
        ("path", many(&["a", "b"])),
        ("sub", one("abc")),
    ]);
    let request = Query::parse("x=1");
    let redirect = Destination::parse("/new/:path*?ref=:slug").unwrap();
    let filled = redirect.fill(&params, &request, false).unwrap();
    assert_eq!(
        (filled.path.as_str(), filled.query.to_query_string()),
        ("/new/a/b", "x=1&ref=s".into())
    );
    let external = Destination::parse("https://:sub.example.com:8443/:path*#top").unwrap();
    let filled = external.fill(&params, &Query::default(), false).unwrap();
    assert_eq!(
        filled.origin.as_deref(),
        Some("https://abc.example.com:8443")
    );
    assert_eq!(
        (filled.path.as_str(), filled.hash.as_str()),
        ("/a/b", "#top")
    );
    assert!(
        Destination::parse("/new/:path")
            .unwrap()
            .fill(&params, &request, false)
            .is_err(),
        "a list needs `*`"
    );
}

#[test]
fn text_keeps_colons_that_name_no_param() {
    let params = params(&[("slug", one("a%20b")), ("slugs", one("many"))]);
    assert_eq!(
        fill_text("data:x :slug :slugs :other", &params),
        "data:x a b many :other"
    );
    assert_eq!(fill_text("no params", &params), "no params");
}
