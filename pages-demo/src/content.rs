//! The blog's first posts, written into an empty database by [`crate::db`], and its docs.
//! Plain Rust: pages import what they need.

pub struct Post {
    pub id: u64,
    pub title: &'static str,
    pub body: &'static str,
}

pub const POSTS: &[Post] = &[
    Post {
        id: 1,
        title: "Hello from Rust",
        body: "This page's props come from a get_server_side_props function, run on every request.",
    },
    Post {
        id: 2,
        title: "File-based routing",
        body: "src/pages/posts/[id].rs answers /posts/1, /posts/2 and so on.",
    },
    Post {
        id: 3,
        title: "Compile-time checks",
        body: "A page whose props type differs from its props function does not compile.",
    },
];

/// The docs section: a path of segments to a page.
pub const DOCS: &[(&str, &str)] = &[
    ("", "Welcome to the docs. Pick a topic below."),
    ("routing", "Files under src/pages/ become routes."),
    (
        "routing/dynamic",
        "[id].rs, [...slug].rs and [[...slug]].rs capture segments.",
    ),
    (
        "data",
        "#[get_server_side_props] runs before the page renders.",
    ),
];

pub fn doc(path: &str) -> Option<&'static str> {
    DOCS.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}
