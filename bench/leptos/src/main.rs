//! The benchmark's post page (`/posts/{id}`) rendered by Leptos 0.8's routed SSR on
//! actix-web: `leptos_actix::LeptosRoutes` and `leptos_router`, server side only (no WASM,
//! no hydration script), one worker on `PORT`, as the other benchmark servers.

#[path = "../../src/content.rs"]
#[allow(dead_code)] // its maud rendering is the other servers'
mod content;

use actix_web::{App, HttpServer};
use leptos::prelude::*;
use leptos_actix::{generate_route_list, LeptosRoutes};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_params_map;
use leptos_router::path;

/// The document around the routed app.
fn shell(_options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width" />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| "Not found">
                <Route path=path!("/posts/:id") view=PostPage />
            </Routes>
        </Router>
    }
}

/// The same post, with the same content, as the framework's `posts/[id].rs`.
#[component]
fn PostPage() -> impl IntoView {
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<u64>().ok())
        .unwrap_or(0);
    let post = content::post(id);
    let tags = post
        .tags
        .into_iter()
        .map(|tag| view! { <li>{tag}</li> })
        .collect_view();
    let comments = post
        .comments
        .into_iter()
        .map(|comment| view! { <div class="comment"><b>{comment.author}</b>": "{comment.text}</div> })
        .collect_view();
    view! {
        <article>
            <h1>{post.title}</h1>
            <p class="byline">"By "{post.author.name}" — "{post.author.bio}</p>
            <ul class="tags">{tags}</ul>
            <div class="body"><p>{post.body}</p></div>
            <section class="comments">
                <h2>"Comments"</h2>
                {comments}
            </section>
        </article>
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(3000);
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let options = LeptosOptions::builder()
        .output_name("leptos-bench")
        .site_addr(addr)
        .build();
    let routes = generate_route_list(App);
    HttpServer::new(move || {
        let options = options.clone();
        App::new().leptos_routes(routes.clone(), move || shell(options.clone()))
    })
    .workers(1)
    .bind(addr)?
    .run()
    .await
}
