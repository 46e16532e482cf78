//! A test app with its own `src/pages/`, served through the real generated route table by
//! the HTTP tests in `tests/`.

use std::collections::HashMap;

pub mod nginx;
pub mod ports;
pub mod postgres;
pub mod redis;

next_runtime::include_pages!();

/// How many times `posts/[id].rs`'s props function has run in this process, so browser
/// tests can check that a client-side transition runs it exactly once.
pub static POST_PROPS_RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The base URL of the HTTP API `upstream.rs` calls (`http://127.0.0.1:PORT`).
pub struct Upstream(pub String);

/// App state for `extractors.rs`, which takes it as `Option<web::Data<Greeting>>`.
pub struct Greeting(pub String);

thread_local! {
    /// How many times `extractors.rs`'s props function has run on this thread: a failing
    /// extractor must stop the request before it. Per thread, as each in-process test
    /// serves its requests on its own thread while other tests run.
    pub static EXTRACTOR_PAGE_RUNS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many times `cached.rs`'s props function has run for each `?k=` key, so the shared
/// cache tests can count renders exactly while other tests run in parallel.
static CACHED_RUNS: std::sync::LazyLock<std::sync::Mutex<HashMap<String, usize>>> =
    std::sync::LazyLock::new(Default::default);

/// Counts one more render for `key`; returns the count.
pub fn count_cached_run(key: &str) -> usize {
    let mut runs = CACHED_RUNS.lock().unwrap();
    let count = runs.entry(key.to_owned()).or_default();
    *count += 1;
    *count
}

/// How many times `cached.rs` rendered for `key`.
pub fn cached_runs(key: &str) -> usize {
    CACHED_RUNS.lock().unwrap().get(key).copied().unwrap_or(0)
}

/// The most renders of `cached.rs` that ran at once for each `?k=` key, by their delay.
static CACHED_OVERLAP: std::sync::LazyLock<std::sync::Mutex<HashMap<String, (usize, usize)>>> =
    std::sync::LazyLock::new(Default::default);

/// A render of `cached.rs` in its delay; counts how many overlap.
pub struct InFlight(String);

impl InFlight {
    pub fn enter(key: &str) -> Self {
        let mut overlap = CACHED_OVERLAP.lock().unwrap();
        let (now, most) = overlap.entry(key.to_owned()).or_default();
        *now += 1;
        *most = (*most).max(*now);
        InFlight(key.to_owned())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some((now, _)) = CACHED_OVERLAP.lock().unwrap().get_mut(&self.0) {
            *now -= 1;
        }
    }
}

/// The most renders of `cached.rs` for `key` that were in their delay at once.
pub fn cached_overlap(key: &str) -> usize {
    CACHED_OVERLAP
        .lock()
        .unwrap()
        .get(key)
        .map_or(0, |(_, most)| *most)
}

/// A set of names shared by the test app's pages and the tests that drive them.
struct Names(std::sync::LazyLock<std::sync::Mutex<std::collections::HashSet<String>>>);

impl Default for Names {
    fn default() -> Self {
        Names::new()
    }
}

impl Names {
    const fn new() -> Self {
        Names(std::sync::LazyLock::new(Default::default))
    }

    fn set(&self, name: &str, present: bool) {
        let mut names = self.0.lock().unwrap();
        if present {
            names.insert(name.to_owned());
        } else {
            names.remove(name);
        }
    }

    fn contains(&self, name: &str) -> bool {
        self.0.lock().unwrap().contains(name)
    }
}

/// The `?k=` keys whose backend is down: `cached.rs` fails for them as with `?fail=1`, so
/// a test can fail a background refresh without changing the URL (the cache key).
static BACKEND_DOWN: Names = Names::new();

/// Takes `key`'s backend down, or brings it back.
pub fn set_backend_down(key: &str, down: bool) {
    BACKEND_DOWN.set(key, down);
}

/// Whether `cached.rs` must fail for `key`.
pub fn backend_down(key: &str) -> bool {
    BACKEND_DOWN.contains(key)
}

/// The gates `slow.rs?gate=NAME` waits at, opened by a test when it has seen what happens
/// while a render is slow (the router's progress bar): no race against a fixed delay.
static OPEN_GATES: Names = Names::new();

/// Lets the renders waiting at gate `name` finish.
pub fn open_gate(name: &str) {
    OPEN_GATES.set(name, true);
}

/// Whether gate `name` is open.
pub fn gate_open(name: &str) -> bool {
    OPEN_GATES.contains(name)
}

/// The test app's content for its static pages (`src/pages/ssg/`): posts by id, which
/// tests change and then watch being regenerated, and how often each page was generated.
/// One per process, given to the settings as app state ([`cms`]).
#[derive(Default)]
pub struct Cms {
    posts: std::sync::Mutex<HashMap<String, String>>,
    runs: std::sync::Mutex<HashMap<String, usize>>,
    failing: Names,
}

impl Cms {
    /// Sets post `id`'s title (`None` removes the post).
    pub fn set(&self, id: &str, title: Option<&str>) {
        let mut posts = self.posts.lock().unwrap();
        match title {
            Some(title) => posts.insert(id.to_owned(), title.to_owned()),
            None => posts.remove(id),
        };
    }

    /// Post `id`'s title.
    pub fn title(&self, id: &str) -> Option<String> {
        self.posts.lock().unwrap().get(id).cloned()
    }

    /// Counts one more generation of `page`; returns the count.
    pub fn count(&self, page: &str) -> usize {
        let mut runs = self.runs.lock().unwrap();
        let count = runs.entry(page.to_owned()).or_default();
        *count += 1;
        *count
    }

    /// How many times `page` was generated.
    pub fn runs(&self, page: &str) -> usize {
        self.runs.lock().unwrap().get(page).copied().unwrap_or(0)
    }

    /// Makes generating post `id` fail (its database is down), or work again.
    pub fn set_failing(&self, id: &str, failing: bool) {
        self.failing.set(id, failing);
    }

    /// Whether generating post `id` must fail.
    pub fn failing(&self, id: &str) -> bool {
        self.failing.contains(id)
    }
}

/// The process's [`Cms`], as the app state the static pages take: posts `1`, `2` and `d`
/// to begin with.
pub fn cms() -> actix_web::web::Data<Cms> {
    static CMS: std::sync::LazyLock<actix_web::web::Data<Cms>> = std::sync::LazyLock::new(|| {
        let cms = Cms::default();
        cms.set("1", Some("First post"));
        cms.set("2", Some("Second post"));
        cms.set("d", Some("Post for drafts"));
        actix_web::web::Data::new(cms)
    });
    CMS.clone()
}
