//! Generating the pages of static props functions: every listed path at start-up, before
//! the server takes requests when the app calls `pages::prerender`, and one path on
//! demand (`next_runtime::revalidate`).

use std::collections::HashSet;
use std::sync::RwLock;

use futures_util::StreamExt;

use super::generated::{key, key_in, split_key, Label, RoutePaths, Runtime, Target};
use super::Site;
use crate::context::{ParamValue, Params};
use crate::handler::PageHandler;
use crate::i18n::LocaleInfo;
use crate::routes::Segment;
use crate::ssg::{
    Fallback, Revalidated, StaticPath, StaticPathsContext, StaticPathsFn, StaticRender,
};
use crate::Error;

/// How many pages are generated at once at start-up.
const AT_ONCE: usize = 16;

/// What a static paths function said, resolved to targets.
pub(super) struct FoundPaths {
    pub fallback: Fallback,
    pub listed: HashSet<String>,
    pub targets: Vec<Target>,
}

/// How one path fared at start-up.
enum Prepared {
    Generated,
    Loaded,
    NotFound,
}

impl Site {
    /// The start-up generation, run once per process whoever asks first; its error names
    /// every page that failed.
    pub(super) async fn start(&'static self, runtime: &Runtime) -> Result<(), String> {
        self.generation
            .started
            .get_or_init(|| self.generate_all(runtime.clone()))
            .await
            .clone()
    }

    /// Every path of every static props page, generated (or loaded from the store) side
    /// by side; each failure logged, then one summary. Dev mode generates nothing ahead:
    /// its pages run their functions per request.
    async fn generate_all(&'static self, runtime: Runtime) -> Result<(), String> {
        if runtime.dev {
            return Ok(());
        }
        let began = std::time::Instant::now();
        let mut failures = Vec::new();
        let mut jobs = Vec::new();
        for (index, route) in self.def.routes.iter().enumerate() {
            let PageHandler::StaticProps(render) = route.handler() else {
                continue;
            };
            match self.targets(&runtime, index, render).await {
                Ok(targets) => jobs.extend(targets.into_iter().map(|target| (target, render))),
                Err(error) => {
                    tracing::error!(page = route.pattern(), %error, "getStaticPaths failed");
                    failures.push(format!("{} ({error})", route.pattern()));
                }
            }
        }
        let runtime = &runtime;
        let results: Vec<_> = futures_util::stream::iter(jobs)
            .map(|(target, render)| async move {
                let result = self.prepare(runtime, &target, render).await;
                (target, result)
            })
            .buffer_unordered(AT_ONCE)
            .collect()
            .await;
        let (mut generated, mut loaded, mut not_found) = (0, 0, 0);
        for (target, result) in results {
            match result {
                Ok(Prepared::Generated) => generated += 1,
                Ok(Prepared::Loaded) => loaded += 1,
                Ok(Prepared::NotFound) => not_found += 1,
                Err(error) => {
                    let page = self.def.routes[target.index].pattern();
                    let path = shown(&target);
                    tracing::error!(page, path, %error, "generating a page failed");
                    failures.push(format!("{path} ({error})"));
                }
            }
        }
        let elapsed = began.elapsed();
        if generated + loaded + not_found + failures.len() > 0 {
            tracing::info!(
                generated,
                loaded,
                not_found,
                failed = failures.len(),
                ?elapsed,
                "static pages ready"
            );
        }
        match failures.is_empty() {
            true => Ok(()),
            false => Err(format!(
                "{} static page(s) failed to generate: {}",
                failures.len(),
                failures.join("; ")
            )),
        }
    }

    /// The paths of static props route `index` to generate at start-up: its one path in
    /// each locale, or what its static paths function lists.
    async fn targets(
        &self,
        runtime: &Runtime,
        index: usize,
        render: StaticRender,
    ) -> Result<Vec<Target>, Error> {
        if !self.router.is_dynamic(index) {
            let path = self
                .router
                .path_of(index, &Params::default())
                .unwrap_or_default();
            return Ok(self
                .locales()
                .into_iter()
                .map(|locale| Target {
                    index,
                    locale,
                    params: Params::default(),
                    key: key(locale, &path),
                })
                .collect());
        }
        let pattern = self.def.routes[index].pattern();
        let Some(paths) = render.paths else {
            return Err(Error::msg(format!(
                "getStaticPaths is required for dynamic SSG pages and is missing for '{pattern}'."
            )));
        };
        let found = self.static_paths(runtime, index, paths).await?;
        let targets = found.targets;
        self.generation.set_paths(
            index,
            RoutePaths {
                fallback: found.fallback,
                listed: found.listed,
            },
        );
        Ok(targets)
    }

