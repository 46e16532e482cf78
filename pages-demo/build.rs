fn main() {
    // English at `/`, French under `/fr`; `/` sends French browsers to `/fr`.
    next_runtime::build::Config::new()
        .locales(["en", "fr"])
        .default_locale("en")
        .generate_routes();
}
