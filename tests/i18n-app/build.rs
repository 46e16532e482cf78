fn main() {
    next_runtime::build::Config::new()
        .locales(["en-US", "fr", "nl-NL"])
        .default_locale("en-US")
        .generate_routes();
}
