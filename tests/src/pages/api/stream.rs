//! `/api/stream`: 2 KB of text as a stream of known size, which compression must leave as
//! it is (it encodes whole bodies only).
use actix_web::body::SizedStream;
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use next_runtime::prelude::*;

#[api]
pub async fn handler() -> HttpResponse {
    let chunks = (0..16).map(|_| Ok::<_, actix_web::Error>(Bytes::from_static(&[b'x'; 128])));
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(SizedStream::new(2048, futures_util::stream::iter(chunks)))
}
