// Expansion of `src/pages/api/hello.rs`:
//
// #[api]
// pub async fn handler(req: HttpRequest) -> HttpResponse { todo!() }

pub async fn handler(req: HttpRequest) -> HttpResponse {
    todo!()
}
/// This API route's entry in the generated route table.
#[doc(hidden)]
#[allow(dead_code)]
pub const __NEXT_PAGE: ::next_runtime::__private::PageHandler = ::next_runtime::__private::PageHandler::Api(|
    __next_req,
    __next_payload|
{ ::next_runtime::__private::call_api(handler, __next_req, __next_payload) });
