//! CI's check of the benchmark apps: both answer, and with the same bytes and headers, so
//! the suite compares like with like. (The suite itself runs with `bench/run`.)

mod common;

use next_bench::pages;

async fn get(framework: bool, uri: &str) -> (u16, Vec<(String, String)>, String) {
    common::answer(framework, None, uri).await
}

#[actix_web::test]
async fn both_apps_serve_the_same_page_and_data() {
    let data = next_runtime::data_url(pages::BUILD_ID, "/posts/7");
    for uri in ["/posts/7", data.as_str()] {
        let framework = get(true, uri).await;
        let handwritten = get(false, uri).await;
        assert_eq!(framework.0, 200, "{uri}");
        assert_eq!(
            framework, handwritten,
            "{uri}: same status, headers and body"
        );
    }
}

#[actix_web::test]
async fn the_props_are_about_two_kilobytes() {
    let data = next_runtime::data_url(pages::BUILD_ID, "/posts/7");
    let (_, _, body) = get(true, &data).await;
    assert!((1800..2600).contains(&body.len()), "{} bytes", body.len());
}

/// The scaling benchmark's generator makes page trees that next-runtime accepts, with the
/// measured page sorting last. (Building them is the suite's job: a 10,000-page app takes
/// a minute and a half.)
#[test]
fn generated_apps_are_valid_page_trees() {
    let bench = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for pages in [10, 1000] {
        let out = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("python3")
            .arg(bench.join("gen_app.py"))
            .arg(pages.to_string())
            .arg(out.path())
            .arg(bench.join("../next-runtime"))
            .status()
            .expect("python3 runs the generator");
        assert!(status.success());
        let tree = next_runtime::build::discover(&out.path().join("src/pages")).unwrap();
        assert_eq!(tree.routes.len(), pages);
        let last = tree.routes.last().unwrap();
        assert_eq!(last.file, "[...rest].rs");
    }
}
