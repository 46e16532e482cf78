//! `cargo next dev` in headless Chromium: the page reloads itself after an edit, a changed
//! stylesheet is swapped in place without a reload, and a compile error shows as an
//! overlay with its file and line over the last good page, gone once the fix serves.
//! Needs Debian's `chromium` and `chromium-driver`, as `tests/tests/browser.rs`;
//! `NEXT_SKIP_BROWSER=1` skips it.

mod common;
#[path = "../../tests/tests/driver/mod.rs"]
mod driver;

use std::time::{Duration, Instant};

use common::{edit, new_app, Dev};
use driver::Driver;
use fantoccini::Client;
use serde_json::Value;

const FIRST_BUILD: Duration = Duration::from_secs(20 * 60);
const REBUILD: Duration = Duration::from_secs(180);

/// Evaluates `script` (the body of a function) in the page until it returns `expected`.
async fn wait_until(client: &Client, script: &str, expected: Value, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    loop {
        // A reload may be under way: then the script fails, and is tried again.
        let value = client.execute(script, vec![]).await.ok();
        if value.as_ref() == Some(&expected) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{script} gave {value:?}, not {expected} within {timeout:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

const HEADING: &str = "return document.querySelector('h1')?.textContent ?? null";
const MARKER: &str = "return window.unchanged ?? false";
const OVERLAY: &str =
    "return document.querySelector('next-dev-overlay')?.shadowRoot.textContent ?? ''";

#[tokio::test(flavor = "current_thread")]
async fn the_page_reloads_itself_swaps_styles_and_shows_compile_errors() {
    let Some(driver) =
        Driver::start("the_page_reloads_itself_swaps_styles_and_shows_compile_errors")
    else {
        return;
    };
    let (_scratch, app) = new_app("browser-app");
    let dev = Dev::start(&app);
    let port = dev.port;
    dev.wait_for("/", "Welcome to browser-app", FIRST_BUILD);

    let client = driver.browser(true).await;
    client
        .goto(&format!("http://127.0.0.1:{port}/"))
        .await
        .unwrap();
    wait_until(&client, HEADING, "Welcome to browser-app".into(), REBUILD).await;
    // Gone after a reload, kept across a stylesheet swap.
    client
        .execute("window.unchanged = true", vec![])
        .await
        .unwrap();

    // A stylesheet from public/ changes: swapped in place, no reload, no rebuild.
    let css = app.join("public/styles/site.css");
    let mut sheet = std::fs::read_to_string(&css).unwrap();
    sheet.push_str("h1 { color: rgb(200, 0, 0); }\n");
    std::fs::write(&css, sheet).unwrap();
    let colour = "return getComputedStyle(document.querySelector('h1')).color";
    wait_until(
        &client,
        colour,
        "rgb(200, 0, 0)".into(),
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(
        client.execute(MARKER, vec![]).await.unwrap(),
        true,
        "no reload"
    );

    // A page edit: the page reloads itself with the new text.
    let index = app.join("src/pages/index.rs");
    edit(&index, "Welcome to browser-app", "Reloaded by itself");
    wait_until(&client, HEADING, "Reloaded by itself".into(), REBUILD).await;
    assert_eq!(
        client.execute(MARKER, vec![]).await.unwrap(),
        false,
        "a reload"
    );

    // A compile error: the overlay, over the last good page.
    edit(
        &index,
        "    html! {",
        "    let broken: u32 = \"no\";\n    html! {",
    );
    let deadline = Instant::now() + REBUILD;
    let overlay = loop {
        let text = client.execute(OVERLAY, vec![]).await.unwrap();
        let text = text.as_str().unwrap_or_default().to_string();
        if !text.is_empty() || Instant::now() > deadline {
            break text;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    for expected in [
        "Failed to compile",
        "error[E0308]: mismatched types",
        "src/pages/index.rs:5:23",
        "let broken: u32 = \"no\";",
        "expected `u32`, found `&str`",
    ] {
        assert!(
            overlay.contains(expected),
            "the overlay lacks {expected:?}: {overlay}"
        );
    }
    let marked = "return document.querySelector('next-dev-overlay').shadowRoot.querySelector('mark').textContent";
    assert_eq!(client.execute(marked, vec![]).await.unwrap(), "\"no\"");
    assert_eq!(
        client.execute(HEADING, vec![]).await.unwrap(),
        "Reloaded by itself"
    );

    // The fix: the overlay goes and the page reloads by itself.
    edit(&index, "    let broken: u32 = \"no\";\n", "");
    edit(&index, "Reloaded by itself", "Fixed in place");
    wait_until(&client, HEADING, "Fixed in place".into(), REBUILD).await;
    wait_until(&client, OVERLAY, "".into(), Duration::from_secs(5)).await;

    client.close().await.unwrap();
    assert!(dev.stop().success());
}
