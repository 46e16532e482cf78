//! What is made once, before the first request: the router, the document shell per locale,
//! every static page (each in every locale) and the error pages, and the actix patterns of
//! the API routes.

use std::sync::{Arc, OnceLock};

use actix_web::dev::ResourceDef;
use actix_web::web::Bytes;

use super::{Site, SiteDef};
use crate::client::RouterScript;
use crate::compress::Precompressed;
use crate::errors::ErrorPages;
use crate::handler::{render_page, PageHandler};
use crate::i18n::{LocaleInfo, Rendering};
use crate::middleware::Middleware;
use crate::public::PublicIndex;
use crate::render::NextData;
use crate::response::etag;
use crate::router::Router;
use crate::routes::Segment;
use crate::rules::RuleSet;
use crate::shell::{Document, Shell};
use crate::{Error, RouteInfo};

/// A static page, rendered at start-up: its document, and its markup for the client router.
pub(super) struct StaticPage {
    pub document: Bytes,
    pub document_etag: String,
    pub transition: Bytes,
    pub transition_etag: String,
    /// Each body's gzip and brotli encodings, made once.
    pub document_compressed: Arc<Precompressed>,
    pub transition_compressed: Arc<Precompressed>,
}

impl StaticPage {
    /// Renders a static page at start-up, in the shell's locale.
    fn render(
        route: &RouteInfo,
        shell: &Shell,
        build_id: &str,
        render: fn() -> crate::Page,
    ) -> Result<Self, Error> {
        let page = render_page(route.pattern(), shell.rendering, render)?;
        let next_data =
            NextData::prerendered(route.pattern(), build_id, shell.rendering.locale).to_json();
        let parts = shell.render_parts(page)?;
        let document = Bytes::from(shell.document(&parts, &next_data));
        let transition = Bytes::from(parts.transition_json(None, false, &next_data));
        Ok(StaticPage {
            document_etag: etag(&document),
            document,
            transition_etag: etag(&transition),
            transition,
            document_compressed: Arc::default(),
            transition_compressed: Arc::default(),
        })
    }
}

impl Site {
    /// Everything made before the first request; a panicking `_document.rs` or static page
    /// is logged and answered later, never a failed start.
    pub(super) fn new(def: &'static SiteDef) -> Self {
        let router = Router::new(def.routes).unwrap_or_else(|err| {
            panic!("next-runtime: the generated route table is invalid (please report this bug): {err}")
        });
        let router_script = RouterScript::new();
        let shells = shells(def, &router_script);
        // Error pages are rendered once, in the default locale.
        let default_locale = def.i18n.map(|i18n| i18n.default_locale());
        let default_shell = shells
            .iter()
            .find(|shell| shell.rendering.locale.map(|info| info.locale) == default_locale)
            .unwrap_or(&shells[0]);
        let errors = ErrorPages::render(
            default_shell,
            def.build_id,
            def.not_found,
            def.internal_error,
        );
        let rules = match def.rules {
            Some(rules) => RuleSet::new(rules).unwrap_or_else(|err| {
                panic!("next-runtime: the generated URL rules are invalid (please report this bug): {err}")
            }),
            None => RuleSet::default(),
        };
        let middleware = def.middleware.map(|middleware| {
            Middleware::new(middleware).unwrap_or_else(|err| {
                panic!("next-runtime: the generated middleware is invalid (please report this bug): {err}")
            })
        });
        Site {
            rules,
            middleware,
            shared_cache: OnceLock::new(),
            generation: Default::default(),
            api_resources: api_resources(def, &router),
            static_pages: static_pages(def, &shells),
            router_script,
            public: PublicIndex::new(def.public),
            def,
            router,
            errors,
            shells,
        }
    }
}

