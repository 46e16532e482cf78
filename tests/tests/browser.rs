//! The client router in real headless Chromium, driven over WebDriver (chromedriver +
//! fantoccini) against the test app on 127.0.0.1. Needs Debian's `chromium` and
//! `chromium-driver` (`.ci/run` installs them). Without them these tests fail, unless the
//! runner opts out with `NEXT_SKIP_BROWSER=1`: then each says on the terminal, outside
//! libtest's capture, that it was skipped.

mod common;
mod driver;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::Server;
use driver::Driver;
use fantoccini::{Client, Locator};
use next_tests::POST_PROPS_RUNS;
use serde_json::{json, Value};

/// A browser test's world: chromedriver, the app's server, and a browser on it. Fields
/// drop in order: the browser session, then the server, then chromedriver.
struct Session {
    client: Client,
    /// `http://127.0.0.1:PORT` of the server.
    base: String,
    _server: Server,
    _driver: Driver,
}

/// Starts the test app and a browser (with or without JavaScript) for the running test;
/// `None` when browser tests are skipped.
async fn session(javascript: bool) -> Option<Session> {
    session_with(javascript, Server::start).await
}

/// [`session`] for the app `start` serves.
async fn session_with(javascript: bool, start: impl FnOnce() -> Server) -> Option<Session> {
    // libtest names each test's thread after the test.
    let thread = std::thread::current();
    let driver = Driver::start(thread.name().unwrap_or("a browser test"))?;
    let server = start();
    let base = format!("http://{}", server.addr);
    let client = driver.browser(javascript).await;
    Some(Session {
        client,
        base,
        _server: server,
        _driver: driver,
    })
}

