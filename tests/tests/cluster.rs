//! A real cluster: Redis, three instances of the test app and nginx round-robin in front,
//! all on loopback ports, all stopped by the test. It shows what a deployment sees through
//! the load balancer: a page generated (or a response cached) through one instance is a hit
//! through the others, a stampede over all three generates (or renders) once, a revalidation on one is seen through all, and
//! neither Redis nor an instance stopping under load fails a single GET.

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::instance::{revalidate_hook, Instance, SHARED_CACHE};
use common::{get_from, send_to};
use next_tests::nginx::Nginx;
use next_tests::redis::Redis;

/// The status code of a raw response.
fn status(response: &str) -> u16 {
    response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

/// Requests through `addr` from four threads for a second, `event` happening 300 ms in:
/// how many were answered, and how many failed (anything but 200, or no answer).
fn under_load(addr: std::net::SocketAddr, event: impl FnOnce()) -> (usize, usize) {
    let stop = Arc::new(AtomicBool::new(false));
    let (answered, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let handles: Vec<_> = (0..4)
        .map(|thread| {
            let (stop, answered, failed) = (stop.clone(), answered.clone(), failed.clone());
            std::thread::spawn(move || {
                let targets = [
                    "/ssg",
                    "/ssg/posts/1",
                    "/cached?k=load&cc=public,%20s-maxage=1,%20stale-while-revalidate=1",
                    "/about",
                ];
                let mut n = thread;
                while !stop.load(Ordering::Relaxed) {
                    let response = get_from(addr, targets[n % targets.len()]);
                    n += 1;
                    answered.fetch_add(1, Ordering::Relaxed);
                    if status(&response) != 200 {
                        failed.fetch_add(1, Ordering::Relaxed);
                        eprintln!(
                            "failed: {}",
                            response.lines().next().unwrap_or("(no answer)")
                        );
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    event();
    std::thread::sleep(Duration::from_millis(700));
    stop.store(true, Ordering::Relaxed);
    handles
        .into_iter()
        .for_each(|handle| handle.join().unwrap());
    (
        answered.load(Ordering::Relaxed),
        failed.load(Ordering::Relaxed),
    )
}

/// 24 requests for `target` through `addr` at once: exactly one is a miss (one `work`
/// across the cluster), and every one is answered with the page that one made, which names
/// its instance after `by`.
fn stampede(addr: std::net::SocketAddr, target: &'static str, by: &str, work: &str) {
    let responses: Vec<String> = (0..24)
        .map(|_| std::thread::spawn(move || get_from(addr, target)))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|handle| handle.join().unwrap())
        .collect();
    let misses = responses
        .iter()
        .filter(|r| r.contains("x-nextjs-cache: MISS"))
        .count();
    assert_eq!(misses, 1, "one {work} across the cluster");
    let maker = responses
        .iter()
        .find_map(|r| r.split(by).nth(1).map(|rest| &rest[..1]))
        .expect("the page");
    for response in &responses {
        assert_eq!(status(response), 200, "{response}");
        assert!(
            response.contains(&format!("{by}{maker}")),
            "every instance serves the one page: {response}"
        );
    }
}

#[test]
fn three_instances_behind_nginx_share_generated_pages_and_survive_failures() {
    let test = "three_instances_behind_nginx_share_generated_pages_and_survive_failures";
    let Some(mut redis) = Redis::start(test) else {
        return;
    };
    let mut instances: Vec<Instance> = ["a", "b", "c"]
        .iter()
        .map(|label| Instance::start_with(&redis.url, label, &SHARED_CACHE))
        .collect();
    let addrs: Vec<_> = instances.iter().map(|instance| instance.addr).collect();
    let Some(nginx) = Nginx::start(test, &addrs) else {
        return;
    };
    let through = nginx.addr();

    // Generated through one instance, then a hit through each of the others: round robin
    // sends the next requests to them.
    let first = get_from(through, "/ssg/blocking/1");
    assert!(first.contains("x-nextjs-cache: MISS"), "{first}");
    for _ in 0..3 {
        let again = get_from(through, "/ssg/blocking/1");
        assert!(again.contains("x-nextjs-cache: HIT"), "{again}");
    }

    // A stampede over all three: one generation, every request answered with its page.
    stampede(
        through,
        "/ssg/blocking/slow-burst",
        "<h1>burst by ",
        "generation",
    );

    // The same for the shared cache's responses (a props-function page with `s-maxage`):
    // rendered once through one instance, a hit through the others, and one render for a
    // stampede over all three.
    let cached = "/cached?k=cluster&cc=public,%20s-maxage=600";
    assert!(get_from(through, cached).contains("x-nextjs-cache: MISS"));
    for _ in 0..3 {
        let again = get_from(through, cached);
        assert!(again.contains("x-nextjs-cache: HIT"), "{again}");
    }
    let burst = "/cached?k=cluster-burst&delay=300&cc=public,%20s-maxage=600";
    stampede(through, burst, "rendered by ", "render");

    // Revalidated on one instance, seen through all: the page names who generated it.
    let before = get_from(through, "/ssg");
    let made_by = |page: &str| page.split(r#"<p class="label">"#).nth(1).unwrap()[..1].to_owned();
    let other = ["a", "b", "c"]
        .iter()
        .position(|label| *label != made_by(&before))
        .unwrap();
    let hook = revalidate_hook("/ssg");
    let done = send_to(instances[other].addr, hook.as_bytes());
    assert!(done.contains("Regenerated"), "{done}");
    let new_label = ["a", "b", "c"][other];
    // The announcement reaches the others over pub/sub: the time until every instance
    // serves the new page.
    let announced = std::time::Instant::now();
    while !instances
        .iter()
        .all(|instance| made_by(&instance.get("/ssg")) == new_label)
    {
        assert!(
            announced.elapsed() < Duration::from_secs(5),
            "an instance still serves the old page after 5 s"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    eprintln!(
        "every instance served the revalidated page {:?} after the webhook answered",
        announced.elapsed()
    );
    for _ in 0..6 {
        let seen = get_from(through, "/ssg");
        assert_eq!(
            made_by(&seen),
            new_label,
            "every instance serves the new page: {seen}"
        );
    }

    // Redis stops under load: not one request fails.
    let (without_redis, failed) = under_load(through, || redis.stop());
    assert_eq!(failed, 0, "Redis stopping failed requests");
    // An instance stops under load: nginx retries its GETs on the others.
    let (without_a, failed) = under_load(through, || instances[0].stop());
    assert_eq!(failed, 0, "an instance stopping failed GETs");
    eprintln!("{without_redis} requests while Redis stopped, {without_a} while an instance stopped, none failed");
    instances.clear();
}
