use super::*;

fn tree_of(patterns: &[&'static str]) -> Result<RouteTree<&'static str>, RouteTreeError> {
    let mut tree = RouteTree::new();
    for pattern in patterns {
        let segments = parse_pattern(pattern).expect("valid segment");
        tree.insert(&segments, *pattern, pattern)?;
    }
    Ok(tree)
}

fn insert_error(patterns: &[&'static str]) -> String {
    tree_of(patterns).expect_err("tree must be rejected").rule
}

/// The expectation of Next.js's `test/unit/page-route-sorter.test.ts`, fed in a scrambled order.
#[test]
fn sorts_like_nextjs_page_route_sorter() {
    let expected = [
        "/",
        "/apples/[ab]/[cd]/ef",
        "/blog/abc",
        "/blog/abc/post",
        "/blog/abc/[id]",
        "/blog/[id]",
        "/blog/[id]/comments/[cid]",
        "/foo/[d]/bar/baz/[f]",
        "/p/[...rest]",
        "/p1/[[...incl]]",
        "/p2/[id]",
        "/p2/[id]/abc",
        "/p2/[...rest]",
        "/p3/[id]",
        "/p3/[id]/abc",
        "/p3/[[...rest]]",
        "/posts",
        "/posts/[id]",
        "/[root-slug]",
        "/[...rest]",
    ];
    let input = [
        "/posts",
        "/[root-slug]",
        "/",
        "/posts/[id]",
        "/blog/[id]/comments/[cid]",
        "/blog/abc/[id]",
        "/[...rest]",
        "/blog/abc/post",
        "/blog/abc",
        "/p1/[[...incl]]",
        "/p/[...rest]",
        "/p2/[...rest]",
        "/p2/[id]/abc",
        "/p3/[[...rest]]",
        "/p3/[id]/abc",
        "/blog/[id]",
        "/foo/[d]/bar/baz/[f]",
        "/apples/[ab]/[cd]/ef",
        "/p2/[id]",
        "/p3/[id]",
    ];
    let tree = tree_of(&input).unwrap();
    let sorted: Vec<&str> = tree.sorted().into_iter().copied().collect();
    assert_eq!(sorted, expected);
}

#[test]
fn find_returns_first_match_in_priority_order() {
    let tree = tree_of(&[
        "/",
        "/blog/abc",
        "/blog/[id]",
        "/blog/[id]/comments",
        "/p3/[id]/abc",
        "/p3/[[...rest]]",
        "/[slug]/x",
        "/[...rest]",
    ])
    .unwrap();
    let find = |path: &str| {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        tree.find(&segments).copied()
    };
    assert_eq!(find("/"), Some("/"));
    assert_eq!(find("/blog/abc"), Some("/blog/abc"));
    assert_eq!(find("/blog/other"), Some("/blog/[id]"));
    assert_eq!(find("/blog/abc/comments"), Some("/blog/[id]/comments"));
    assert_eq!(find("/p3"), Some("/p3/[[...rest]]"));
    assert_eq!(find("/p3/1/abc"), Some("/p3/[id]/abc"));
    assert_eq!(find("/p3/1/abd"), Some("/p3/[[...rest]]"));
    // A static prefix that leads nowhere backtracks into the dynamic siblings.
    assert_eq!(find("/blog/x"), Some("/blog/[id]"));
    assert_eq!(find("/blog/x/y"), Some("/[...rest]"));
    assert_eq!(find("/a/x"), Some("/[slug]/x"));
}

#[test]
fn find_without_match_is_none() {
    let tree = tree_of(&["/", "/p/[...rest]"]).unwrap();
    assert_eq!(tree.find(&["p"]), None, "a catch-all needs one segment");
    assert_eq!(tree.find(&["q"]), None);
}

#[test]
fn rejects_different_slug_names_at_one_level() {
    assert_eq!(
        insert_error(&["/blog/[id]", "/blog/[slug]/x"]),
        "You cannot use different slug names for the same dynamic path ('id' !== 'slug')."
    );
}

#[test]
fn rejects_repeated_slug_names() {
    assert_eq!(
        insert_error(&["/[id]/[id]"]),
        "You cannot have the same slug name \"id\" repeat within a single dynamic path"
    );
    assert!(insert_error(&["/[a-b]/[ab]"]).contains("differ only by non-word symbols"));
}

#[test]
fn rejects_catch_all_before_the_end() {
    assert_eq!(
        insert_error(&["/[...slug]/x"]),
        "Catch-all must be the last part of the URL."
    );
}

#[test]
fn rejects_required_and_optional_catch_all_at_one_level() {
    let err = tree_of(&["/docs/[...a]", "/docs/[[...b]]"]).unwrap_err();
    assert!(err
        .rule
        .contains("required and optional catch-all route at the same level"));
    assert_eq!(err.files, ["/docs/[...a]", "/docs/[[...b]]"]);
    assert!(insert_error(&["/docs/[[...b]]", "/docs/[...a]"])
        .contains("optional and required catch-all route at the same level"));
}

#[test]
fn rejects_optional_catch_all_beside_index_in_either_order() {
    let expected = "You cannot define a route with the same specificity as a optional catch-all route (\"/\" and \"/[[...slug]]\").";
    assert_eq!(insert_error(&["/", "/[[...slug]]"]), expected);
    assert_eq!(insert_error(&["/[[...slug]]", "/"]), expected);
}

#[test]
fn rejects_two_files_for_one_route() {
    let mut tree = RouteTree::new();
    tree.insert(&parse_pattern("/about").unwrap(), (), "about.rs")
        .unwrap();
    let err = tree
        .insert(&parse_pattern("/about").unwrap(), (), "about/index.rs")
        .unwrap_err();
    assert_eq!(
        err.rule,
        "Duplicate page detected. \"about.rs\" and \"about/index.rs\" both resolve to \"/about\"."
    );
    assert_eq!(err.files, ["about.rs", "about/index.rs"]);
}
