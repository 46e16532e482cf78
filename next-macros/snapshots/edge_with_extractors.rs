// Expansion of `src/pages/edge/search.rs`:
//
// #[get_server_side_props(runtime = "edge")]
// pub async fn props(ctx: EdgeContext, web::Query(q): web::Query<Search>) -> Result<ServerSideProps<Props>, Error> { todo!() }

pub async fn props(
    ctx: EdgeContext,
    web::Query(q): web::Query<Search>,
) -> Result<ServerSideProps<Props>, Error> {
    todo!()
}
/// This page's props function, as `#[page]` and the route table call it.
#[doc(hidden)]
#[allow(dead_code)]
struct __NextPropsFn;
impl ::next_runtime::__private::PropsFunction for __NextPropsFn {
    type Props = Props;
    type Extracted = (web::Query<Search>,);
    fn extract(
        __next_req: ::next_runtime::__private::HttpRequest,
        mut __next_payload: ::next_runtime::__private::Payload,
    ) -> impl ::core::future::Future<
        Output = ::core::result::Result<
            Self::Extracted,
            ::next_runtime::__private::ActixError,
        >,
    > + 'static {
        async move {
            ::core::result::Result::Ok((
                ::next_runtime::__private::extract::<
                    web::Query<Search>,
                >(&__next_req, &mut __next_payload)
                    .await?,
            ))
        }
    }
    fn call(
        __next_ctx: ::next_runtime::__private::Context,
        __next_extracted: Self::Extracted,
    ) -> impl ::core::future::Future<
        Output = ::core::result::Result<
            ::next_runtime::__private::ServerSideProps<Props>,
            ::next_runtime::__private::Error,
        >,
    > + 'static {
        let (__next_arg0,) = __next_extracted;
        let __next_props = ::next_runtime::__private::edge_props(
            props(
                ::next_runtime::__private::edge_context(__next_ctx),
                ::next_runtime::__private::edge_extracted::<
                    web::Query<Search>,
                >(__next_arg0),
            ),
        );
        async move {
            ::core::result::Result::map_err(
                __next_props.await,
                ::next_runtime::__private::Error::from,
            )
        }
    }
    fn serialize(
        __next_props: &Props,
    ) -> ::core::result::Result<
        ::std::string::String,
        ::next_runtime::__private::SerializeError,
    > {
        ::next_runtime::__private::serialize_props::<Props>(__next_props)
    }
}
