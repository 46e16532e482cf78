//! The attributes that mark the functions of a page file.

/// One of next-runtime's attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attribute {
    /// `#[page]`: renders the page.
    Page,
    /// `#[get_server_side_props]`: loads the page's props per request.
    GetServerSideProps,
    /// `#[get_static_props]`: loads the page's props when it is generated.
    GetStaticProps,
    /// `#[get_static_paths]`: lists a dynamic page's paths to generate.
    GetStaticPaths,
    /// `#[api]`: an API route's handler.
    Api,
    /// `#[middleware]`: runs before the pages it matches, in `src/middleware.rs`.
    Middleware,
}

impl Attribute {
    /// Every attribute, in the order messages list them.
    pub const ALL: [Attribute; 6] = [
        Attribute::Page,
        Attribute::GetServerSideProps,
        Attribute::GetStaticProps,
        Attribute::GetStaticPaths,
        Attribute::Api,
        Attribute::Middleware,
    ];

    /// The name as written: `page` in `#[page]` or `#[next_runtime::page]`.
    pub const fn name(self) -> &'static str {
        match self {
            Attribute::Page => "page",
            Attribute::GetServerSideProps => "get_server_side_props",
            Attribute::GetStaticProps => "get_static_props",
            Attribute::GetStaticPaths => "get_static_paths",
            Attribute::Api => "api",
            Attribute::Middleware => "middleware",
        }
    }

    /// The attribute a path names, by its last segment (`next_runtime::page` is `page`).
    pub fn from_name(name: &str) -> Option<Self> {
        Attribute::ALL.into_iter().find(|a| a.name() == name)
    }
}
