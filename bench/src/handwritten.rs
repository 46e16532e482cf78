//! The ceiling: the same post page and data route written directly against actix-web and
//! maud, producing the same bytes and headers as the framework, with nothing in between.

use actix_web::http::header::{HeaderValue, VARY};
use actix_web::{web, HttpResponse};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use xxhash_rust::xxh3::xxh3_64;

use crate::content::{post, render_post};

const CACHE_CONTROL: &str = "private, no-cache, no-store, max-age=0, must-revalidate";

/// `GET /posts/{id}` and its data route, under `build_id`.
pub fn configure(cfg: &mut web::ServiceConfig, build_id: &'static str) {
    cfg.route("/posts/{id}", web::get().to(post_page)).route(
        &format!("/_next/data/{build_id}/posts/{{file}}"),
        web::get().to(post_data),
    );
    cfg.app_data(web::Data::new(BuildId(build_id)));
    cfg.route("/fortunes", web::get().to(fortunes));
    // The same public/ folder as the framework's, through actix-files, read from disk.
    cfg.service(actix_files::Files::new(
        "/static",
        concat!(env!("CARGO_MANIFEST_DIR"), "/public"),
    ));
}

struct BuildId(&'static str);

/// TechEmpower's Fortunes as the framework's page answers it: the same query, the same
/// table, and the rows again in `__NEXT_DATA__`, byte for byte.
async fn fortunes(pool: web::Data<sqlx::PgPool>, build_id: web::Data<BuildId>) -> HttpResponse {
    let Ok(fortunes) = crate::fortunes::fetch(&pool).await else {
        return HttpResponse::InternalServerError().finish();
    };
    let rows = serde_json::to_string(&fortunes).expect("rows serialize");
    let next_data = format!(
        r#"{{"props":{{"pageProps":{{"fortunes":{rows}}},"__N_SSP":true}},"page":"/fortunes","query":{{}},"buildId":"{}","isFallback":false,"gssp":true,"scriptLoader":[]}}"#,
        build_id.0
    );
    let table = crate::fortunes::table(&fortunes);
    respond(
        "text/html; charset=utf-8",
        document(Some("Fortunes"), table, &next_data),
    )
}

async fn post_page(id: web::Path<String>, build_id: web::Data<BuildId>) -> HttpResponse {
    let Ok(id) = id.parse::<u64>() else {
        return HttpResponse::NotFound().finish();
    };
    let post = post(id);
    let props = serde_json::to_string(&post).expect("props serialize");
    let next_data = format!(
        r#"{{"props":{{"pageProps":{props},"__N_SSP":true}},"page":"/posts/[id]","query":{{"id":"{id}"}},"buildId":"{}","isFallback":false,"gssp":true,"scriptLoader":[]}}"#,
        build_id.0
    );
    respond(
        "text/html; charset=utf-8",
        document(None, render_post(&post), &next_data),
    )
}

/// The framework's document around `body`, its `next_data` escaped into `__NEXT_DATA__`.
fn document(title: Option<&str>, body: Markup, next_data: &str) -> String {
    html! {
        (DOCTYPE)
        html {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width";
                meta name="next-head";
                @if let Some(title) = title { title { (title) } }
                meta name="next-head-end";
                script src=(next_runtime::router_script_url()) defer {}
            }
            body {
                div #__next { (body) }
                script #__NEXT_DATA__ type="application/json" { (PreEscaped(escape_json_for_html(next_data))) }
            }
        }
    }
    .into_string()
}

async fn post_data(file: web::Path<String>) -> HttpResponse {
    let Some(id) = file
        .strip_suffix(".json")
        .and_then(|id| id.parse::<u64>().ok())
    else {
        return HttpResponse::NotFound().finish();
    };
    let props = serde_json::to_string(&post(id)).expect("props serialize");
    let mut response = respond(
        "application/json",
        format!(r#"{{"pageProps":{props},"__N_SSP":true}}"#),
    );
    // The framework's data route varies with its client router's header, then with the
    // encoding, as every compressible answer of the framework does.
    let headers = response.headers_mut();
    headers.insert(VARY, HeaderValue::from_static("x-next-render"));
    headers.append(VARY, HeaderValue::from_static("Accept-Encoding"));
    response
}

/// The framework's headers for a body it would compress (over 1 KB): sent as it is, since
/// wrk asks for no encoding, with the `Vary` that says it could be.
fn respond(content_type: &str, body: String) -> HttpResponse {
    let etag = format!("\"{:016x}{:x}\"", xxh3_64(body.as_bytes()), body.len());
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("cache-control", CACHE_CONTROL))
        .insert_header(("etag", etag))
        .insert_header((VARY, "Accept-Encoding"))
        .body(body)
}

fn escape_json_for_html(json: &str) -> String {
    json.replace('&', "\\u0026")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}
