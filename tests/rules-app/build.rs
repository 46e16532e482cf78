//! One rule or more for each step of Next's order: headers, redirects, beforeFiles
//! rewrites, public files and pages, afterFiles rewrites, dynamic routes, fallback.

use next_runtime::build::{Config, Has, Headers, PublicMode, Redirect, Rewrite};

fn main() {
    Config::new()
        .public_files(PublicMode::Embedded)
        .headers(Headers::on("/(.*)").header("x-app", "rules"))
        .headers(Headers::on("/blog/:slug").header("x-blog-slug", ":slug"))
        .headers(
            Headers::on("/about")
                .has(Has::cookie("session"))
                .header("x-signed-in", "yes"),
        )
        .headers(
            Headers::on("/about")
                .has(Has::host("(?<shop>[a-z]+)\\.example\\.com"))
                .header("x-shop", ":shop"),
        )
        .redirect(Redirect::permanent("/old-blog/:slug", "/blog/:slug"))
        .redirect(Redirect::temporary(
            "/docs/:path*",
            "https://docs.example.com/:path*",
        ))
        .redirect(Redirect::with_status(301, "/moved", "/about?from=moved"))
        .redirect(
            Redirect::temporary("/dashboard", "/about?login=1").missing(Has::cookie("session")),
        )
        .redirect(
            Redirect::temporary("/plan", "/echo/:plan")
                .has(Has::query("plan").value("(?<plan>pro|team)")),
        )
        .redirect(Redirect::temporary("/order", "/about"))
        .rewrite(Rewrite::new("/order", "/echo/never").before_files())
        .rewrite(Rewrite::new("/robots.txt", "/legacy.txt").before_files())
        .rewrite(
            Rewrite::new("/about", "/echo/about-before")
                .before_files()
                .has(Has::header("x-before")),
        )
        .rewrite(Rewrite::new("/chain-a", "/chain-b").before_files())
        .rewrite(Rewrite::new("/chain-b", "/echo/chained").before_files())
        .rewrite(Rewrite::new("/legacy.txt", "/echo/never"))
        .rewrite(Rewrite::new("/blog/special", "/echo/special-after"))
        .rewrite(Rewrite::new("/shop/:item", "/echo/:item?ref=shop"))
        .rewrite(Rewrite::new("/:path*", "/echo/fallback").fallback())
        .generate_routes();
}