    /// Runs route `index`'s static paths function under the props timeout, and resolves
    /// each path it lists to this route.
    pub(super) async fn static_paths(
        &self,
        runtime: &Runtime,
        index: usize,
        paths: StaticPathsFn,
    ) -> Result<FoundPaths, Error> {
        let pattern = self.def.routes[index].pattern();
        let i18n = self.def.i18n;
        let ctx = StaticPathsContext {
            locales: i18n.map_or(&[], |i18n| i18n.locales()),
            default_locale: i18n.map(|i18n| i18n.default_locale()),
        };
        let run = paths(ctx, runtime.state.clone());
        let listed = actix_web::rt::time::timeout(runtime.timeout, run)
            .await
            .map_err(|_elapsed| {
                let what = format!("getStaticPaths of \"{pattern}\"");
                super::failure::too_slow(&what, runtime.timeout)
            })?
            .map_err(|error| error.context(format!("getStaticPaths of \"{pattern}\"")))?;
        let targets = listed
            .paths
            .iter()
            .map(|path| self.resolve(index, path))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(FoundPaths {
            fallback: listed.fallback,
            listed: targets.iter().map(|target| target.key.clone()).collect(),
            targets,
        })
    }

    /// A listed path as a target of route `index`: its locale (the default one unless it
    /// names one), its params, its key.
    fn resolve(&self, index: usize, listed: &StaticPath) -> Result<Target, Error> {
        let pattern = self.def.routes[index].pattern();
        let fail = |problem: String| {
            Error::msg(format!(
                "getStaticPaths of \"{pattern}\" returned {problem}"
            ))
        };
        let locale = match (&listed.locale, self.def.i18n) {
            (None, None) => None,
            (None, Some(i18n)) => Some(i18n.info(i18n.default_locale())),
            (Some(name), Some(i18n)) => match i18n.find(name) {
                Some(locale) => Some(i18n.info(locale)),
                None => {
                    return Err(fail(format!(
                        "the locale `{name}`, which is not one of the app's locales ({})",
                        i18n.locales().join(", ")
                    )))
                }
            },
            (Some(name), None) => {
                return Err(fail(format!(
                    "the locale `{name}`, but the app configures no locales"
                )))
            }
        };
        let path = match &listed.spec {
            crate::ssg::PathSpec::Path(path) => path.clone(),
            crate::ssg::PathSpec::Params(given) => {
                let params = self.params_of(index, given).map_err(fail)?;
                self.router
                    .path_of(index, &params)
                    .ok_or_else(|| fail("params that leave a segment empty".to_owned()))?
            }
        };
        match self.router.find(&path) {
            Ok(Some((found, params))) if found == index => {
                let canonical = self.router.path_of(index, &params).unwrap_or(path);
                Ok(Target {
                    index,
                    locale,
                    key: key(locale, &canonical),
                    params,
                })
            }
            _ => Err(fail(format!("`{path}`, which is not a path of this page"))),
        }
    }

    /// Params given by name, checked against route `index`'s pattern.
    fn params_of(&self, index: usize, given: &[(String, Vec<String>)]) -> Result<Params, String> {
        let mut params = Params::default();
        for segment in self.router.pattern(index) {
            let (name, many) = match *segment {
                Segment::Static(_) => continue,
                Segment::Param(name) => (name, false),
                Segment::CatchAll(name) | Segment::OptionalCatchAll(name) => (name, true),
            };
            let values = given.iter().find(|(n, _)| n == name).map(|(_, v)| v);
            match (values, many) {
                (Some(values), false) if values.len() == 1 => {
                    params.push(name, ParamValue::One(values[0].clone()))
                }
                (Some(values), true) => params.push(name, ParamValue::Many(values.clone())),
                (Some(_), false) => {
                    return Err(format!("several values for `[{name}]`, which takes one (use `.param(\"{name}\", value)`)"))
                }
                (None, true) if matches!(segment, Segment::OptionalCatchAll(_)) => {}
                (None, _) => return Err(format!("no value for the param `{name}`")),
            }
        }
        if let Some((unknown, _)) = given.iter().find(|(name, _)| {
            !params.iter().any(|(known, _)| known == name)
                && !self
                    .router
                    .pattern(index)
                    .iter()
                    .any(|s| matches!(s, Segment::OptionalCatchAll(n) if n == name))
        }) {
            return Err(format!(
                "the param `{unknown}`, which the page's path does not have"
            ));
        }
        Ok(params)
    }

    /// The locales a page without params is generated in: each one, or none.
    fn locales(&self) -> Vec<Option<LocaleInfo>> {
        match self.def.i18n {
            Some(i18n) => i18n
                .locales()
                .iter()
                .map(|locale| Some(i18n.info(locale)))
                .collect(),
            None => vec![None],
        }
    }

    /// One path at start-up: loaded from the store, or generated and kept.
    async fn prepare(
        &'static self,
        runtime: &Runtime,
        target: &Target,
        render: StaticRender,
    ) -> Result<Prepared, Error> {
        // Instances starting together generate each page once: the others load it.
        let (page, label) = self.generate_once(runtime, target, render, true).await?;
        Ok(match (label, page.is_not_found()) {
            (Label::Hit, _) => Prepared::Loaded,
            (_, true) => Prepared::NotFound,
            (_, false) => Prepared::Generated,
        })
    }

