//! Locales, through the `next-tests-i18n` app (en-US default, fr, nl-NL): path locales,
//! the root redirect, the context, `__NEXT_DATA__`, `<html lang>`, links and data routes.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use common::{call, production, Response};
use next_tests_i18n::pages;
use serde_json::json;

async fn send(req: TestRequest) -> Response {
    call(pages::configure_with(production()), req).await
}

async fn get(uri: &str) -> Response {
    send(TestRequest::get().uri(uri)).await
}

fn data(locale_path: &str) -> String {
    format!("/_next/data/{}{locale_path}.json", pages::BUILD_ID)
}

/// This app has no `404.rs`: Next's default 404 page.
fn assert_404(res: &Response, what: &str) {
    common::assert_error_page(
        res,
        StatusCode::NOT_FOUND,
        "<title>404: This page could not be found</title>",
        what,
    );
}

fn html_lang(page: &Response) -> &str {
    let start = page.body.find("<html lang=\"").expect("<html lang>") + 12;
    &page.body[start..start + page.body[start..].find('"').unwrap()]
}

#[actix_web::test]
async fn a_path_locale_is_the_context_locale_and_html_lang() {
    let page = get("/fr?x=1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(html_lang(&page), "fr");
    let next_data = page.next_data();
    assert_eq!(
        next_data["props"]["pageProps"],
        json!({"locale": "fr", "locales": ["en-US", "fr", "nl-NL"], "defaultLocale": "en-US", "resolvedUrl": "/?x=1"})
    );
    assert_eq!(next_data["locale"], "fr");
    assert_eq!(next_data["locales"], json!(["en-US", "fr", "nl-NL"]));
    assert_eq!(next_data["defaultLocale"], "en-US");
    assert_eq!(next_data["query"], json!({"x": "1"}));
}

#[actix_web::test]
async fn locales_match_case_insensitively_and_keep_their_spelling() {
    let page = get("/FR/posts/1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.next_data()["props"]["pageProps"]["locale"], "fr");
    let page = get("/nl-nl/posts/7").await;
    assert_eq!(
        page.next_data()["props"]["pageProps"],
        json!({"id": "7", "locale": "nl-NL"})
    );
    assert_eq!(html_lang(&page), "nl-NL");
    assert_eq!(get("/eN-uS").await.status, StatusCode::OK);
}

#[actix_web::test]
async fn unprefixed_paths_are_in_the_default_locale() {
    let page = get("/posts/1").await;
    assert_eq!(page.next_data()["props"]["pageProps"]["locale"], "en-US");
    assert_eq!(page.next_data()["locale"], "en-US");
    assert_eq!(html_lang(&page), "en-US");
    assert_404(&get("/de/posts/1").await, "/de/posts/1");
}

async fn root(headers: &[(&str, &str)], uri: &str) -> Response {
    let mut req = TestRequest::get().uri(uri);
    for (name, value) in headers {
        req = req.insert_header((*name, *value));
    }
    send(req).await
}

#[actix_web::test]
async fn root_redirects_to_the_preferred_locale() {
    let fr = root(
        &[("accept-language", "de, fr;q=0.9, en;q=0.1")],
        "/?a=1&b=2",
    )
    .await;
    assert_eq!(fr.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(fr.header("location"), Some("/fr?a=1&b=2"));
    assert_eq!(fr.body, "/fr?a=1&b=2");

    let nl = root(&[("accept-language", "nl")], "/").await;
    assert_eq!(
        nl.header("location"),
        Some("/nl-NL"),
        "a prefix of a locale matches it"
    );

    // The cookie comes first, matched case-insensitively.
    let cookie = [("cookie", "NEXT_LOCALE=NL-nl"), ("accept-language", "fr")];
    assert_eq!(root(&cookie, "/").await.header("location"), Some("/nl-NL"));
    let pinned = [("cookie", "NEXT_LOCALE=en-US"), ("accept-language", "fr")];
    assert_eq!(root(&pinned, "/").await.status, StatusCode::OK);

    // The default locale, an unknown one, or none: the page itself.
    for headers in [
        &[("accept-language", "en-US,fr;q=0.5")][..],
        &[("accept-language", "de")],
        &[("accept-language", "fr;q=bad")],
        &[("cookie", "NEXT_LOCALE=xx")],
        &[],
    ] {
        assert_eq!(
            root(headers, "/").await.status,
            StatusCode::OK,
            "{headers:?}"
        );
    }
    // Only `/` redirects.
    let page = root(&[("accept-language", "fr")], "/posts/1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.next_data()["locale"], "en-US");
    assert_eq!(
        root(&[("accept-language", "nl")], "/fr").await.status,
        StatusCode::OK
    );
}

#[actix_web::test]
async fn data_routes_carry_the_locale() {
    let req = TestRequest::get()
        .uri(&data("/fr/posts/3"))
        .insert_header(("x-nextjs-data", "1"));
    let res = send(req).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.json(),
        json!({"pageProps": {"id": "3", "locale": "fr"}, "__N_SSP": true})
    );
    assert_eq!(res.header("x-nextjs-matched-path"), Some("/fr/posts/[id]"));

    let root = get(&data("/nl-NL")).await;
    assert_eq!(root.json()["pageProps"]["locale"], "nl-NL");
    assert_eq!(root.json()["pageProps"]["resolvedUrl"], "/");
    assert_eq!(
        get(&data("/en-US")).await.json()["pageProps"]["locale"],
        "en-US"
    );

    // The client always writes the locale; without it there is no data.
    assert_404(&get(&data("/posts/3")).await, "data without a locale");
    assert_404(&get(&data("/index")).await, "data without a locale");
}

#[actix_web::test]
async fn links_stay_in_the_locale_being_rendered() {
    let fr = get("/fr/posts/1").await;
    assert!(
        fr.body.contains(r#"<a href="/fr/about">About</a>"#),
        "{}",
        fr.body
    );
    assert!(
        fr.body.contains(r#"<a href="/fr">Home</a>"#),
        "_app too: {}",
        fr.body
    );
    assert!(fr
        .body
        .contains(r#"<a href="/fr" hreflang="fr">Français</a>"#));
    assert!(fr
        .body
        .contains(r#"<a href="/en-US" hreflang="en-US">English</a>"#));

    let default = get("/posts/1").await;
    assert!(default.body.contains(r#"<a href="/about">About</a>"#));
    assert!(default.body.contains(r#"<a href="/">Home</a>"#));
}

#[actix_web::test]
async fn static_pages_are_rendered_per_locale() {
    let fr = get("/fr/about").await;
    assert_eq!(fr.status, StatusCode::OK);
    assert_eq!(html_lang(&fr), "fr");
    assert_eq!(fr.next_data()["locale"], "fr");
    assert!(fr.body.contains(r#"<a href="/fr/posts/2">"#));
    assert!(
        fr.body.contains(r#"<p id="locale">fr</p>"#),
        "rendering_locale()"
    );
    let en = get("/about").await;
    assert_eq!(html_lang(&en), "en-US");
    assert!(en.body.contains(r#"<a href="/posts/2">"#));
    assert!(en.body.contains(r#"<p id="locale">en-US</p>"#));
    assert_ne!(fr.header("etag"), en.header("etag"));
}

#[actix_web::test]
async fn api_routes_are_not_localized() {
    assert_eq!(get("/api/hello").await.body, "hello");
    assert_404(&get("/fr/api/hello").await, "/fr/api/hello");
    let hello = root(&[("accept-language", "fr")], "/api/hello").await;
    assert_eq!(hello.body, "hello", "only `/` redirects");
}

/// docs/i18n.md: error pages are rendered once, in the default locale (Next renders a 404
/// per locale; docs/differences.md says so).
#[actix_web::test]
async fn a_missing_page_in_a_locale_is_the_404_page() {
    for uri in ["/fr/no/such/page", "/no/such/page", "/nl-NL/posts/1/extra"] {
        let res = get(uri).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            res.body
                .contains("<title>404: This page could not be found</title>"),
            "{uri}: {}",
            res.body
        );
        assert_eq!(html_lang(&res), "en-US", "{uri}");
        assert_eq!(res.next_data()["page"], "/404", "{uri}");
    }
    assert_404(
        &get(&data("/fr/no/such/page")).await,
        "data of a missing page",
    );
}

/// The shared cache keys a page by its locale: `/posts/1` is `/en-US/posts/1` (the default
/// locale), and the same page in French is another entry.
#[actix_web::test]
async fn the_shared_cache_keys_pages_by_locale() {
    use std::sync::atomic::Ordering;
    let settings = production().shared_cache(1 << 20);
    let cached = |uri: &'static str| {
        call(
            pages::configure_with(settings.clone()),
            TestRequest::get().uri(uri),
        )
    };
    let state = |res: &Response| res.header("x-nextjs-cache").map(str::to_owned);
    let renders = || next_tests_i18n::SHARED_RENDERS.load(Ordering::SeqCst);
    let before = renders();
    let default = cached("/posts/41?shared=1").await;
    assert_eq!(state(&default).as_deref(), Some("MISS"));
    let explicit = cached("/en-US/posts/41?shared=1").await;
    assert_eq!(state(&explicit).as_deref(), Some("HIT"), "the same page");
    assert_eq!(explicit.body, default.body);
    let fr = cached("/fr/posts/41?shared=1").await;
    assert_eq!(state(&fr).as_deref(), Some("MISS"), "not the English copy");
    assert_eq!(fr.next_data()["props"]["pageProps"]["locale"], "fr");
    let fr_upper = cached("/FR/posts/41?shared=1").await;
    assert_eq!(
        state(&fr_upper).as_deref(),
        Some("HIT"),
        "locales match in any case"
    );
    assert_eq!(renders() - before, 2);
}

/// A cached `/` is still the default locale's page only for visitors who prefer no other:
/// the visitor's `Accept-Language` and `NEXT_LOCALE` cookie are not in the cache key, so
/// the root is always routed, hit or not.
#[actix_web::test]
async fn a_cached_root_still_redirects_by_preference() {
    let settings = production().shared_cache(1 << 20);
    let cached = |headers: &'static [(&'static str, &'static str)]| {
        let mut req = TestRequest::get().uri("/?shared=root");
        for header in headers {
            req = req.insert_header(*header);
        }
        call(pages::configure_with(settings.clone()), req)
    };
    let state = |res: &Response| res.header("x-nextjs-cache").map(str::to_owned);
    assert_eq!(state(&cached(&[]).await).as_deref(), Some("MISS"));
    assert_eq!(state(&cached(&[]).await).as_deref(), Some("HIT"));
    let fr = cached(&[("accept-language", "fr")]).await;
    assert_eq!(fr.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(fr.header("location"), Some("/fr?shared=root"));
    let cookie = cached(&[("cookie", "NEXT_LOCALE=nl-NL")]).await;
    assert_eq!(cookie.header("location"), Some("/nl-NL?shared=root"));
    assert_eq!(state(&cached(&[]).await).as_deref(), Some("HIT"));
}

/// `Config::locale_detection(false)` (Next's `localeDetection: false`): `/` is the default
/// locale's page whatever the visitor prefers; path locales still work.
#[actix_web::test]
async fn without_locale_detection_the_root_never_redirects() {
    let undetected = |headers: &[(&'static str, &'static str)], uri: &'static str| {
        let mut req = TestRequest::get().uri(uri);
        for header in headers {
            req = req.insert_header(*header);
        }
        call(
            next_tests_i18n_no_detection::pages::configure_with(production()),
            req,
        )
    };
    for headers in [
        &[("accept-language", "fr")][..],
        &[("cookie", "NEXT_LOCALE=fr")],
        &[],
    ] {
        let res = undetected(headers, "/").await;
        assert_eq!(res.status, StatusCode::OK, "{headers:?}");
        assert!(
            res.body.contains(r#"<h1 id="locale">en-US</h1>"#),
            "{headers:?}: {}",
            res.body
        );
        assert_eq!(html_lang(&res), "en-US");
    }
    let fr = undetected(&[("accept-language", "fr")], "/fr").await;
    assert_eq!(fr.status, StatusCode::OK);
    assert!(
        fr.body.contains(r#"<h1 id="locale">fr</h1>"#),
        "{}",
        fr.body
    );
    // The same request to the app that detects is redirected: the setting made the
    // difference.
    let detected = root(&[("accept-language", "fr")], "/").await;
    assert_eq!(detected.status, StatusCode::TEMPORARY_REDIRECT);
}

/// Static generation with locales: a page without params is generated in every locale, a
/// dynamic one in the locales its paths name (the default one when they name none).
#[actix_web::test]
async fn static_pages_are_generated_per_locale() {
    for (uri, locale) in [
        ("/generated", "en-US"),
        ("/fr/generated", "fr"),
        ("/nl-NL/generated", "nl-NL"),
    ] {
        let page = get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(
            page.body
                .contains(&format!("<h1>Generated in {locale}</h1>")),
            "{uri}: {}",
            page.body
        );
        assert_eq!(page.header("x-nextjs-cache"), Some("HIT"), "{uri}");
        assert_eq!(html_lang(&page), locale);
        assert_eq!(page.next_data()["locale"], locale);
        assert_eq!(
            page.next_data()["props"]["pageProps"]["locales"],
            json!(["en-US", "fr", "nl-NL"])
        );
    }
    // Its links stay in the locale it was generated in.
    assert!(get("/fr/generated")
        .await
        .body
        .contains(r#"href="/fr/about""#));
    let json = get(&data("/fr/generated")).await;
    assert_eq!(json.json()["pageProps"]["locale"], "fr");
    assert_eq!(json.json()["__N_SSG"], true);

    assert!(get("/guides/start")
        .await
        .body
        .contains("<h1>start in en-US</h1>"));
    assert!(get("/fr/guides/start")
        .await
        .body
        .contains("<h1>start in fr</h1>"));
    assert!(get("/nl-NL/guides/only-dutch")
        .await
        .body
        .contains("<h1>only-dutch in nl-NL</h1>"));
    assert_404(&get("/nl-NL/guides/start").await, "not listed in Dutch");
    assert_404(&get("/guides/only-dutch").await, "not listed in English");

    // On-demand revalidation names the locale by its prefix.
    assert_eq!(
        next_runtime::revalidate("/fr/guides/start").await.unwrap(),
        next_runtime::Revalidated::Regenerated
    );
    assert!(next_runtime::revalidate("/guides/only-dutch")
        .await
        .is_err());
}
