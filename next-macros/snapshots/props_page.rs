// Expansion of `src/pages/posts/[id].rs`:
//
// #[get_server_side_props]
// pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> { todo!() }
// #[page]
// pub fn page(props: Props) -> Markup { html! {} }

pub async fn get_server_side_props(
    ctx: Context,
) -> Result<ServerSideProps<Props>, Error> {
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
        let __next_props = get_server_side_props(__next_ctx);
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
pub fn page(props: Props) -> Markup {
    html! {}
}
/// This page's entry in the generated route table.
#[doc(hidden)]
#[allow(dead_code)]
pub const __NEXT_PAGE: ::next_runtime::__private::PageHandler = ::next_runtime::__private::PageHandler::ServerSide(|
    __next_ctx,
    __next_payload,
    __next_render,
    __next_pattern|
{
    ::next_runtime::__private::server_side::<
        __NextPropsFn,
    >(
        __next_ctx,
        __next_payload,
        __next_render,
        __next_pattern,
        |__next_props| -> ::next_runtime::__private::Page {
            ::next_runtime::__private::IntoPage::into_page(
                page(
                    ::next_runtime::__private::PageTakes::<
                        Props,
                    >::into_page_props(__next_props),
                ),
            )
        },
    )
});