    /// `next_runtime::revalidate(path)` on this site: `None` when the path is none of its
    /// static props or props-function pages.
    async fn revalidate(&'static self, path: &str) -> Option<Result<Revalidated, Error>> {
        let path = path.split(['?', '#']).next().unwrap_or(path);
        let located = self.place(path)?;
        let (index, params) = self.router.find(&located.page_path).ok()??;
        match self.def.routes[index].handler() {
            PageHandler::StaticProps(render) => {
                let Some(runtime) = self.generation.latest() else {
                    return Some(Err(Error::msg(
                        "the site is not mounted yet: nothing was generated to revalidate",
                    )));
                };
                let canonical = self.router.path_of(index, &params)?;
                let target = Target {
                    index,
                    locale: located.locale,
                    key: key(located.locale, &canonical),
                    params,
                };
                if let Some((Fallback::False, false)) = self.generation.fallback(index, &target.key)
                {
                    return Some(Err(Error::msg(format!(
                        "`{path}` is not one of the paths getStaticPaths of \"{}\" lists, and its fallback is false: it answers 404 and has nothing to regenerate",
                        self.def.routes[index].pattern()
                    ))));
                }
                let result = self.regenerate(&runtime, &target, render).await;
                Some(result.map(|page| match page.is_not_found() {
                    true => Revalidated::NotFound,
                    false => Revalidated::Regenerated,
                }))
            }
            PageHandler::ServerSide(_) => {
                let locale = located.locale.map_or("", |info| info.locale);
                let runtime = self.generation.latest();
                // The second level first: a purged instance must not load an old copy back.
                let mut purged = 0;
                if let Some(responses) = runtime.as_ref().and_then(|r| r.responses.as_ref()) {
                    let page = key_in(locale, &located.page_path);
                    match responses.purge(self.def.build_id, &page).await {
                        Ok(count) => purged += count,
                        Err(error) => {
                            tracing::warn!(path, %error, "the shared cache's second level was not purged");
                        }
                    }
                }
                purged += self
                    .shared_cache
                    .get()
                    .map_or(0, |cache| cache.purge(locale, &located.page_path));
                // The other instances sharing the store purge their copies too.
                if let Some(store) = runtime.and_then(|runtime| runtime.store) {
                    let key = crate::ssg::PageKey::new(
                        self.def.build_id,
                        located.locale.map(|info| info.locale),
                        located.page_path.clone().into_owned(),
                    );
                    if let Err(error) = store.announce(&key).await {
                        tracing::warn!(path, %error, "the other instances were not told to purge");
                    }
                }
                Some(Ok(Revalidated::Purged(purged)))
            }
            PageHandler::Static(_) | PageHandler::Api(_) => None,
        }
    }
}

/// A target's path as logs show it: `/posts/1`, `fr /posts/1`.
fn shown(target: &Target) -> String {
    match split_key(&target.key) {
        ("", path) => path.to_owned(),
        (locale, path) => format!("{locale} {path}"),
    }
}

/// Every site of this process, for [`crate::revalidate`].
static SITES: RwLock<Vec<&'static Site>> = RwLock::new(Vec::new());

thread_local! {
    /// The sites mounted on this thread, the latest first: a call from a request reaches
    /// the app that request reached before any other app of the process.
    static SITES_HERE: std::cell::RefCell<Vec<&'static Site>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Makes `site` known to [`crate::revalidate`], first of all on this thread.
pub(super) fn register(site: &'static Site) {
    let mut sites = SITES.write().expect("no panic holds it");
    if !sites.iter().any(|known| std::ptr::eq(*known, site)) {
        sites.push(site);
    }
    SITES_HERE.with(|here| {
        let mut here = here.borrow_mut();
        here.retain(|known| !std::ptr::eq(*known, site));
        here.insert(0, site);
    });
}

/// The sites to try for a path: this thread's, latest first, then the process's others.
fn candidates() -> Vec<&'static Site> {
    let mut sites = SITES_HERE.with(|here| here.borrow().clone());
    for site in SITES.read().expect("no panic holds it").iter() {
        if !sites.iter().any(|known| std::ptr::eq(*known, *site)) {
            sites.push(site);
        }
    }
    sites
}

/// [`crate::revalidate`]: the first site with a page at `path` regenerates or purges it,
/// trying the sites mounted on this thread (the request's app) first.
pub(crate) async fn revalidate(path: &str) -> Result<Revalidated, Error> {
    if !path.starts_with('/') {
        return Err(Error::msg(format!(
            "cannot revalidate `{path}`: give the page's path, starting with `/`, such as `/posts/1`"
        )));
    }
    let sites = candidates();
    if sites.is_empty() {
        return Err(Error::msg(
            "cannot revalidate: no site is mounted in this process yet",
        ));
    }
    for site in sites {
        if let Some(result) = site.revalidate(path).await {
            return result;
        }
    }
    Err(Error::msg(format!(
        "cannot revalidate `{path}`: no page with #[get_static_props] or #[get_server_side_props] answers it"
    )))
}
