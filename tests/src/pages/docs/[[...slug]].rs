use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    pub slug: Option<Vec<String>>,
}

#[get_server_side_props]
pub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let slug = ctx.params.get_all("slug").map(<[String]>::to_vec);
    Ok(ServerSideProps::props(Props { slug }))
}

#[page]
pub fn docs(props: Props) -> Markup {
    html! {
        h1 { "Docs" }
        @if let Some(slug) = props.slug {
            p #slug { (slug.join("|")) }
        } @else {
            p #slug { "(index)" }
        }
    }
}
