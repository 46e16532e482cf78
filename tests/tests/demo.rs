//! pages-demo, the example blog, on a database of its own per test (SQLite in a temporary
//! directory, or a private PostgreSQL cluster): the post list and comments come from it,
//! the posts are generated pages that a comment regenerates, the comment form stores
//! through Post/Redirect/Get, mistakes keep what was typed, and a broken database is a 500
//! page while the generated posts are still served.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use actix_web::web;
use common::{call, form_post, production, Response};
use next_tests::postgres::Postgres;
use pages_demo::Db;

/// A fresh demo database (migrated and seeded); the directory lives as long as the value.
async fn fresh_db() -> (web::Data<Db>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/demo.db?mode=rwc", dir.path().display());
    (web::Data::new(Db::connect(&url).await.unwrap()), dir)
}

async fn send(db: &web::Data<Db>, req: TestRequest) -> Response {
    call(pages_demo::configure(db.clone(), production()), req).await
}

/// The blog's generated post pages are one set per process, as in a real server, while
/// each test here has a database of its own: tests that read or change posts take turns,
/// and first regenerate the posts from their own database.
static POSTS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn posts_from(db: &web::Data<Db>) -> tokio::sync::MutexGuard<'static, ()> {
    let turn = POSTS.lock().await;
    // Mounted with this database: `revalidate` generates from it.
    send(db, TestRequest::get().uri("/")).await;
    for locale in ["", "/fr"] {
        for id in 1..=3 {
            let path = format!("{locale}/posts/{id}");
            next_runtime::revalidate(&path).await.unwrap();
        }
    }
    turn
}

