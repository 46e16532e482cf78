// Expansion of `src/pages/posts/[id].rs`:
//
// #[get_server_side_props]
// pub async fn props(ctx: Context, db: web::Data<Db>, form: Option<web::Form<New>>) -> Result<ServerSideProps<Props>, Error> { todo!() }

pub async fn props(
    ctx: Context,
    db: web::Data<Db>,
    form: Option<web::Form<New>>,
) -> Result<ServerSideProps<Props>, Error> {
    todo!()
}
/// This page's props function, as `#[page]` and the route table call it.
#[doc(hidden)]
#[allow(dead_code)]
struct __NextPropsFn;
impl ::next_runtime::__private::PropsFunction for __NextPropsFn {
    type Props = Props;
    type Extracted = (web::Data<Db>, Option<web::Form<New>>);
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
                    web::Data<Db>,
                >(&__next_req, &mut __next_payload)
                    .await?,
                ::next_runtime::__private::extract::<
                    Option<web::Form<New>>,
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
        let (__next_arg0, __next_arg1) = __next_extracted;
        let __next_props = props(__next_ctx, __next_arg0, __next_arg1);
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
