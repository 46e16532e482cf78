use next_runtime::asset;

fn main() {
    let _missing = asset!("/styles/missing.css");
    let _relative = asset!("styles/site.css");
    let _escaping = asset!("/../Cargo.toml");
    let _folder = asset!("/styles");
    let _not_a_string = asset!(42);
}