#[actix_web::test]
async fn the_posts_come_from_the_database() {
    let (db, _dir) = fresh_db().await;
    let _turn = posts_from(&db).await;
    let home = send(&db, TestRequest::get().uri("/")).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Hello from Rust"), "{}", home.body);
    assert!(home.body.contains(r#"href="/posts/3""#));
    let post = send(&db, TestRequest::get().uri("/posts/2")).await;
    assert!(post.body.contains("File-based routing"));
    assert!(post.body.contains("No comments yet."));
    // A generated page, kept for a minute: Next's headers.
    assert_eq!(post.header("x-nextjs-cache"), Some("HIT"));
    assert_eq!(
        post.header("cache-control"),
        Some("s-maxage=60, stale-while-revalidate")
    );
    assert!(post
        .body
        .contains(r#"<form method="post" action="/posts/2/comment">"#));
    let missing = send(&db, TestRequest::get().uri("/posts/99")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn a_comment_is_stored_the_post_regenerated_and_the_answer_a_redirect_back() {
    let (db, _dir) = fresh_db().await;
    let _turn = posts_from(&db).await;
    let posted = send(
        &db,
        form_post(
            "/posts/1/comment",
            "author=Ada&body=Lovely+%3Cb%3Epost%3C%2Fb%3E",
        ),
    )
    .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    assert_eq!(posted.header("location"), Some("/posts/1#comments"));
    let page = send(&db, TestRequest::get().uri("/posts/1")).await;
    assert!(
        page.body
            .contains("<b>Ada</b>: Lovely &lt;b&gt;post&lt;/b&gt;"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("No comments yet."));
    // Another post's comments are its own; a French page redirects to itself.
    let other = send(&db, TestRequest::get().uri("/posts/2")).await;
    assert!(other.body.contains("No comments yet."));
    let french = send(
        &db,
        form_post("/fr/posts/2/comment", "author=Zo%C3%A9&body=Merci"),
    )
    .await;
    assert_eq!(french.header("location"), Some("/fr/posts/2#comments"));
    let page = send(&db, TestRequest::get().uri("/fr/posts/2")).await;
    assert!(page.body.contains("<b>Zoé</b>: Merci"), "{}", page.body);
}

#[actix_web::test]
async fn a_mistake_shows_the_form_again_with_what_was_typed() {
    let (db, _dir) = fresh_db().await;
    let _turn = posts_from(&db).await;
    let blank = send(
        &db,
        form_post("/posts/1/comment", "author=Ada+%22L%22&body=++"),
    )
    .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        blank.body.contains("Please write a comment."),
        "{}",
        blank.body
    );
    assert!(
        blank.body.contains(r#"value="Ada &quot;L&quot;""#),
        "{}",
        blank.body
    );
    let nameless = send(&db, form_post("/posts/1/comment", "author=&body=Kept+text")).await;
    assert!(nameless.body.contains("Please give your name."));
    assert!(
        nameless.body.contains(">Kept text</textarea>"),
        "{}",
        nameless.body
    );
    let page = send(&db, TestRequest::get().uri("/posts/1")).await;
    assert!(page.body.contains("No comments yet."), "nothing stored");
    // A body that is no comment form is told so, with the extractor's status.
    let junk = send(&db, form_post("/posts/1/comment", "nonsense")).await;
    assert_eq!(junk.status, StatusCode::BAD_REQUEST);
    assert!(
        junk.body.contains("Your comment could not be read"),
        "{}",
        junk.body
    );
    let huge = format!("author=Ada&body={}", "x".repeat(20_000));
    let huge = TestRequest::post()
        .uri("/posts/1/comment")
        .insert_header(("content-type", "application/x-www-form-urlencoded"))
        .set_payload(huge);
    let huge = send(&db, huge).await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        huge.body.contains("Your comment could not be read"),
        "{}",
        huge.body
    );
    let json = TestRequest::post()
        .uri("/posts/1/comment")
        .set_json(serde_json::json!({ "author": "Ada", "body": "hi" }));
    assert_eq!(
        send(&db, json).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let page = send(&db, TestRequest::get().uri("/posts/1")).await;
    assert!(
        page.body.contains("No comments yet."),
        "still nothing stored"
    );
    let form = send(&db, TestRequest::get().uri("/posts/1/comment")).await;
    assert!(
        !form.body.contains("could not be read"),
        "a GET is no failed POST"
    );
    // The post itself is a generated page: a comment posts elsewhere.
    let post = send(&db, form_post("/posts/1", "author=A&body=B")).await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[actix_web::test]
async fn a_broken_database_is_the_500_page_and_the_generated_posts_are_still_served() {
    let (db, _dir) = fresh_db().await;
    let _turn = posts_from(&db).await;
    db.close().await;
    for req in [
        TestRequest::get().uri("/"),
        form_post("/posts/1/comment", "author=A&body=B"),
    ] {
        let res = send(&db, req).await;
        assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!res.body.contains("pool"), "nothing internal: {}", res.body);
    }
    // The generated post outlives the database, and a failed regeneration keeps it.
    assert!(next_runtime::revalidate("/posts/1").await.is_err());
    let post = send(&db, TestRequest::get().uri("/posts/1")).await;
    assert_eq!(post.status, StatusCode::OK);
    assert!(post.body.contains("No comments yet."));
    let (healthy, _dir) = fresh_db().await;
    assert_eq!(
        send(&healthy, TestRequest::get().uri("/")).await.status,
        StatusCode::OK
    );
}

/// The CMS webhook: a wrong secret is refused; the right one regenerates the page now.
#[actix_web::test]
async fn the_revalidation_webhook_regenerates_a_post_for_the_right_secret() {
    let (db, _dir) = fresh_db().await;
    let _turn = posts_from(&db).await;
    std::env::set_var(
        pages_demo::pages::api_revalidate::SECRET_ENV,
        "demo webhook secret",
    );
    db.add_comment(3, "Cms", "Written elsewhere").await.unwrap();
    let page = send(&db, TestRequest::get().uri("/posts/3")).await;
    assert!(
        !page.body.contains("Written elsewhere"),
        "kept until revalidated"
    );
    let hook = |secret: &'static str| {
        TestRequest::post()
            .uri("/api/revalidate?path=/posts/3")
            .insert_header(("x-revalidate-secret", secret))
    };
    let refused = send(&db, hook("guess")).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let done = send(&db, hook("demo webhook secret")).await;
    assert_eq!(done.body, r#"{"revalidated":true}"#);
    let page = send(&db, TestRequest::get().uri("/posts/3")).await;
    assert!(
        page.body.contains("<b>Cms</b>: Written elsewhere"),
        "{}",
        page.body
    );
}

/// The same blog on PostgreSQL (`DATABASE_URL=postgres://...`): migrated, seeded, and the
/// comment form's whole round trip.
#[actix_web::test]
async fn the_blog_runs_the_same_on_postgresql() {
    let Some(postgres) = Postgres::start("the_blog_runs_the_same_on_postgresql") else {
        return;
    };
    let db = web::Data::new(Db::connect(&postgres.url).await.unwrap());
    let _turn = posts_from(&db).await;
    let home = send(&db, TestRequest::get().uri("/")).await;
    assert!(home.body.contains("Hello from Rust"), "{}", home.body);
    let posted = send(
        &db,
        form_post("/posts/3/comment", "author=Edgar&body=Relational"),
    )
    .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    let page = send(&db, TestRequest::get().uri("/posts/3")).await;
    assert!(
        page.body.contains("<b>Edgar</b>: Relational"),
        "{}",
        page.body
    );
    let blank = send(&db, form_post("/posts/3/comment", "author=Edgar&body=")).await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Connecting again (a restart) neither migrates twice nor seeds twice.
    let again = web::Data::new(Db::connect(&postgres.url).await.unwrap());
    let home = send(&again, TestRequest::get().uri("/")).await;
    assert_eq!(
        home.body.matches("<li>").count(),
        3,
        "three posts: {}",
        home.body
    );
    db.close().await;
    again.close().await;
}

/// The demo's stylesheet and icon come from `pages-demo/public/`, read from disk in this
/// debug build: linked from every page at their hashed URLs, served with their types.
#[actix_web::test]
async fn the_demo_links_its_stylesheet_and_icon_from_public() {
    let (db, _dir) = fresh_db().await;
    let home = send(&db, TestRequest::get().uri("/")).await;
    let start = home
        .body
        .find(r#"<link rel="stylesheet" href=""#)
        .expect("a stylesheet link")
        + r#"<link rel="stylesheet" href=""#.len();
    let href = &home.body[start..][..home.body[start..].find('"').unwrap()];
    assert!(
        href.starts_with("/_next/static/media/styles/site."),
        "{href}"
    );
    let css = send(&db, TestRequest::get().uri(href)).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(
        css.body,
        include_str!("../../pages-demo/public/styles/site.css")
    );
    assert!(home
        .body
        .contains(r#"<link rel="icon" type="image/svg+xml" href="/_next/static/media/favicon."#));
    let robots = send(&db, TestRequest::get().uri("/robots.txt")).await;
    assert_eq!(robots.body, "User-agent: *\nAllow: /\n");
}

#[actix_web::test]
async fn the_dashboard_is_behind_a_sign_in_gate() {
    let (db, _dir) = fresh_db().await;
    let gate = send(&db, TestRequest::get().uri("/dashboard")).await;
    assert_eq!(gate.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(gate.header("location"), Some("/sign-in?next=/dashboard"));
    for spelled in ["/%64ashboard", "/dashboar%64", "/%64%61shboard"] {
        let gate = send(&db, TestRequest::get().uri(spelled)).await;
        assert_eq!(
            gate.status,
            StatusCode::TEMPORARY_REDIRECT,
            "{spelled} is /dashboard to the router, so the gate stands"
        );
        assert_eq!(gate.header("location"), Some("/sign-in?next=/dashboard"));
    }
    let french = send(&db, TestRequest::get().uri("/fr/dashboard")).await;
    assert_eq!(
        french.header("location"),
        Some("/fr/sign-in?next=/fr/dashboard")
    );
    let api = send(&db, TestRequest::get().uri("/api/stats")).await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);

    let form = send(&db, TestRequest::get().uri("/sign-in?next=/dashboard")).await;
    assert!(
        form.body.contains(r#"name="next" value="/dashboard""#),
        "{}",
        form.body
    );
    let signed = send(&db, form_post("/api/session", "name=Ada&next=%2Fdashboard")).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    assert_eq!(signed.header("location"), Some("/dashboard"));
    let cookie = signed
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let inside = send(
        &db,
        TestRequest::get()
            .uri("/dashboard")
            .insert_header(("cookie", cookie.as_str())),
    )
    .await;
    assert_eq!(inside.status, StatusCode::OK);
    assert!(inside.body.contains("<h1>Dashboard</h1>"));
    let stats = send(
        &db,
        TestRequest::get()
            .uri("/api/stats")
            .insert_header(("cookie", cookie.as_str())),
    )
    .await;
    assert_eq!(stats.status, StatusCode::OK);

    let forged = send(
        &db,
        TestRequest::get()
            .uri("/dashboard")
            .insert_header(("cookie", "session=Ada")),
    )
    .await;
    assert_eq!(
        forged.status,
        StatusCode::TEMPORARY_REDIRECT,
        "an unsigned cookie is no session"
    );
    let off_site = send(
        &db,
        form_post("/api/session", "name=Ada&next=%2F%2Fevil.example"),
    )
    .await;
    assert_eq!(
        off_site.header("location"),
        Some("/"),
        "never back to another site"
    );
}
