//! `build.rs`'s URL rules (tests/rules-app/build.rs), through the real generated table:
//! each kind of rule, its conditions, and Next's order of evaluation.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use common::{call, production, Response};
use next_tests_rules::pages;
use serde_json::{json, Value};

async fn send(req: TestRequest) -> Response {
    call(pages::configure_with(production()), req).await
}

async fn get(uri: &str) -> Response {
    send(TestRequest::get().uri(uri)).await
}

fn data(page_path: &str) -> String {
    next_runtime::data_url(pages::BUILD_ID, page_path)
}

fn h1(res: &Response) -> String {
    let start = res.body.find("<h1>").expect("a heading") + 4;
    res.body[start..start + res.body[start..].find("</h1>").unwrap()].to_owned()
}

fn props(res: &Response) -> Value {
    res.next_data()["props"]["pageProps"].clone()
}

#[actix_web::test]
async fn header_rules_add_to_every_matching_answer() {
    let about = get("/about").await;
    assert_eq!(about.status, StatusCode::OK);
    assert_eq!(
        about.header("x-app"),
        Some("rules"),
        "`/(.*)` matches every page"
    );
    assert_eq!(about.header("x-signed-in"), None, "the cookie is missing");
    let blog = get("/blog/hello").await;
    assert_eq!(
        blog.header("x-blog-slug"),
        Some("hello"),
        "a param in the value"
    );
    let signed_in = send(
        TestRequest::get()
            .uri("/about")
            .insert_header(("cookie", "session=1")),
    )
    .await;
    assert_eq!(signed_in.header("x-signed-in"), Some("yes"));
    let file = get("/legacy.txt").await;
    assert_eq!(file.header("x-app"), Some("rules"), "public files too");
    let missing = get("/api/nothing/here").await;
    assert_eq!(
        missing.header("x-app"),
        Some("rules"),
        "and redirects, fallbacks, 404s"
    );
}