/// Waits until `condition` holds for the page, or fails naming `what`.
async fn wait_for(client: &Client, what: &str, script: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let value = client.execute(script, vec![]).await.unwrap_or(Value::Null);
        if value != Value::Null && value != Value::Bool(false) {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn path(client: &Client) -> String {
    let url = client.current_url().await.unwrap();
    match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    }
}

async fn text(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn click(client: &Client, href: &str) {
    let link = client
        .find(Locator::Css(&format!("a[href='{href}']")))
        .await
        .unwrap();
    link.click().await.unwrap();
}

/// A marker that only survives as long as the page is not reloaded.
const MARKER: &str = "return window.__marker === 42";

/// Loads `url` in full, waits for the router, and marks the page (see [`not_reloaded`]).
async fn open(client: &Client, url: &str) {
    client.goto(url).await.unwrap();
    wait_for(
        client,
        "the router",
        "return !!(window.next && window.next.router)",
    )
    .await;
    client
        .execute("window.__marker = 42", vec![])
        .await
        .unwrap();
}

/// Waits until the page's `<h1>` reads `heading`.
async fn wait_for_heading(client: &Client, heading: &str) {
    let script = format!(
        "return !!document.querySelector('h1') && document.querySelector('h1').textContent === {}",
        json!(heading)
    );
    wait_for(client, heading, &script).await;
}

/// Whether the page is still the one the marker was set on (no full reload since).
async fn not_reloaded(client: &Client) -> bool {
    client.execute(MARKER, vec![]).await.unwrap() == json!(true)
}

/// Clicks `href` and expects a full page load that shows `text` at that URL.
async fn click_expecting_full_load(client: &Client, href: &str, text: &str) {
    click(client, href).await;
    let script = format!(
        "return document.body.textContent.indexOf({}) >= 0",
        json!(text)
    );
    wait_for(client, text, &script).await;
    assert_eq!(path(client).await, href);
    assert!(!not_reloaded(client).await, "{href}: expected a full load");
}

#[tokio::test(flavor = "current_thread")]
async fn client_side_transitions_in_a_real_browser() {
    let Some(session) = session(true).await else {
        return;
    };
    let (client, base) = (session.client.clone(), &session.base);

    open(&client, &format!("{base}/")).await;
    client
        .execute(
            "window.__events = [];\
             ['routeChangeStart','routeChangeComplete','routeChangeError'].forEach(function (name) {\
               window.addEventListener(name, function () { window.__events.push(name); });\
             });",
            vec![],
        )
        .await
        .unwrap();

    // A click is a client-side transition: new URL, content and title, no reload, and the
    // props function runs once.
    let runs = POST_PROPS_RUNS.load(Ordering::SeqCst);
    click(&client, "/posts/2").await;
    wait_for(&client, "/posts/2 to render", "return document.querySelector('h1') && document.querySelector('h1').textContent === 'Post 2'").await;
    assert_eq!(path(&client).await, "/posts/2");
    assert_eq!(client.title().await.unwrap(), "Post 2 | Test app");
    assert_eq!(
        client.execute(MARKER, vec![]).await.unwrap(),
        json!(true),
        "no full reload"
    );
    assert_eq!(
        POST_PROPS_RUNS.load(Ordering::SeqCst) - runs,
        1,
        "the props function runs once"
    );
    let events = client
        .execute("return window.__events", vec![])
        .await
        .unwrap();
    assert_eq!(events, json!(["routeChangeStart", "routeChangeComplete"]));
    assert_eq!(
        text(&client, "#layout").await,
        "Test app",
        "the layout stays"
    );
    let data = client
        .execute(
            "return JSON.parse(document.getElementById('__NEXT_DATA__').textContent)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(data["page"], "/posts/[id]");
    assert_eq!(data["props"]["pageProps"]["id"], 2);

    // Back and forward restore the pages, still without a reload.
    client.back().await.unwrap();
    wait_for(
        &client,
        "back to /",
        "return location.pathname === '/' && document.querySelector('h1').textContent === 'Home'",
    )
    .await;
    assert_eq!(client.title().await.unwrap(), "");
    client.forward().await.unwrap();
    wait_for_heading(&client, "Post 2").await;
    assert!(not_reloaded(&client).await);

    // A page's inline script runs after a transition: it fetches from an API route.
    client.back().await.unwrap();
    wait_for(&client, "back home", "return document.querySelector('h1') && document.querySelector('h1').textContent === 'Home'").await;
    click(&client, "/client-fetch").await;
    wait_for(&client, "the client-side fetch", "return document.getElementById('result') && document.getElementById('result').textContent === 'world'").await;
    assert!(not_reloaded(&client).await);

    // `window.next.router.push` navigates from code; a page's head tags follow.
    client
        .execute("window.next.router.push('/about')", vec![])
        .await
        .unwrap();
    wait_for(&client, "/about", "return document.title === 'About <us>'").await;
    let description = client
        .execute(
            "return document.querySelector('meta[name=description]').content",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(description, "Who we are");

    // A redirect result ends on the destination, still client-side.
    client
        .execute("window.next.router.push('/')", vec![])
        .await
        .unwrap();
    wait_for_heading(&client, "Home").await;
    click(&client, "/posts/0").await;
    wait_for(
        &client,
        "the redirect's destination",
        "return location.pathname === '/posts/1'",
    )
    .await;
    wait_for_heading(&client, "Post 1").await;
    assert!(not_reloaded(&client).await);

    // A transition slower than 150 ms shows the progress bar, and removes it when done;
    // `replace` leaves the history as long as it was. The render waits at a gate until
    // the bar has been seen, so nothing races a fixed delay.
    let history = client
        .execute("return history.length", vec![])
        .await
        .unwrap();
    client
        .execute("window.next.router.replace('/slow?gate=progress')", vec![])
        .await
        .unwrap();
    wait_for(
        &client,
        "the progress bar",
        "return !!document.getElementById('__next-progress')",
    )
    .await;
    next_tests::open_gate("progress");
    wait_for_heading(&client, "Slow (until released)").await;
    assert_eq!(
        client
            .execute(
                "return !!document.getElementById('__next-progress')",
                vec![]
            )
            .await
            .unwrap(),
        json!(false)
    );
    assert_eq!(
        client
            .execute("return history.length", vec![])
            .await
            .unwrap(),
        history
    );
    assert_eq!(path(&client).await, "/slow?gate=progress");

    // After a redeploy the page's build ID is stale: the data route answers 404 and the
    // router loads the page in full.
    client
        .execute("window.next.router.push('/')", vec![])
        .await
        .unwrap();
    wait_for_heading(&client, "Home").await;
    client
        .execute(
            "var el = document.getElementById('__NEXT_DATA__'); var data = JSON.parse(el.textContent);\
             data.buildId = 'an-older-build'; el.textContent = JSON.stringify(data);",
            vec![],
        )
        .await
        .unwrap();
    click(&client, "/posts/2").await;
    wait_for(
        &client,
        "a full load of /posts/2",
        "return location.pathname === '/posts/2' && window.__marker === undefined",
    )
    .await;
    assert_eq!(text(&client, "h1").await, "Post 2");
    client
        .execute("window.__marker = 42", vec![])
        .await
        .unwrap();

    // A not-found result loads the real 404 page in full.
    client
        .execute("window.next.router.push('/')", vec![])
        .await
        .unwrap();
    wait_for_heading(&client, "Home").await;
    click_expecting_full_load(&client, "/posts/nope", "Custom 404").await;

    // An error falls back to a full load of the real 500 page.
    open(&client, &format!("{base}/")).await;
    click_expecting_full_load(&client, "/failures?mode=error", "Custom 500").await;

    client.close().await.unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn links_work_without_javascript() {
    let Some(session) = session(false).await else {
        return;
    };
    let client = session.client.clone();
    client.goto(&format!("{}/", session.base)).await.unwrap();
    let router = client.execute("return typeof window.next", vec![]).await;
    assert!(
        router.is_err() || router.unwrap() == json!("undefined"),
        "JavaScript is off"
    );
    // Not /posts/2: the transition test counts that page's renders, in parallel.
    click(&client, "/about").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while path(&client).await != "/about" {
        assert!(Instant::now() < deadline, "the plain link did not navigate");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(text(&client, "h1").await, "About");
    assert_eq!(client.title().await.unwrap(), "About <us>");
    client.close().await.unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn transitions_keep_the_locale() {
    let i18n_app = || {
        Server::start_app(|cfg| next_tests_i18n::pages::configure_with(common::production())(cfg))
    };
    let Some(session) = session_with(true, i18n_app).await else {
        return;
    };
    let (client, base) = (session.client.clone(), &session.base);
    let lang = "return document.documentElement.lang";

    open(&client, &format!("{base}/fr")).await;
    assert_eq!(text(&client, "h1").await, "fr");
    click(&client, "/fr/posts/1").await;
    wait_for_heading(&client, "Post 1 (fr)").await;
    assert_eq!(path(&client).await, "/fr/posts/1");
    click(&client, "/fr/about").await;
    wait_for_heading(&client, "About").await;
    assert!(not_reloaded(&client).await, "client-side all along");
    assert_eq!(client.execute(lang, vec![]).await.unwrap(), json!("fr"));

    // router.push stays in the current locale; the switcher leaves it, <html lang> follows.
    client
        .execute("window.next.router.push('/posts/5')", vec![])
        .await
        .unwrap();
    wait_for_heading(&client, "Post 5 (fr)").await;
    assert_eq!(path(&client).await, "/fr/posts/5");
    client
        .execute("window.next.router.push('/nl-NL/posts/6')", vec![])
        .await
        .unwrap();
    wait_for_heading(&client, "Post 6 (nl-NL)").await;
    assert_eq!(client.execute(lang, vec![]).await.unwrap(), json!("nl-NL"));
    click(&client, "/en-US").await;
    wait_for_heading(&client, "en-US").await;
    assert_eq!(client.execute(lang, vec![]).await.unwrap(), json!("en-US"));
    assert!(not_reloaded(&client).await);
    client.close().await.unwrap();
}

/// Issue 10: a redirect to `javascript:` from a props function, or a `push` of one, never
/// runs; the router reports `routeChangeError` and stays on the page.
#[tokio::test(flavor = "current_thread")]
async fn javascript_urls_are_never_followed() {
    let Some(session) = session(true).await else {
        return;
    };
    let (client, base) = (session.client.clone(), &session.base);
    open(&client, &format!("{base}/")).await;
    client
        .execute(
            "window.__errors = 0; window.addEventListener('routeChangeError', function () { window.__errors++; });",
            vec![],
        )
        .await
        .unwrap();
    client
        .execute(
            "window.next.router.push('/failures?mode=js-redirect')",
            vec![],
        )
        .await
        .unwrap();
    wait_for(
        &client,
        "the refused redirect",
        "return window.__errors === 1",
    )
    .await;
    client
        .execute(
            "window.next.router.push('javascript:window.__pwned=true')",
            vec![],
        )
        .await
        .unwrap();
    wait_for(&client, "the refused push", "return window.__errors === 2").await;
    // Give a followed URL every chance to run before looking.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pwned = client
        .execute("return window.__pwned === true", vec![])
        .await
        .unwrap();
    assert_eq!(pwned, json!(false), "a javascript: URL ran");
    assert_eq!(path(&client).await, "/");
    assert!(not_reloaded(&client).await);
    wait_for_heading(&client, "Home").await;
}

/// Records the router's events in `sessionStorage`, where they survive a full page load
/// in the same tab; [`recorded_events`] reads them.
const RECORD_EVENTS: &str = "sessionStorage.setItem('events', '[]');\
    ['routeChangeStart','routeChangeComplete','routeChangeError'].forEach(function (name) {\
      window.addEventListener(name, function () {\
        var events = JSON.parse(sessionStorage.getItem('events')); events.push(name);\
        sessionStorage.setItem('events', JSON.stringify(events));\
      });\
    });";

async fn recorded_events(client: &Client) -> Value {
    client
        .execute(
            "return JSON.parse(sessionStorage.getItem('events'))",
            vec![],
        )
        .await
        .unwrap()
}

/// Whether the router took over a click on `selector` with the given event fields: a
/// window listener, which runs after the router's, reads `defaultPrevented` and then
/// cancels the browser's own navigation so the page stays put.
async fn router_took(client: &Client, selector: &str, init: Value) -> bool {
    let script = "var taken = null;\
        var seen = function (e) { taken = e.defaultPrevented; e.preventDefault(); };\
        window.addEventListener('click', seen);\
        var init = Object.assign({ bubbles: true, cancelable: true, button: 0 }, arguments[1]);\
        document.querySelector(arguments[0]).dispatchEvent(new MouseEvent('click', init));\
        window.removeEventListener('click', seen);\
        return taken;";
    let taken = client
        .execute(script, vec![json!(selector), init])
        .await
        .unwrap();
    taken
        .as_bool()
        .unwrap_or_else(|| panic!("{selector}: no click seen"))
}

/// The links a browser must handle itself (new tab, download, modifier keys, API routes,
/// other origins, a `#hash` on the same page) are left alone; a plain or `_self` link is
/// the router's. A transition to a `#hash` scrolls to its element, any other to the top.
#[tokio::test(flavor = "current_thread")]
async fn the_router_leaves_some_links_to_the_browser_and_scrolls_to_hashes() {
    let Some(session) = session(true).await else {
        return;
    };
    let client = session.client.clone();
    open(&client, &format!("{}/links", session.base)).await;
    for (selector, init) in [
        ("#plain", json!({"ctrlKey": true})),
        ("#plain", json!({"metaKey": true})),
        ("#plain", json!({"shiftKey": true})),
        ("#plain", json!({"altKey": true})),
        ("#plain", json!({"button": 1})),
        ("#blank", json!({})),
        ("#download", json!({})),
        ("#api", json!({})),
        ("#hash", json!({})),
        ("#external", json!({})),
    ] {
        assert!(
            !router_took(&client, selector, init.clone()).await,
            "{selector} {init}: the router took a link the browser must handle"
        );
    }
    assert_eq!(path(&client).await, "/links", "nothing navigated");
    assert!(
        router_took(&client, "#self", json!({})).await,
        "a target=_self link is the router's"
    );
    wait_for_heading(&client, "About").await;
    assert!(not_reloaded(&client).await);

    // To a hash: the element is at the top of the viewport.
    client
        .execute("window.next.router.push('/links#bottom')", vec![])
        .await
        .unwrap();
    wait_for_heading(&client, "Links").await;
    wait_for(
        &client,
        "the scroll to #bottom",
        "return Math.abs(document.getElementById('bottom').getBoundingClientRect().top) <= 1",
    )
    .await;
    let scrolled = client
        .execute("return window.scrollY", vec![])
        .await
        .unwrap();
    assert!(scrolled.as_f64().unwrap() > 1000.0, "scrollY {scrolled}");
    assert_eq!(path(&client).await, "/links");
    // Anywhere else: back to the top.
    client
        .execute("window.next.router.push('/links?again=1')", vec![])
        .await
        .unwrap();
    wait_for(
        &client,
        "the scroll to the top",
        "return location.search === '?again=1' && window.scrollY === 0",
    )
    .await;
    assert!(not_reloaded(&client).await);
    client.close().await.unwrap();
}

/// When the data route cannot be reached, the router reports `routeChangeError` and loads
/// the page in full; a redirect to another origin is handed to the browser.
#[tokio::test(flavor = "current_thread")]
async fn the_browser_takes_over_on_network_errors_and_other_origins() {
    let Some(session) = session(true).await else {
        return;
    };
    let client = session.client.clone();
    open(&client, &format!("{}/", session.base)).await;
    client.execute(RECORD_EVENTS, vec![]).await.unwrap();
    client
        .execute(
            "window.fetch = function () { return Promise.reject(new TypeError('Failed to fetch')); };",
            vec![],
        )
        .await
        .unwrap();
    click(&client, "/about").await;
    wait_for(
        &client,
        "a full load of /about",
        "return location.pathname === '/about' && window.__marker === undefined \
         && !!document.querySelector('h1') && document.querySelector('h1').textContent === 'About'",
    )
    .await;
    assert_eq!(
        recorded_events(&client).await,
        json!(["routeChangeStart", "routeChangeError"])
    );

    // The props function redirects to `localhost`, another origin than 127.0.0.1.
    open(&client, &format!("{}/", session.base)).await;
    client
        .execute("window.next.router.push('/failures?mode=external')", vec![])
        .await
        .unwrap();
    wait_for(
        &client,
        "the other origin",
        "return location.hostname === 'localhost' && location.pathname === '/about' \
         && !!document.querySelector('h1') && document.querySelector('h1').textContent === 'About'",
    )
    .await;
    client.close().await.unwrap();
}

/// Issue 12: pages-demo's comment form in a real browser. A comment posts to the post's
/// comment page, which stores it, regenerates the post and redirects back
/// (Post/Redirect/Get), so it shows and a reload does not post it again; a blank comment
/// shows the message with the name still typed in.
#[tokio::test(flavor = "current_thread")]
async fn the_demo_comment_form_stores_and_shows_a_comment() {
    let Some((session, _dir)) = demo_session().await else {
        return;
    };
    let (client, base) = (session.client.clone(), &session.base);
    open(&client, &format!("{base}/posts/2")).await;
    type_into(&client, "input[name=author]", "Grace").await;
    type_into(&client, "textarea[name=body]", "Found the bug <here>").await;
    submit(&client).await;
    let comments = wait_for(
        &client,
        "the new comment",
        "return [...document.querySelectorAll('.comment')].map(c => c.textContent).join('|') || null",
    )
    .await;
    assert_eq!(comments, json!("Grace: Found the bug <here>"));
    assert_eq!(
        path(&client).await,
        "/posts/2",
        "redirected back to the page"
    );
    client.refresh().await.unwrap();
    let one_comment = "return document.querySelectorAll('.comment').length === 1";
    wait_for(&client, "the reloaded page", one_comment).await;

    type_into(&client, "input[name=author]", "Grace").await;
    submit(&client).await;
    let error = wait_for(
        &client,
        "the error",
        "return document.querySelector('.error') && document.querySelector('.error').textContent",
    )
    .await;
    assert_eq!(error, json!("Please write a comment."));
    let kept = "return document.querySelector('input[name=author]').value";
    assert_eq!(client.execute(kept, vec![]).await.unwrap(), json!("Grace"));
    assert_eq!(path(&client).await, "/posts/2/comment", "the comment page");
    client.close().await.unwrap();
}

/// Issue 13: pages-demo looks like a site. Its stylesheet, icon and logo come from
/// `public/` at their `asset!` URLs, read from disk as a debug build does, and the browser
/// applies them: computed styles, a decoded image, an icon that loads.
#[tokio::test(flavor = "current_thread")]
async fn the_demo_is_styled_from_public() {
    let Some((session, _dir)) = demo_session().await else {
        return;
    };
    let (client, base) = (session.client.clone(), &session.base);
    open(&client, &format!("{base}/")).await;
    let heading = wait_for(
        &client,
        "the stylesheet",
        "const c = getComputedStyle(document.querySelector('h1')).color; \
         return c === 'rgb(0, 0, 0)' ? null : c",
    )
    .await;
    assert_eq!(
        heading,
        json!("rgb(29, 36, 51)"),
        "h1 takes site.css's colour"
    );
    let background = "return getComputedStyle(document.body).backgroundColor";
    assert_eq!(
        client.execute(background, vec![]).await.unwrap(),
        json!("rgb(251, 250, 247)")
    );
    let logo = wait_for(
        &client,
        "the logo",
        "const img = document.querySelector('img.logo'); \
         return img && img.complete && img.naturalWidth ? [img.naturalWidth, img.getAttribute('src')] : null",
    )
    .await;
    assert_eq!(logo[0], json!(32));
    assert!(
        logo[1]
            .as_str()
            .unwrap()
            .starts_with("/_next/static/media/img/logo."),
        "{logo}"
    );
    let icon = client
        .execute(
            "return fetch(document.querySelector('link[rel=icon]').href) \
             .then(r => r.status + ' ' + r.headers.get('content-type'))",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(icon, json!("200 image/svg+xml; charset=utf-8"));
    client.close().await.unwrap();
}

/// A browser on pages-demo, on a fresh SQLite database in a temporary directory that lives
/// as long as the returned value; `None` when the browser tests are skipped.
async fn demo_session() -> Option<(Session, tempfile::TempDir)> {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/demo.db?mode=rwc", dir.path().display());
    let db = actix_web::web::Data::new(pages_demo::Db::connect(&url).await.unwrap());
    let demo = move || Server::start_app(pages_demo::configure(db.clone(), common::production()));
    Some((session_with(true, demo).await?, dir))
}

/// Types `text` into the form field `css` finds.
async fn type_into(client: &Client, css: &str, text: &str) {
    let field = client.find(Locator::Css(css)).await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Submits the page's form with its submit button.
async fn submit(client: &Client) {
    let button = client
        .find(Locator::Css("button[type=submit]"))
        .await
        .unwrap();
    button.click().await.unwrap();
}

/// The demo's sign-in gate is a middleware redirect: clicking "Dashboard" without a session
/// lands on the sign-in page as a client-side transition, with the URL the redirect gave;
/// signing in goes back to the dashboard.
#[tokio::test(flavor = "current_thread")]
async fn a_middleware_redirect_during_a_transition_is_followed() {
    let Some((session, _dir)) = demo_session().await else {
        return;
    };
    let (client, base) = (session.client.clone(), &session.base);
    open(&client, &format!("{base}/")).await;
    click(&client, "/dashboard").await;
    wait_for_heading(&client, "Sign in").await;
    assert_eq!(path(&client).await, "/sign-in?next=/dashboard");
    assert!(
        not_reloaded(&client).await,
        "followed as a transition, no full load"
    );
    type_into(&client, "input[name=name]", "Ada").await;
    submit(&client).await;
    wait_for_heading(&client, "Dashboard").await;
    assert_eq!(path(&client).await, "/dashboard");
    wait_for(
        &client,
        "the stats",
        "return document.querySelector('#stats').textContent.indexOf('Posts: 3') >= 0",
    )
    .await;
    client.close().await.unwrap();
}

/// A client-side transition to a rewritten URL shows the page it is rewritten to and keeps
/// the URL the user clicked, for a config rewrite and a middleware one alike.
#[tokio::test(flavor = "current_thread")]
async fn transitions_to_rewritten_urls_keep_the_url() {
    let app = || {
        Server::start_app(|cfg| next_tests_rules::pages::configure_with(common::production())(cfg))
    };
    let Some(session) = session_with(true, app).await else {
        return;
    };
    let (client, base) = (session.client.clone(), &session.base);
    for (href, heading) in [
        ("/shop/socks", "Echo socks"),
        ("/mw/rewrite", "Echo from-mw"),
    ] {
        open(&client, &format!("{base}/")).await;
        click(&client, href).await;
        wait_for_heading(&client, heading).await;
        assert_eq!(path(&client).await, href);
        assert!(not_reloaded(&client).await, "{href}: a transition");
    }
    client.close().await.unwrap();
}

/// Under a base path, links and `router.push` stay inside it as transitions.
#[tokio::test(flavor = "current_thread")]
async fn transitions_stay_under_the_base_path() {
    let app = || {
        Server::start_app(|cfg| {
            next_tests_base_path::pages::configure_with(common::production())(cfg)
        })
    };
    let Some(session) = session_with(true, app).await else {
        return;
    };
    let (client, base) = (session.client.clone(), &session.base);
    open(&client, &format!("{base}/shop/")).await;
    click(&client, "/shop/about/").await;
    wait_for_heading(&client, "About the shop").await;
    assert_eq!(path(&client).await, "/shop/about/");
    assert!(not_reloaded(&client).await, "a transition");
    client
        .execute("window.next.router.push('/posts/3')", vec![])
        .await
        .unwrap();
    wait_for_heading(&client, "Post 3").await;
    assert_eq!(path(&client).await, "/shop/posts/3");
    assert!(not_reloaded(&client).await, "push writes the base path");
    client.close().await.unwrap();
}

/// Issue 16: a `fallback: true` page's first visit shows its stand-in at once; the router
/// fetches the page through the data route while it is generated and swaps it in, without
/// a reload.
#[tokio::test(flavor = "current_thread")]
async fn a_fallback_page_shows_its_stand_in_then_fills_in_the_generated_page() {
    let Some(session) = session(true).await else {
        return;
    };
    let (client, base) = (&session.client, &session.base);
    // Its generation waits at this gate until the stand-in has been seen.
    open(client, &format!("{base}/ssg/fallback/gated-browser")).await;
    assert_eq!(text(client, "#loading").await, "Loading…");
    let fallback =
        "return JSON.parse(document.getElementById('__NEXT_DATA__').textContent).isFallback";
    assert_eq!(client.execute(fallback, vec![]).await.unwrap(), json!(true));
    next_tests::open_gate("gated-browser");
    wait_for_heading(client, "Post gated-browser").await;
    assert!(not_reloaded(client).await, "filled in, not reloaded");
    assert_eq!(
        client.execute(fallback, vec![]).await.unwrap(),
        json!(false)
    );
    assert_eq!(path(client).await, "/ssg/fallback/gated-browser");
    assert_eq!(client.title().await.unwrap(), "Post gated-browser");
    // The next visit gets the generated page itself.
    client.refresh().await.unwrap();
    wait_for_heading(client, "Post gated-browser").await;
    assert_eq!(
        client.execute(fallback, vec![]).await.unwrap(),
        json!(false)
    );
    client.clone().close().await.unwrap();
}
