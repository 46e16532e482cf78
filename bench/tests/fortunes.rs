//! CI's check of the Fortunes test on both Rust servers, against a private PostgreSQL
//! cluster seeded with `bench/fortunes.sql`: each answer meets the rules
//! (`next_bench::fortunes::check`), and both send the same bytes. `bench/bench.py` checks
//! Next.js's the same way before it measures.

mod common;

use next_bench::fortunes;
use next_tests::postgres::Postgres;

#[actix_web::test]
async fn both_servers_answer_fortunes_by_the_rules() {
    let Some(postgres) = Postgres::start("both_servers_answer_fortunes_by_the_rules") else {
        return;
    };
    let pool = sqlx::PgPool::connect(&postgres.url).await.unwrap();
    sqlx::raw_sql(include_str!("../fortunes.sql"))
        .execute(&pool)
        .await
        .unwrap();
    let mut answers = Vec::new();
    for framework in [true, false] {
        let (status, headers, body) =
            common::answer(framework, Some(pool.clone()), "/fortunes").await;
        assert_eq!(status, 200, "framework: {framework}");
        let content_type = headers
            .iter()
            .find(|(name, _)| name == "content-type")
            .map_or("", |(_, value)| value.as_str());
        if let Err(broken) = fortunes::check(content_type, &body) {
            panic!("framework: {framework}: {broken}\n{body}");
        }
        answers.push((headers, body));
    }
    assert_eq!(
        answers[0], answers[1],
        "both servers send the same headers and bytes"
    );
    pool.close().await;
}

#[test]
fn the_check_catches_what_the_rules_forbid() {
    let row = |id: &str, message: &str| format!("<tr><td>{id}</td><td>{message}</td></tr>");
    let ids = [
        "11", "4", "5", "2", "8", "0", "3", "7", "10", "6", "9", "1", "12",
    ];
    let message = |id: &str| match id {
        "11" => "&lt;script&gt;alert(&quot;x&quot;);&lt;/script&gt;".to_owned(),
        "0" => fortunes::ADDED.to_owned(),
        "12" => "フレームワークのベンチマーク".to_owned(),
        other => format!("fortune {other}"),
    };
    let table = |ids: &[&str]| {
        let rows: String = ids.iter().map(|id| row(id, &message(id))).collect();
        format!("<table><tr><th>id</th><th>message</th></tr>{rows}</table>")
    };
    let html = "text/html; charset=utf-8";
    assert_eq!(fortunes::check(html, &table(&ids)), Ok(()));
    assert!(
        fortunes::check("text/html", &table(&ids)).is_err(),
        "charset"
    );
    assert!(
        fortunes::check(html, &table(&ids[1..])).is_err(),
        "a row short"
    );
    let mut unsorted = ids;
    unsorted.swap(1, 2);
    assert!(
        fortunes::check(html, &table(&unsorted)).is_err(),
        "unsorted"
    );
    let raw = table(&ids).replace("&lt;script&gt;", "<script>");
    assert!(fortunes::check(html, &raw).is_err(), "unescaped");
}
