fn main() {
    next_runtime::build::Config::new()
        .locales(["en-US", "fr"])
        .default_locale("en-US")
        .locale_detection(false)
        .generate_routes();
}
