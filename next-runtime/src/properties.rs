//! Property tests of the parsers the internet reaches: whatever a request carries, they
//! never panic, and what they promise holds for thousands of generated inputs. Run with the
//! normal `cargo test` (2,000 cases each; `PROPTEST_CASES` raises it).

use actix_web::cookie::Cookie;
use actix_web::http::header::{self, HeaderValue};
use actix_web::test::TestRequest;
use actix_web::HttpResponse;
use proptest::prelude::*;

use crate::context::Query;
use crate::data_route::{self, DataPath};
use crate::handler::PageHandler;
use crate::i18n::accept_language;
use crate::preview::{PreviewKeys, PreviewState, BYPASS_COOKIE, DATA_COOKIE};
use crate::render::html_escape_json_string;
use crate::router::{canonical_path, Router};
use crate::routes::{parse_pattern, RouteTree, Segment};
use crate::shared_cache::{Stored, MAX_LIFETIME};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(2000),
        ..ProptestConfig::default()
    }
}

const LOCALES: &[&str] = &["en-US", "fr", "nl-NL", "de"];

/// Any text, weighted towards the characters URLs and headers make special.
fn text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "/", "%", "%2F", "%2f", "%5C", "\\", "..", ".", "?", "#", "&", "=", "+", ";", ",", "\"",
        " ", "\u{0}", "é", "\u{2028}", "<", ">", "</script", "%zz", "%e9", "a", "b", "1",
    ])
    .prop_map(str::to_owned);
    prop::collection::vec(
        prop_oneof![special, any::<char>().prop_map(String::from)],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

fn empty_page() -> crate::Page {
    crate::Page::default()
}

/// A route pattern from a small alphabet, so that generated trees overlap a lot.
fn pattern() -> impl Strategy<Value = String> {
    pattern_of(&["a", "b", "c"], 4)
}

/// A route pattern of fewer than `max_len` segments, each one of `names`, a param, or
/// (last) a catch-all. Param names depend on the depth only, as Next's
/// one-slug-name-per-level rule wants.
fn pattern_of(names: &'static [&'static str], max_len: usize) -> impl Strategy<Value = String> {
    let segment = move |depth: usize, last: bool| {
        let mut kinds: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
        kinds.push(format!("[p{depth}]"));
        if last {
            kinds.push(format!("[...r{depth}]"));
            kinds.push(format!("[[...o{depth}]]"));
        }
        prop::sample::select(kinds)
    };
    (0..max_len).prop_flat_map(move |len| {
        let segments: Vec<_> = (0..len)
            .map(|depth| segment(depth, depth + 1 == len))
            .collect();
        segments.prop_map(|segments| format!("/{}", segments.join("/")))
    })
}

/// Whether `pattern` matches `path`, read off Next's rules directly.
fn matches(pattern: &[Segment<'_>], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((Segment::Static(name), rest)) => {
            path.first() == Some(name) && matches(rest, &path[1..])
        }
        Some((Segment::Param(_), rest)) => !path.is_empty() && matches(rest, &path[1..]),
        Some((Segment::CatchAll(_), _)) => !path.is_empty(),
        Some((Segment::OptionalCatchAll(_), _)) => true,
    }
}

