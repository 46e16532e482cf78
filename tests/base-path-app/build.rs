//! The app lives under `/shop`, with Next's `trailingSlash: true`.

use next_runtime::build::{Config, Headers, PublicMode, Redirect};

fn main() {
    Config::new()
        .public_files(PublicMode::Embedded)
        .base_path("/shop")
        .trailing_slash(true)
        .redirect(Redirect::permanent("/old", "/about"))
        .redirect(Redirect::temporary("/", "/shop").outside_base_path())
        .headers(Headers::on("/(.*)").header("x-shop", "1"))
        .generate_routes();
}
