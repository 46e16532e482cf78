//! `/api/users/[id]`: actix-web extractors for the path, the query and a JSON body.
use actix_web::{web, HttpResponse};
use next_runtime::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Filter {
    pub fields: Option<String>,
}

#[derive(Deserialize)]
pub struct Rename {
    pub name: String,
}

#[api]
pub async fn user(
    id: web::Path<u32>,
    filter: web::Query<Filter>,
    body: Option<web::Json<Rename>>,
) -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({
        "id": id.into_inner(),
        "fields": filter.fields,
        "renamed": body.map(|b| b.into_inner().name),
    }))
}
