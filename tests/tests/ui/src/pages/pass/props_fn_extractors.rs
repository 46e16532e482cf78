use std::future::{ready, Ready};

use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use next_runtime::prelude::*;
use serde::{Deserialize, Serialize};

pub struct Db;

#[derive(Deserialize)]
pub struct NewComment {
    pub body: String,
}

#[derive(Deserialize)]
pub struct Paging {
    pub page: Option<u32>,
}

/// A user's own extractor.
pub struct Visitor(String);

impl FromRequest for Visitor {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Visitor(req.peer_addr().map(|a| a.to_string()).unwrap_or_default())))
    }
}

#[derive(Serialize)]
pub struct Props {
    pub comment: Option<String>,
}

// The contract of the issue, and every kind of extractor after `ctx`.
#[get_server_side_props]
pub async fn get_server_side_props(
    ctx: Context,
    _db: web::Data<Db>,
    form: Option<web::Form<NewComment>>,
    web::Query(_paging): web::Query<Paging>,
    _raw: Result<web::Bytes, actix_web::Error>,
    Visitor(_visitor): Visitor,
) -> Result<ServerSideProps<Props>, Error> {
    let _ = ctx.resolved_url;
    Ok(ServerSideProps::props(Props {
        comment: form.map(|form| form.into_inner().body),
    }))
}

#[page]
pub fn page(props: Props) -> Markup {
    html! { p { (props.comment.unwrap_or_default()) } }
}

fn main() {}