#[actix_web::test]
async fn redirects_answer_with_their_status_and_fill_in_the_destination() {
    let permanent = get("/old-blog/hello?ref=x").await;
    assert_eq!(permanent.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        permanent.header("location"),
        Some("/blog/hello?ref=x"),
        "the query is kept"
    );
    assert_eq!(
        permanent.header("refresh"),
        Some("0;url=/blog/hello?ref=x"),
        "Next's Refresh for 308"
    );
    assert_eq!(
        permanent.header("x-app"),
        Some("rules"),
        "header rules apply first"
    );

    let external = get("/docs/guide/intro").await;
    assert_eq!(external.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        external.header("location"),
        Some("https://docs.example.com/guide/intro")
    );
    assert_eq!(
        get("/DOCS").await.header("location"),
        Some("https://docs.example.com"),
        "sources match case-insensitively"
    );
    assert_eq!(
        get("/docs/a/").await.header("location"),
        Some("/docs/a"),
        "the trailing slash goes first, as Next's own redirect does before the app's"
    );

    let moved = get("/moved?x=1").await;
    assert_eq!(moved.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(moved.header("location"), Some("/about?x=1&from=moved"));
}

#[actix_web::test]
async fn conditions_decide_and_their_captures_fill_the_destination() {
    let gate = get("/dashboard").await;
    assert_eq!(
        gate.status,
        StatusCode::TEMPORARY_REDIRECT,
        "`missing` cookie: redirected"
    );
    assert_eq!(gate.header("location"), Some("/about?login=1"));
    let through = send(
        TestRequest::get()
            .uri("/dashboard")
            .insert_header(("cookie", "a=b; session=abc")),
    )
    .await;
    assert_eq!(through.status, StatusCode::OK);
    assert_eq!(h1(&through), "Dashboard");

    let plan = get("/plan?plan=team").await;
    assert_eq!(
        plan.header("location"),
        Some("/echo/team?plan=team"),
        "a named group is a param"
    );
    let other = get("/plan?plan=teams").await;
    assert_ne!(
        other.status,
        StatusCode::TEMPORARY_REDIRECT,
        "the value must match whole"
    );
}

#[actix_web::test]
async fn a_rewrite_serves_another_page_at_the_url_asked_for() {
    let shop = get("/shop/socks?color=red").await;
    assert_eq!(shop.status, StatusCode::OK);
    assert_eq!(h1(&shop), "Echo socks");
    let next_data = shop.next_data();
    assert_eq!(next_data["page"], "/echo/[slug]");
    assert_eq!(
        next_data["query"],
        json!({"color": "red", "ref": "shop", "slug": "socks"})
    );
    let props = props(&shop);
    assert_eq!(
        props["resolved_url"], "/echo/socks?color=red",
        "the rewritten path, the request's query"
    );
    assert_eq!(
        props["req_path"], "/shop/socks",
        "ctx.req is the request as sent"
    );
}

#[actix_web::test]
async fn unused_params_go_into_the_query() {
    let fallback = get("/no/such/page").await;
    assert_eq!(h1(&fallback), "Echo fallback");
    assert_eq!(
        fallback.next_data()["query"]["path"],
        json!(["no", "such", "page"])
    );
}

#[actix_web::test]
async fn the_data_route_follows_the_rules_of_its_page_path() {
    let shop = get(&data("/shop/socks")).await;
    assert_eq!(shop.status, StatusCode::OK);
    assert_eq!(shop.json()["pageProps"]["slug"], "socks");
    assert_eq!(shop.json()["pageProps"]["resolved_url"], "/echo/socks");
    let redirect = get(&data("/old-blog/hello")).await;
    assert_eq!(
        redirect.status,
        StatusCode::OK,
        "the client router follows it"
    );
    assert_eq!(
        redirect.json()["pageProps"],
        json!({"__N_REDIRECT": "/blog/hello", "__N_REDIRECT_STATUS": 308})
    );
}

/// One request per step of Next's order, each showing the step before it wins.
#[actix_web::test]
async fn rules_run_in_nexts_order() {
    // Redirects before beforeFiles rewrites: `/order` has both.
    assert_eq!(get("/order").await.header("location"), Some("/about"));
    // beforeFiles rewrites before public files: `/robots.txt` exists, yet serves legacy.txt.
    assert_eq!(get("/robots.txt").await.body, "legacy file\n");
    // ... and before pages, here only with the header they ask for.
    assert_eq!(h1(&get("/about").await), "About");
    let before = send(
        TestRequest::get()
            .uri("/about")
            .insert_header(("x-before", "1")),
    )
    .await;
    assert_eq!(h1(&before), "Echo about-before");
    // beforeFiles rewrites chain: each sees the path the one before it wrote.
    assert_eq!(h1(&get("/chain-a").await), "Echo chained");
    // Public files before afterFiles rewrites: `/legacy.txt` has one, the file wins.
    assert_eq!(get("/legacy.txt").await.body, "legacy file\n");
    // afterFiles rewrites before dynamic routes: `/blog/special` matches `blog/[slug]`.
    assert_eq!(h1(&get("/blog/special").await), "Echo special-after");
    // Dynamic routes before fallback rewrites: `/:path*` matches everything.
    assert_eq!(h1(&get("/blog/other").await), "Blog other");
    // Fallback rewrites last.
    assert_eq!(h1(&get("/anything").await), "Echo fallback");
    // API routes are pages too.
    assert_eq!(get("/api/hello").await.body, "hello");
}

#[actix_web::test]
async fn the_middleware_redirects_rewrites_or_answers() {
    let redirect = get("/mw/redirect").await;
    assert_eq!(redirect.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(redirect.header("location"), Some("/about?from=mw"));
    assert_eq!(
        redirect.header("x-app"),
        Some("rules"),
        "header rules run before it"
    );

    let rewrite = get("/mw/rewrite?x=1").await;
    assert_eq!(h1(&rewrite), "Echo from-mw");
    assert_eq!(
        rewrite.next_data()["query"],
        json!({"x": "1", "via": "mw", "slug": "from-mw"})
    );
    assert_eq!(props(&rewrite)["resolved_url"], "/echo/from-mw?x=1");

    let respond = get("/mw/respond").await;
    assert_eq!(
        (respond.status, respond.body.as_str()),
        (StatusCode::OK, "from middleware")
    );

    let headers = get("/mw/headers").await;
    assert_eq!(
        props(&headers)["from_middleware"],
        "1",
        "the page sees the request header"
    );
    assert_eq!(
        headers.header("x-mw-answer"),
        Some("yes"),
        "the answer gets its header"
    );

    let untouched = get("/about").await;
    assert_eq!(
        h1(&untouched),
        "About",
        "outside its matcher it does not run"
    );
}

#[actix_web::test]
async fn a_failing_middleware_gives_the_500_page() {
    for path in ["/mw/error", "/mw/panic", "/mw/bad-header"] {
        let res = get(path).await;
        assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert!(
            !res.body.contains("session store"),
            "{path}: no details in production"
        );
    }
    let dev = call(
        pages::configure_with(common::dev()),
        TestRequest::get().uri("/mw/error"),
    )
    .await;
    assert!(
        dev.body
            .contains("src/middleware.rs failed: the session store is down"),
        "{}",
        dev.body
    );
    let dev = call(
        pages::configure_with(common::dev()),
        TestRequest::get().uri("/mw/bad-header"),
    )
    .await;
    assert!(
        dev.body.contains("not a valid HTTP header name and value"),
        "{}",
        dev.body
    );
    assert_eq!(
        get("/about").await.status,
        StatusCode::OK,
        "and the app goes on"
    );
}

#[actix_web::test]
async fn on_the_data_route_the_middleware_sees_the_page_path() {
    let redirect = get(&data("/mw/redirect")).await;
    assert_eq!(redirect.status, StatusCode::OK);
    assert_eq!(
        redirect.json()["pageProps"],
        json!({"__N_REDIRECT": "/about?from=mw", "__N_REDIRECT_STATUS": 307}),
        "the client router follows it"
    );
    let rewrite = get(&data("/mw/rewrite")).await;
    assert_eq!(
        rewrite.json()["pageProps"]["slug"],
        "from-mw",
        "the rewritten page's data"
    );
}

#[actix_web::test]
async fn the_middleware_runs_after_redirects_and_before_the_rewrites() {
    assert_eq!(
        get("/order").await.header("location"),
        Some("/about"),
        "the redirect rule first"
    );
    assert_eq!(
        h1(&get("/mw-before").await),
        "Echo chained",
        "then beforeFiles on its path"
    );
}

#[actix_web::test]
async fn a_host_condition_captures_from_the_host() {
    let shop = send(
        TestRequest::get()
            .uri("/about")
            .insert_header(("host", "socks.example.com:8080")),
    )
    .await;
    assert_eq!(
        shop.header("x-shop"),
        Some("socks"),
        "the port is no part of the host"
    );
    let other = send(
        TestRequest::get()
            .uri("/about")
            .insert_header(("host", "example.org")),
    )
    .await;
    assert_eq!(other.header("x-shop"), None);
}

#[actix_web::test]
async fn the_middleware_runs_before_public_files_and_api_routes() {
    let file = get("/private.txt").await;
    assert_eq!(
        (file.status, file.body.as_str()),
        (StatusCode::FORBIDDEN, "not for you")
    );
    let api = get("/api/hello").await;
    assert_eq!(
        (api.body.as_str(), api.header("x-mw-api")),
        ("hello", Some("1"))
    );
    // Spelled with escapes, they are the same file and route: the middleware sees them.
    let file = get("/priv%61te.txt").await;
    assert_eq!(
        (file.status, file.body.as_str()),
        (StatusCode::FORBIDDEN, "not for you")
    );
    let api = get("/api/hell%6f").await;
    assert_eq!(api.header("x-mw-api"), Some("1"));
}
