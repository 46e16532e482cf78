//! The site without the special pages: Next's own 404 and 500.

use actix_web::dev::Payload;
use actix_web::{test, App, HttpRequest};
use futures_util::future::LocalBoxFuture;

use actix_web::http::StatusCode;

use super::{configure, SiteDef};
use crate::checks::{serialize_props, PropsFunction, SerializeError};
use crate::context::Context;
use crate::handler::server_side;
use crate::handler::{Outcome, PageHandler, Render};
use crate::ServerSideProps;
use crate::{Error, RouteInfo, Settings};

/// A props function that always fails.
struct Failing;

impl PropsFunction for Failing {
    type Props = ();
    type Extracted = ();

    async fn extract(_: HttpRequest, _: Payload) -> Result<(), actix_web::Error> {
        Ok(())
    }

    async fn call(_ctx: Context, (): ()) -> Result<ServerSideProps<()>, Error> {
        Err(Error::msg("boom"))
    }

    fn serialize(props: &()) -> Result<String, SerializeError> {
        serialize_props(props)
    }
}

fn failing(
    ctx: Context,
    payload: Payload,
    render: Render,
    page: &'static str,
) -> LocalBoxFuture<'static, Result<Outcome, Error>> {
    server_side::<Failing>(ctx, payload, render, page, |()| maud::html! {}.into())
}

static ROUTES: &[RouteInfo] = &[crate::handler::route(
    "/fail",
    "fail.rs",
    PageHandler::ServerSide(failing),
)];
/// A site without `404.rs` or `500.rs`.
static SITE: SiteDef = SiteDef::new("test-build", ROUTES);

async fn get(uri: &str) -> (StatusCode, String) {
    let settings = Settings::from_env().dev(false);
    let app = test::init_service(App::new().configure(|cfg| configure(cfg, &SITE, settings))).await;
    let res = test::call_service(&app, test::TestRequest::get().uri(uri).to_request()).await;
    let status = res.status();
    (
        status,
        String::from_utf8(test::read_body(res).await.to_vec()).unwrap(),
    )
}

#[actix_web::test]
async fn default_not_found_page_is_nexts() {
    let (status, body) = get("/missing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body.contains("<title>404: This page could not be found</title>"),
        "{body}"
    );
    assert!(body.contains("This page could not be found."));
}

#[actix_web::test]
async fn default_error_page_is_nexts() {
    let (status, body) = get("/fail").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        body.contains("<title>500: Internal Server Error</title>"),
        "{body}"
    );
    assert!(!body.contains("boom"));
}
