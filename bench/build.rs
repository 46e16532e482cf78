fn main() {
    next_runtime::build::generate_routes();
}
