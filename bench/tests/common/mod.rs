//! What the benchmark servers answer, seen as a client would, for the smoke tests.

use actix_web::test::{call_service, init_service, read_body, TestRequest};
use actix_web::{web, App};
use next_bench::{handwritten, pages};
use next_runtime::Settings;

/// Status, headers (sorted) and body of `uri` from the framework's app or the hand-written
/// one, with `pool` as the Fortunes test's database.
pub async fn answer(
    framework: bool,
    pool: Option<sqlx::PgPool>,
    uri: &str,
) -> (u16, Vec<(String, String)>, String) {
    let app = init_service(App::new().configure(|cfg| {
        if let Some(pool) = pool {
            cfg.app_data(web::Data::new(pool));
        }
        if framework {
            pages::configure_with(Settings::from_env().dev(false))(cfg)
        } else {
            handwritten::configure(cfg, pages::BUILD_ID)
        }
    }))
    .await;
    let res = call_service(&app, TestRequest::get().uri(uri).to_request()).await;
    let status = res.status().as_u16();
    let mut headers: Vec<(String, String)> = res
        .headers()
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    let body = String::from_utf8(read_body(res).await.to_vec()).unwrap();
    (status, headers, body)
}
