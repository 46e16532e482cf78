//! Mounting the site on an actix app: the per-worker state, and the default service.

use std::rc::Rc;
use std::sync::Once;

use actix_web::dev::{fn_service, ServiceRequest};
use actix_web::web::ServiceConfig;
use actix_web::HttpRequest;
use percent_encoding::percent_decode_str;

use super::{Site, SiteDef};
use crate::middleware::NextUrl;
use crate::preview::PreviewKeys;
use crate::shared_cache::SharedCache;
use crate::Settings;

/// What one worker serves with: its settings and what is made from them.
pub(super) struct Worker {
    pub settings: Settings,
    /// The draft-mode keys; API routes find them in the request's extensions.
    pub preview: Rc<PreviewKeys>,
    pub cache: Option<&'static SharedCache>,
}

/// Mounts the site on an actix app as its default service, so routes the app registers
/// itself still take precedence.
#[doc(hidden)]
pub fn configure(cfg: &mut ServiceConfig, def: &'static SiteDef, settings: Settings) {
    let site = def.site();
    let worker = Rc::new(Worker {
        preview: Rc::new(PreviewKeys::new(
            settings.preview_secret.as_ref(),
            settings.dev,
        )),
        // One cache for the whole process, made by the first worker that asks for one.
        cache: settings
            .shared_cache_bytes
            .map(|bytes| site.shared_cache.get_or_init(|| SharedCache::new(bytes))),
        settings,
    });
    announce_mode(worker.settings.dev);
    super::prerender::register(site);
    let runtime = site.generation.remember(&worker.settings);
    site.listen_for_changes(&runtime);
    site.notify_ready(runtime);
    worker.settings.state.register_all(cfg);
    cfg.app_data(Mounted(site));
    cfg.default_service(fn_service(move |sreq: ServiceRequest| {
        let worker = Rc::clone(&worker);
        async move { Ok::<_, actix_web::Error>(site.serve(sreq, worker).await) }
    }));
}

/// Generates every page of the site's static props functions (each path their static
/// paths functions list, in every locale), as `next build` does: `pages::prerender` calls
/// it, before the server takes requests. An error names every page that failed; pages
/// that answer `not_found` are no failure. Without it, the first request for such a page
/// runs the generation, and a failure is only logged.
#[doc(hidden)]
pub async fn prerender(def: &'static SiteDef, settings: &Settings) -> Result<(), crate::Error> {
    let site = def.site();
    super::prerender::register(site);
    let runtime = site.generation.remember(settings);
    site.listen_for_changes(&runtime);
    site.start(&runtime).await.map_err(crate::Error::msg)?;
    if let Some(out) = std::env::var_os(next_conventions::dev::EXPORT_ENV) {
        export_and_exit(site, std::path::Path::new(&out));
    }
    Ok(())
}

/// `cargo next export`'s run of the app: the site written to `out`, then the end of the
/// process (0 when written, 1 with the reason on stderr).
fn export_and_exit(site: &'static Site, out: &std::path::Path) -> ! {
    match site.export(out) {
        Ok(files) => {
            println!("next-runtime: exported {files} files to {}", out.display());
            std::process::exit(0)
        }
        Err(error) => {
            eprintln!("next-runtime: {error}");
            std::process::exit(1)
        }
    }
}

/// The site an app serves, for extractors that read the request as the site does
/// ([`NextUrl`]).
#[derive(Clone, Copy)]
struct Mounted(&'static Site);

/// The request's URL as the middleware's matcher sees it: placed by the site's own rules
/// (base path, data route, locale prefix); `None` in an app that mounts no site.
pub(crate) fn next_url(req: &HttpRequest) -> Option<NextUrl> {
    let Mounted(site) = *req.app_data::<Mounted>()?;
    let located = site.relocate_checked(req)?;
    Some(NextUrl {
        // Decoded, as the router and the public files read it: a middleware that compares
        // it with `/dashboard` is not walked round by `/%64ashboard`.
        pathname: percent_decode_str(&located.page_path)
            .decode_utf8_lossy()
            .into_owned(),
        search: req.query_string().to_owned(),
        locale: located.locale.map(|info| info.locale),
        data: located.data,
    })
}

/// Says once per process and mode which mode serves, on stderr unless the app installed a
/// `tracing` subscriber: dev mode shows error details to every visitor, so it must not go
/// unnoticed in production.
fn announce_mode(dev: bool) {
    static DEV: Once = Once::new();
    static PRODUCTION: Once = Once::new();
    let (once, line) = if dev {
        (&DEV, "next-runtime: dev mode: error details are shown to every visitor and nothing is cached; set NEXT_DEV=0 or build with --release for production")
    } else {
        (
            &PRODUCTION,
            "next-runtime: production mode: error details stay in the log",
        )
    };
    once.call_once(|| {
        if tracing::dispatcher::has_been_set() {
            if dev {
                tracing::warn!("{line}");
            } else {
                tracing::info!("{line}");
            }
        } else {
            eprintln!("{line}");
        }
    });
}
