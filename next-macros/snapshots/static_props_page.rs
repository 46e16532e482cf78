// Expansion of `src/pages/posts/[id].rs`:
//
// #[get_static_paths]
// pub async fn get_static_paths(ctx: StaticPathsContext, db: web::Data<Db>) -> Result<StaticPaths, Error> { todo!() }
// #[get_static_props]
// pub async fn get_static_props(ctx: StaticContext, db: web::Data<Db>) -> Result<StaticProps<Props>, Error> { todo!() }
// #[page]
// pub fn page(props: Props) -> Markup { html! {} }

pub async fn get_static_paths(
    ctx: StaticPathsContext,
    db: web::Data<Db>,
) -> Result<StaticPaths, Error> {
    todo!()
}
/// This page's static paths function, for its `#[page]`.
#[doc(hidden)]
#[allow(dead_code)]
pub const __NEXT_STATIC_PATHS: ::next_runtime::__private::StaticPathsFn = |
    __next_ctx,
    __next_state|
{
    ::next_runtime::__private::static_paths(async move {
        ::core::result::Result::map_err(
            get_static_paths(
                    __next_ctx,
                    ::next_runtime::__private::static_state::<
                        web::Data<Db>,
                    >(&__next_state)?,
                )
                .await,
            ::next_runtime::__private::Error::from,
        )
    })
};
pub async fn get_static_props(
    ctx: StaticContext,
    db: web::Data<Db>,
) -> Result<StaticProps<Props>, Error> {
    todo!()
}
/// This page's static props function, as `#[page]` and the route table call it.
#[doc(hidden)]
#[allow(dead_code)]
struct __NextStaticPropsFn;
impl ::next_runtime::__private::StaticPropsFunction for __NextStaticPropsFn {
    type Props = Props;
    type Extracted = (web::Data<Db>,);
    fn extract(
        __next_state: &::next_runtime::__private::State,
    ) -> ::core::result::Result<Self::Extracted, ::next_runtime::__private::Error> {
        ::core::result::Result::Ok((
            ::next_runtime::__private::static_state::<web::Data<Db>>(__next_state)?,
        ))
    }
    fn call(
        __next_ctx: ::next_runtime::__private::StaticContext,
        __next_extracted: Self::Extracted,
    ) -> impl ::core::future::Future<
        Output = ::core::result::Result<
            ::next_runtime::__private::StaticProps<Props>,
            ::next_runtime::__private::Error,
        >,
    > + 'static {
        let (__next_arg0,) = __next_extracted;
        let __next_props = get_static_props(__next_ctx, __next_arg0);
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
pub const __NEXT_PAGE: ::next_runtime::__private::PageHandler = ::next_runtime::__private::PageHandler::StaticProps(::next_runtime::__private::StaticRender {
    props: |__next_ctx, __next_state, __next_pattern| {
        ::next_runtime::__private::static_props::<
            __NextStaticPropsFn,
        >(
            __next_ctx,
            __next_state,
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
    },
    paths: ::core::option::Option::Some(__NEXT_STATIC_PATHS),
});
