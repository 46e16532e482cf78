//! Every path generated code names, in one table: the expansions of `#[page]`,
//! `#[get_server_side_props]` and `#[api]`, and the route file the build script writes. All
//! of them live under `::next_runtime::__private`, so generated code never reaches for a
//! hidden method of a public type, and the public API can move without breaking it.
//! next-runtime's tests check that `__private` exports each one.

macro_rules! exports {
    ($($(#[doc = $doc:literal])* $name:ident = $item:literal;)*) => {
        $(
            $(#[doc = $doc])*
            pub const $name: &str = concat!("::next_runtime::__private::", $item);
        )*

        /// Every exported path, for the test that `__private` holds each one.
        pub const ALL: &[&str] = &[$($name),*];
    };
}

/// `export` as tokens, for the code the macros and the build script generate.
#[cfg(feature = "syn")]
pub fn tokens(export: &str) -> proc_macro2::TokenStream {
    export.parse().expect("exported paths are Rust paths")
}

exports! {
    /// actix-web's error, as an extractor fails with it.
    ACTIX_ERROR = "ActixError";
    /// The middleware's call through actix-web's extractors.
    CALL_MIDDLEWARE = "call_middleware";
    /// The middleware's entry in the generated code.
    MIDDLEWARE_DEF = "MiddlewareDef";
    /// An API route's call through actix-web's extractors.
    CALL_API = "call_api";
    /// The request context a props function takes.
    CONTEXT = "Context";
    /// The `_document.rs` shell.
    DOCUMENT = "Document";
    /// The snapshot an edge props function takes, from the context.
    EDGE_CONTEXT = "edge_context";
    /// The check that an edge props function's parameter is `Send`.
    EDGE_EXTRACTED = "edge_extracted";
    /// The check that an edge props function's future is `Send`.
    EDGE_PROPS = "edge_props";
    /// The framework's error type.
    ERROR = "Error";
    /// One props-function parameter extracted, checked at its type.
    EXTRACT = "extract";
    /// actix-web's request.
    HTTP_REQUEST = "HttpRequest";
    /// One file of `public/`, embedded in the binary.
    EMBEDDED_FILE = "EmbeddedFile";
    /// The app's `public/` folder, embedded or read from disk.
    PUBLIC_FILES = "PublicFiles";
    /// The locales of the generated table.
    I18N = "I18n";
    /// What a page function may return.
    INTO_PAGE = "IntoPage";
    /// Page markup.
    MARKUP = "Markup";
    /// A rendered page.
    PAGE = "Page";
    /// actix-web's request body stream.
    PAYLOAD = "Payload";
    /// The entry of a routable page.
    PAGE_HANDLER = "PageHandler";
    /// The check that a page takes its props function's props.
    PAGE_TAKES = "PageTakes";
    /// The contract `#[get_server_side_props]` implements for `#[page]`.
    PROPS_FUNCTION = "PropsFunction";
    /// What a URL rule does.
    RULE_ACTION = "Action";
    /// A `has` or `missing` condition of a URL rule.
    CONDITION = "Condition";
    /// What a condition looks at.
    CONDITION_KIND = "ConditionKind";
    /// One URL rule of `build.rs`.
    RULE = "Rule";
    /// Every URL rule of `build.rs`, by phase.
    RULES = "Rules";
    /// A route of the generated table.
    ROUTE = "route";
    /// The type of the generated table's routes.
    ROUTE_INFO = "RouteInfo";
    /// A props function's serialization error.
    SERIALIZE_ERROR = "SerializeError";
    /// Props serialization, checked at the props type.
    SERIALIZE_PROPS = "serialize_props";
    /// A page with a props function, run.
    SERVER_SIDE = "server_side";
    /// What a props function returns.
    SERVER_SIDE_PROPS = "ServerSideProps";
    /// actix-web's service configuration.
    SERVICE_CONFIG = "ServiceConfig";
    /// The settings a site is mounted with.
    SETTINGS = "Settings";
    /// The site the generated table builds.
    SITE_DEF = "SiteDef";
    /// Generates a site's static pages before it serves.
    PRERENDER = "prerender";
    /// The app state static functions take their parameters from.
    STATE = "State";
    /// One parameter of a static function, from the app state.
    STATIC_STATE = "static_state";
    /// What a static props function takes.
    STATIC_CONTEXT = "StaticContext";
    /// What a static props function returns.
    STATIC_PROPS = "StaticProps";
    /// The contract `#[get_static_props]` implements for `#[page]`.
    STATIC_PROPS_FUNCTION = "StaticPropsFunction";
    /// A page with a static props function, run.
    STATIC_PROPS_RUN = "static_props";
    /// A static paths function, run.
    STATIC_PATHS_RUN = "static_paths";
    /// A static paths function's entry.
    STATIC_PATHS_FN = "StaticPathsFn";
    /// What a static paths function returns.
    STATIC_PATHS = "StaticPaths";
    /// What a static paths function takes.
    STATIC_PATHS_CONTEXT = "StaticPathsContext";
    /// A page with a static props function, for the route table.
    STATIC_RENDER = "StaticRender";
    /// Mounts the site on an actix app.
    CONFIGURE = "configure";
}