/// One document shell per locale (or one without locales), around `_document.rs`.
fn shells(def: &SiteDef, router_script: &RouterScript) -> Vec<Shell> {
    let document = match def.document {
        Some(document) => std::panic::catch_unwind(document).unwrap_or_else(|_| {
            tracing::error!("_document.rs panicked; using the default document");
            Document::default()
        }),
        None => Document::default(),
    };
    let locales: Vec<Option<LocaleInfo>> = match &def.i18n {
        Some(i18n) => i18n.locales().iter().map(|l| Some(i18n.info(l))).collect(),
        None => vec![None],
    };
    // The router learns the base path from its own tag (validated: a plain path).
    let base = def.base_path;
    let mut scripts = match base {
        "" => format!("<script src=\"{}\" defer></script>", router_script.url),
        base => format!(
            "<script src=\"{base}{}\" data-base-path=\"{base}\" defer></script>",
            router_script.url
        ),
    };
    scripts.push_str(&dev_client_script().unwrap_or_default());
    locales
        .iter()
        .map(|&locale| {
            let rendering = Rendering {
                locale,
                base_path: base,
                trailing_slash: def.trailing_slash,
            };
            Shell::new(&document, &scripts, def.app, rendering)
        })
        .collect()
}

/// The dev server's browser client, when this process runs under `cargo next dev` (which
/// sets `NEXT_DEV_SERVER` to the build's number): it reloads the page after each build and
/// shows compile errors over it.
fn dev_client_script() -> Option<String> {
    let build = std::env::var(next_conventions::dev::SERVER_ENV).ok()?;
    let script = next_conventions::dev::client_script(&build);
    if script.is_none() {
        tracing::warn!(
            "{}={build:?} is not a build number; pages carry no dev client",
            next_conventions::dev::SERVER_ENV
        );
    }
    script
}

/// Every static page in every shell, by [`Site::slot`]; `None` for the other routes and
/// for a static page that failed to render.
fn static_pages(def: &SiteDef, shells: &[Shell]) -> Vec<Option<StaticPage>> {
    def.routes
        .iter()
        .flat_map(|route| shells.iter().map(move |shell| (route, shell)))
        .map(|(route, shell)| match route.handler() {
            PageHandler::Static(render) => StaticPage::render(route, shell, def.build_id, render)
                .map_err(|error| {
                    tracing::error!(page = route.pattern(), %error, "static page failed to render; it will answer 500");
                })
                .ok(),
            PageHandler::ServerSide(_) | PageHandler::Api(_) | PageHandler::StaticProps(_) => None,
        })
        .collect()
}

/// Each API route's actix pattern, by route index, from the router's parsed patterns.
fn api_resources(def: &SiteDef, router: &Router) -> Vec<Option<ResourceDef>> {
    def.routes
        .iter()
        .enumerate()
        .map(|(index, route)| match route.handler() {
            PageHandler::Api(_) => Some(api_resource(router.pattern(index))),
            _ => None,
        })
        .collect()
}

/// The actix pattern of an API route: `[id]` is `{id}`, a catch-all takes the rest of the
/// path (`/a/b` gives `a/b`), and an optional one also matches its bare parent.
fn api_resource(segments: &[Segment<'_>]) -> ResourceDef {
    let mut prefix = String::new();
    for segment in segments {
        match segment {
            Segment::Static(name) => {
                prefix.push_str(&format!("/{}", name.replace('{', "{{").replace('}', "}}")))
            }
            Segment::Param(name) => prefix.push_str(&format!("/{{{name}}}")),
            Segment::CatchAll(name) => return ResourceDef::new(format!("{prefix}/{{{name}:.+}}")),
            Segment::OptionalCatchAll(name) => {
                let bare = if prefix.is_empty() {
                    "/".to_owned()
                } else {
                    prefix.clone()
                };
                return ResourceDef::new(vec![bare, format!("{prefix}/{{{name}:.*}}")]);
            }
        }
    }
    ResourceDef::new(if prefix.is_empty() {
        "/".to_owned()
    } else {
        prefix
    })
}
