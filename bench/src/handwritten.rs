//! The ceiling: the same post page and data route written directly against actix-web and
//! maud, producing the same bytes and headers as the framework, with nothing in between.

use actix_web::{web, HttpResponse};
use maud::{html, PreEscaped, DOCTYPE};
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
}

struct BuildId(&'static str);

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
    let page = html! {
        (DOCTYPE)
        html {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width";
                meta name="next-head";
                meta name="next-head-end";
                script src=(next_runtime::router_script_url()) defer {}
            }
            body {
                div #__next { (render_post(&post)) }
                script #__NEXT_DATA__ type="application/json" { (PreEscaped(escape_json_for_html(&next_data))) }
            }
        }
    }
    .into_string();
    respond("text/html; charset=utf-8", page)
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
    // The framework's data route varies with its client router's header.
    response.headers_mut().insert(
        actix_web::http::header::VARY,
        actix_web::http::header::HeaderValue::from_static("x-next-render"),
    );
    response
}

fn respond(content_type: &str, body: String) -> HttpResponse {
    let etag = format!("\"{:016x}{:x}\"", xxh3_64(body.as_bytes()), body.len());
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("cache-control", CACHE_CONTROL))
        .insert_header(("etag", etag))
        .body(body)
}

fn escape_json_for_html(json: &str) -> String {
    json.replace('&', "\\u0026")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}
