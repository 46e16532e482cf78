//! `/sign-in`: the form the sign-in gate sends visitors to; it posts to `/api/session`,
//! which sets the session cookie and goes back to `next`.
use next_runtime::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Props {
    next: String,
    signed_in_as: Option<String>,
}

#[get_server_side_props]
pub async fn get_server_side_props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {
    let next = ctx.query.get("next").unwrap_or("/dashboard");
    Ok(ServerSideProps::props(Props {
        next: crate::session::local_path(next).to_owned(),
        signed_in_as: crate::session::user(&ctx.req),
    }))
}

#[page]
pub fn page(props: Props) -> Page {
    Page::new(html! {
        h1 { "Sign in" }
        @if let Some(name) = &props.signed_in_as {
            p #status { "Signed in as " (name) "." }
            form method="post" action="/api/session" {
                input type="hidden" name="action" value="sign-out";
                button type="submit" { "Sign out" }
            }
        } @else {
            p #status { "The dashboard is for signed-in visitors. Any name will do in this demo." }
            form method="post" action="/api/session" {
                input type="hidden" name="next" value=(props.next);
                label { "Name " input name="name" required maxlength="40"; }
                " "
                button type="submit" { "Sign in" }
            }
        }
    })
    .title("Sign in | pages-demo")
}