proptest! {
    #![proptest_config(config())]

    /// The tree finds what a scan of Next's sorted order finds: the first route that matches.
    #[test]
    fn route_tree_finds_the_first_match_of_the_sorted_order(
        patterns in prop::collection::vec(pattern(), 1..60),
        path in prop::collection::vec(prop::sample::select(vec!["a", "b", "c", "x"]), 0..5),
    ) {
        let mut tree = RouteTree::new();
        let mut kept = Vec::new();
        for pattern in &patterns {
            let segments = parse_pattern(pattern).unwrap();
            // Trees Next would refuse (a duplicate, `[[...o]]` beside an index) are skipped.
            if tree.insert(&segments, pattern.clone(), pattern).is_ok() {
                kept.push(pattern.clone());
            }
        }
        let scan = tree
            .sorted()
            .into_iter()
            .find(|pattern| matches(&parse_pattern(pattern).unwrap(), &path));
        prop_assert_eq!(tree.find(&path), scan, "{:?} in {:?}", path, kept);
    }

    /// Any request path: a route, no route, or a decoding error; never a panic. Each
    /// percent-encoded segment comes back decoded, `%2F` staying inside its segment.
    #[test]
    fn router_splits_then_decodes_any_path(raw in text(), segments in prop::collection::vec(".+", 1..5)) {
        let routes = [crate::handler::route("/p/[...rest]", "p.rs", PageHandler::Static(empty_page))];
        let router = Router::new(&routes).unwrap();
        let _ = router.find(&raw);
        let encoded: Vec<String> = segments
            .iter()
            .map(|s| percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string())
            .collect();
        let (_, params) = router.find(&format!("/p/{}", encoded.join("/"))).unwrap().unwrap();
        prop_assert_eq!(params.get_all("rest").unwrap(), segments.as_slice());
    }

    /// A canonical path never leads to another host and is canonical itself.
    #[test]
    fn canonical_paths_stay_on_this_host(raw in text(), trailing_slash in any::<bool>()) {
        let path = format!("/{raw}");
        if let Some(clean) = canonical_path(&path, trailing_slash) {
            prop_assert!(!clean.starts_with("//"), "{}", clean);
            prop_assert!(!clean.contains('\\'));
            prop_assert_eq!(canonical_path(&clean, trailing_slash), None, "{}", clean);
        }
    }

    /// Any query string parses; an encoded list of pairs comes back grouped by key in
    /// first-seen order, every value in order.
    #[test]
    fn query_strings_round_trip(raw in text(), pairs in prop::collection::vec((text(), text()), 0..40)) {
        let _ = Query::parse(&raw);
        let encoded: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&pairs)
            .finish();
        let query = Query::parse(&encoded);
        let mut expected: Vec<(String, Vec<String>)> = Vec::new();
        for (key, value) in &pairs {
            match expected.iter_mut().find(|(k, _)| k == key) {
                Some((_, values)) => values.push(value.clone()),
                None => expected.push((key.clone(), vec![value.clone()])),
            }
        }
        let parsed: Vec<(String, Vec<String>)> = query
            .iter()
            .map(|(key, values)| (key.to_owned(), values.to_vec()))
            .collect();
        prop_assert_eq!(parsed, expected);
        let json: serde_json::Value = serde_json::from_str(&query.to_json()).unwrap();
        prop_assert!(json.is_object());
    }

    /// Any `Cookie` header parses, and no cookie this app did not sign turns draft mode on.
    #[test]
    fn forged_draft_cookies_never_enable_draft_mode(bypass in text(), data in text(), other in text()) {
        let keys = PreviewKeys::new(None, false);
        let header = format!("{BYPASS_COOKIE}={bypass}; {DATA_COOKIE}={data}; {other}");
        let Ok(value) = HeaderValue::from_str(&header) else { return Ok(()) };
        let req = TestRequest::get().insert_header((header::COOKIE, value)).to_http_request();
        let _ = req.cookies();
        prop_assert!(!matches!(keys.read(&req), PreviewState::On(_)));
        let only_bypass = TestRequest::get()
            .cookie(Cookie::new(BYPASS_COOKIE, bypass))
            .to_http_request();
        prop_assert!(!matches!(keys.read(&only_bypass), PreviewState::On(_)));
    }

    /// Any `Accept-Language` picks one of the locales or none; naming one locale picks it.
    #[test]
    fn accept_language_picks_a_configured_locale(header in text(), pick in 0..LOCALES.len()) {
        if let Some(locale) = accept_language(&header, LOCALES) {
            prop_assert!(LOCALES.contains(&locale));
        }
        let named = format!("{};q=0.9", LOCALES[pick].to_lowercase());
        prop_assert_eq!(accept_language(&named, LOCALES), Some(LOCALES[pick]));
    }

    /// Every page path's data URL leads back to that path; any other path is a page or a 404.
    #[test]
    fn data_urls_round_trip(raw in text(), segments in prop::collection::vec("[a-z0-9%.-]{1,8}", 0..4)) {
        let _ = data_route::parse(&raw, "build");
        let path = format!("/{}", segments.join("/"));
        let url = data_route::data_url("build", &path);
        prop_assert_eq!(data_route::parse(&url, "build"), DataPath::Data(path.clone().into()));
        prop_assert_eq!(data_route::parse(&url, "other"), DataPath::NotFound);
    }

    /// Any `Cache-Control` is shared or not, within the capped lifetimes; never a panic.
    #[test]
    fn cache_control_parses_within_capped_lifetimes(raw in text(), fresh in any::<u64>(), stale in any::<u64>()) {
        for value in [raw, format!("public, s-maxage={fresh}, stale-while-revalidate={stale}")] {
            let Ok(value) = HeaderValue::from_str(&value) else { continue };
            let response = HttpResponse::Ok()
                .insert_header((header::CACHE_CONTROL, value))
                .finish();
            if let Some((fresh_for, stale_for)) = Stored::lifetimes(&response) {
                prop_assert!(fresh_for <= MAX_LIFETIME && stale_for <= MAX_LIFETIME);
            }
        }
    }

    /// Escaped JSON never closes its `<script>` and always parses back to the same value.
    #[test]
    fn escaped_json_is_inert_in_a_script_and_parses_back(value in text()) {
        let json = serde_json::to_string(&value).unwrap();
        let escaped = html_escape_json_string(&json);
        prop_assert!(!escaped.to_ascii_lowercase().contains("</script"));
        let unsafe_chars = ['<', '>', '&', '\u{2028}', '\u{2029}'];
        prop_assert!(!escaped.contains(unsafe_chars), "{}", escaped);
        prop_assert_eq!(serde_json::from_str::<String>(&escaped).unwrap(), value);
    }

    /// Any request target is within the limits or answered with a 4xx; never a panic.
    #[test]
    fn limits_check_any_target(raw in text(), repeat in 0usize..3000) {
        let target = format!("/{}?{}", raw, "a&".repeat(repeat));
        if actix_web::http::Uri::try_from(target.as_str()).is_err() {
            return Ok(()); // not a URI the http crate accepts: it never reaches us
        }
        let req = TestRequest::get().uri(&target).to_http_request();
        if let Err(exceeded) = crate::limits::check(&req) {
            prop_assert!(exceeded.status().is_client_error());
        }
    }
}

