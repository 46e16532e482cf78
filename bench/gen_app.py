#!/usr/bin/env python3
"""Generates a next-runtime app with N pages, for the route-table scaling benchmark.

The pages mix static, dynamic, nested and catch-all routes, the way a large site would.
The page measured, the same post page as the main benchmark, is the root catch-all
`[...rest].rs`: it sorts last in Next.js's order, and reaching it walks past every other
kind of route first.

usage: gen_app.py N OUT_DIR NEXT_RUNTIME_DIR
"""
import os
import sys

POST_PAGE = open(os.path.join(os.path.dirname(__file__), "src", "pages", "posts", "[id].rs")).read()
CONTENT = open(os.path.join(os.path.dirname(__file__), "src", "content.rs")).read()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def static_page(n):
    return (
        "use next_runtime::prelude::*;\n\n#[page]\npub fn page() -> Markup {\n"
        f"    html! {{ h1 {{ \"Page {n}\" }} p {{ \"A static page.\" }} }}\n}}\n"
    )


def dynamic_page(param):
    return (
        "use next_runtime::prelude::*;\nuse serde::Serialize;\n\n#[derive(Serialize)]\npub struct Props {\n    pub value: String,\n}\n\n"
        "#[get_server_side_props]\npub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {\n"
        f"    let value = ctx.params.get(\"{param}\").unwrap_or_default().to_owned();\n"
        "    Ok(ServerSideProps::props(Props { value }))\n}\n\n"
        "#[page]\npub fn page(props: Props) -> Markup {\n    html! { p { (props.value) } }\n}\n"
    )


def catch_all_page(param):
    return (
        "use next_runtime::prelude::*;\nuse serde::Serialize;\n\n#[derive(Serialize)]\npub struct Props {\n    pub parts: Vec<String>,\n}\n\n"
        "#[get_server_side_props]\npub async fn props(ctx: Context) -> Result<ServerSideProps<Props>, Error> {\n"
        f"    let parts = ctx.params.get_all(\"{param}\").unwrap_or_default().to_vec();\n"
        "    Ok(ServerSideProps::props(Props { parts }))\n}\n\n"
        "#[page]\npub fn page(props: Props) -> Markup {\n    html! { p { (props.parts.join(\"/\")) } }\n}\n"
    )


def generate(n, out, runtime):
    name = f"pages-{n}"
    write(os.path.join(out, "Cargo.toml"), f"""[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
next-runtime = {{ path = "{runtime}" }}
actix-web = {{ version = "4", default-features = false, features = ["macros", "cookies"] }}
serde = {{ version = "1", features = ["derive"] }}
maud = "0.27"

[build-dependencies]
next-runtime = {{ path = "{runtime}", default-features = false, features = ["build"] }}

[profile.release]
debug = "line-tables-only"
""")
    write(os.path.join(out, "build.rs"), "fn main() {\n    next_runtime::build::generate_routes();\n}\n")
    write(os.path.join(out, "src", "main.rs"), """mod content;

next_runtime::include_pages!();

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(3000);
    let server = actix_web::HttpServer::new(|| actix_web::App::new().configure(pages::configure))
        .workers(1)
        .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}");
    server.run().await
}
""")
    write(os.path.join(out, "src", "content.rs"), CONTENT)
    pages = os.path.join(out, "src", "pages")
    write(os.path.join(pages, "index.rs"), static_page(0))
    # The measured page: sorts last.
    write(os.path.join(pages, "[...rest].rs"), POST_PAGE.replace('ctx.params.get("id")', 'ctx.params.get_all("rest").and_then(|rest| rest.last()).map(String::as_str)'))
    # A root `[slug]` subtree that the measured request walks into and backs out of.
    write(os.path.join(pages, "[slug]", "about.rs"), dynamic_page("slug"))
    made = 3
    section = 0
    while made < n:
        folder = os.path.join(pages, f"section-{section:04}")
        # Per section: a static index, static leaves, a dynamic page, a nested folder and a
        # catch-all, until the budget runs out.
        kinds = ["index"] + [f"leaf-{i:02}" for i in range(20)] + ["[id]", "nested", "[...path]"]
        for kind in kinds:
            if made >= n:
                break
            if kind == "index":
                write(os.path.join(folder, "index.rs"), static_page(made))
            elif kind == "[id]":
                write(os.path.join(folder, "[id].rs"), dynamic_page("id"))
            elif kind == "[...path]":
                write(os.path.join(folder, "docs", "[...path].rs"), catch_all_page("path"))
            elif kind == "nested":
                write(os.path.join(folder, "nested", "deep", "page.rs"), static_page(made))
            else:
                write(os.path.join(folder, f"{kind}.rs"), static_page(made))
            made += 1
        section += 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    generate(int(sys.argv[1]), sys.argv[2], os.path.abspath(sys.argv[3]))
