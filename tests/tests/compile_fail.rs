//! Compile-time checks of `#[page]`, `#[get_server_side_props]`, `#[get_static_props]`,
//! `#[get_static_paths]`, `#[api]`, `#[middleware]` and `asset!`: each case under
//! `tests/ui/` holds one mistake, with the compiler's expected output beside it.
//! Regenerate the `.stderr` files with `TRYBUILD=overwrite` after an intended change.

#[test]
fn macros_accept_valid_pages_and_reject_mistakes() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/src/pages/pass/*.rs");
    cases.compile_fail("tests/ui/src/pages/fail/*.rs");
    cases.compile_fail("tests/ui/status/src/pages/*.rs");
    cases.compile_fail("tests/ui/outside/*.rs");
    cases.compile_fail("tests/ui/shell/src/pages/*.rs");
    cases.pass("tests/ui/shell-pass/src/pages/*.rs");
    cases.pass("tests/ui/src/pages/api/pass/*.rs");
    cases.compile_fail("tests/ui/src/pages/api/fail/*.rs");
    cases.pass("tests/ui/assets/pass/*.rs");
    cases.compile_fail("tests/ui/assets/fail/*.rs");
    cases.pass("tests/ui/middleware/pass/src/middleware.rs");
    cases.compile_fail("tests/ui/middleware/fail/src/middleware.rs");
    cases.compile_fail("tests/ui/middleware/returns/src/middleware.rs");
    // `[slug]` (a dynamic route) is spelled with `[[]` in a glob: `[` opens a class there.
    cases.pass("tests/ui/ssg/src/pages/[[]slug]/pass_*.rs");
    cases.compile_fail("tests/ui/ssg/src/pages/[[]slug]/fail_*.rs");
    cases.compile_fail("tests/ui/ssg-special/src/pages/*.rs");
}
