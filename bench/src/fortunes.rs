//! TechEmpower's Fortunes test, as every server of the suite runs it: all rows of the
//! `fortune` table in one query, one more added at request time, sorted by message,
//! rendered as an escaped HTML table. The pool comes from `DATABASE_URL`; [`check`] holds
//! the rules a server's answer must meet.

use maud::{html, Markup};
use serde::Serialize;
use sqlx::postgres::{PgPool, PgPoolOptions};

/// Connections per server (the Next.js reference's `pg` pool has as many).
pub const POOL_SIZE: u32 = 8;

/// The message added to the rows at request time.
pub const ADDED: &str = "Additional fortune added at request time.";

#[derive(Serialize, sqlx::FromRow)]
pub struct Fortune {
    pub id: i32,
    pub message: String,
}

/// A pool for `DATABASE_URL`, connecting on first use; `None` without the variable.
pub fn pool_from_env() -> Option<PgPool> {
    let url = std::env::var("DATABASE_URL").ok()?;
    // No ping before each query (sqlx's default): one round trip per request, as the
    // Fortunes rules mean and the `pg` pool of the Next.js reference does.
    let pool = PgPoolOptions::new()
        .max_connections(POOL_SIZE)
        .test_before_acquire(false)
        .connect_lazy(&url)
        .unwrap_or_else(|error| panic!("DATABASE_URL is not a PostgreSQL URL: {error}"));
    Some(pool)
}

/// Every fortune, the added one included, sorted by message.
pub async fn fetch(pool: &PgPool) -> Result<Vec<Fortune>, sqlx::Error> {
    let mut fortunes: Vec<Fortune> = sqlx::query_as("SELECT id, message FROM fortune")
        .fetch_all(pool)
        .await?;
    fortunes.push(Fortune {
        id: 0,
        message: ADDED.to_owned(),
    });
    fortunes.sort_unstable_by(|a, b| a.message.cmp(&b.message));
    Ok(fortunes)
}

/// The table, escaped by maud.
pub fn table(fortunes: &[Fortune]) -> Markup {
    html! {
        table {
            tr { th { "id" } th { "message" } }
            @for fortune in fortunes {
                tr { td { (fortune.id) } td { (fortune.message) } }
            }
        }
    }
}

/// The Fortunes rules, checked on a server's answer: `text/html; charset=utf-8`, a table
/// of the 12 rows plus the added one, sorted by message, every message escaped.
pub fn check(content_type: &str, body: &str) -> Result<(), String> {
    if !content_type.eq_ignore_ascii_case("text/html; charset=utf-8") {
        return Err(format!("Content-Type is {content_type:?}"));
    }
    let table = body
        .find("<table>")
        .and_then(|start| Some(&body[start..start + body[start..].find("</table>")?]))
        .ok_or("no <table>")?;
    let cells: Vec<&str> = table
        .split("<td>")
        .skip(1)
        .map(|cell| cell.split("</td>").next().unwrap_or_default())
        .collect();
    let rows: Vec<(&str, &str)> = cells
        .chunks(2)
        .map(|pair| (pair[0], pair.get(1).copied().unwrap_or_default()))
        .collect();
    if rows.len() != 13 {
        return Err(format!("{} rows, not 13", rows.len()));
    }
    let escaped = |message: &str| message.contains("&lt;script&gt;") && !message.contains('"');
    if !rows
        .iter()
        .any(|(id, message)| *id == "11" && escaped(message))
    {
        return Err("row 11's <script> is not escaped".into());
    }
    if !rows
        .iter()
        .any(|(id, message)| *id == "0" && *message == ADDED)
    {
        return Err("the fortune added at request time is missing".into());
    }
    if !rows
        .iter()
        .any(|(id, message)| *id == "12" && *message == "フレームワークのベンチマーク")
    {
        return Err("row 12 (UTF-8) is missing or mangled".into());
    }
    let ids: Vec<&str> = rows.iter().map(|(id, _)| *id).collect();
    let sorted = [
        "11", "4", "5", "2", "8", "0", "3", "7", "10", "6", "9", "1", "12",
    ];
    if ids != sorted {
        return Err(format!("rows in order {ids:?}, not by message {sorted:?}"));
    }
    Ok(())
}
