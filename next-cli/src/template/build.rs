// Turns src/pages/ (and public/) into the route table `include_pages!` brings in.
fn main() {
    next_runtime::build::generate_routes();
}
