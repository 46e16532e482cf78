//! The bridge to API routes: actix-web runs the handler with its extractors, after the
//! route's params are put where `web::Path` finds them.

use std::panic::AssertUnwindSafe;
use std::rc::Rc;

use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::HttpMessage;
use futures_util::FutureExt;

use super::{Site, Worker};
use crate::handler::ApiFn;

impl Site {
    /// Runs API route `index`; a panic (the handler's or an extractor's) is the 500 page.
    pub(super) async fn api(
        &self,
        mut sreq: ServiceRequest,
        worker: &Worker,
        index: usize,
        call: ApiFn,
    ) -> ServiceResponse {
        if let Some(resource) = &self.api_resources[index] {
            resource.capture_match_info(&mut sreq);
        }
        sreq.extensions_mut().insert(Rc::clone(&worker.preview));
        let (req, payload) = sreq.into_parts();
        let response = AssertUnwindSafe(call(req.clone(), payload))
            .catch_unwind()
            .await
            .unwrap_or_else(|panic| self.panicked(worker.settings.dev, &req, panic));
        ServiceResponse::new(req, response)
    }
}
