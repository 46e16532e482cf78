// Expansion of `src/pages/feed.rs`:
//
// #[get_server_side_props]
// pub async fn first(ctx: Context) -> Result<ServerSideProps<Props>, Error> { todo!() }
// #[get_server_side_props]
// pub async fn second(ctx: Context) -> Result<ServerSideProps<Props>, Error> { todo!() }

pub async fn first(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    todo!()
}
/// This page's props function, as `#[page]` and the route table call it.
#[doc(hidden)]
#[allow(dead_code)]
struct __NextPropsFn;
impl ::next_runtime::__private::PropsFunction for __NextPropsFn {
    type Props = Props;
    type Extracted = ();
    fn extract(
        _: ::next_runtime::__private::HttpRequest,
        _: ::next_runtime::__private::Payload,
    ) -> impl ::core::future::Future<
        Output = ::core::result::Result<
            Self::Extracted,
            ::next_runtime::__private::ActixError,
        >,
    > + 'static {
        ::core::future::ready(::core::result::Result::Ok(()))
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
        let () = __next_extracted;
        let __next_props = first(__next_ctx);
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
pub async fn second(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    todo!()
}
::core::compile_error! {
    "`src/pages/feed.rs` already has a props function, `first`: a page has exactly one. Merge `second` into `first` or remove it."
}