/// Next's priority order (`getSortedRoutes`), written independently of the tree: compare
/// segment by segment, a route that ends first before its children, then static names in
/// code-unit order, then `[param]`, `[...rest]`, `[[...rest]]`.
fn next_priority(pattern: &str) -> Vec<(u8, String)> {
    parse_pattern(pattern)
        .unwrap()
        .iter()
        .map(|segment| match segment {
            Segment::Static(name) => (0, (*name).to_owned()),
            Segment::Param(_) => (1, String::new()),
            Segment::CatchAll(_) => (2, String::new()),
            Segment::OptionalCatchAll(_) => (3, String::new()),
        })
        .collect()
}

/// A route pattern of up to five segments from eight names, so that trees of thousands of
/// routes are possible and still overlap.
fn wide_pattern() -> impl Strategy<Value = String> {
    pattern_of(&["a", "b", "c", "d", "e", "f", "g", "h"], 6)
}

proptest! {
    // Big trees are slow to scan in a debug build: fewer cases, many paths each.
    #![proptest_config(ProptestConfig { cases: config().cases / 50 + 8, ..config() })]

    /// On trees of up to 10,000 routes, the tree finds what a linear scan of Next's order
    /// finds, for paths that hit statics, params and catch-alls, and paths that miss.
    #[test]
    fn route_tree_agrees_with_a_scan_of_next_order_on_big_trees(
        patterns in prop::collection::vec(wide_pattern(), 1..10_000),
        paths in prop::collection::vec(
            prop::collection::vec(prop::sample::select(vec!["a", "b", "c", "d", "e", "f", "g", "h", "x"]), 0..7),
            40,
        ),
    ) {
        let mut tree = RouteTree::new();
        let mut kept = Vec::new();
        for pattern in &patterns {
            let segments = parse_pattern(pattern).unwrap();
            if tree.insert(&segments, pattern.clone(), pattern).is_ok() {
                kept.push((next_priority(pattern), pattern.clone()));
            }
        }
        kept.sort();
        for path in &paths {
            let scan = kept
                .iter()
                .map(|(_, pattern)| pattern)
                .find(|pattern| matches(&parse_pattern(pattern).unwrap(), path));
            prop_assert_eq!(tree.find(path), scan, "{:?} among {} routes", path, kept.len());
        }
    }
}
