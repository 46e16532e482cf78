//! A real cluster: Redis, three instances of the test app and nginx round-robin in front,
//! all on loopback ports, all stopped by the test. It shows what a deployment sees through
//! the load balancer: a page generated through one instance is a hit through the others, a
//! stampede over all three generates once, a revalidation on one is seen through all, and
//! neither Redis nor an instance stopping under load fails a single GET.

mod common;

use std::io::{BufRead, BufReader};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{get_from, send_to};
use next_tests::nginx::Nginx;
use next_tests::redis::Redis;

/// A test-server process named `label`; killed when dropped.
struct Instance {
    child: std::process::Child,
    addr: std::net::SocketAddr,
}

impl Instance {
    fn start(redis_url: &str, label: &str) -> Self {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_test-server"))
            .env("NEXT_DEV", "0")
            .env("REDIS_URL", redis_url)
            .env(
                "NEXT_PREVIEW_SECRET",
                "one secret for every instance, 32 bytes+",
            )
            .env("NEXT_TEST_SSG_LABEL", label)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the test server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("no address: {line:?}"))
            .parse()
            .unwrap();
        Instance { child, addr }
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The status code of a raw response.
fn status(response: &str) -> u16 {
    response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

/// GETs through `addr` from `threads` threads until `stop`; counts answers and failures
/// (anything but 200, or no answer).
fn load(
    addr: std::net::SocketAddr,
    threads: usize,
    stop: &Arc<AtomicBool>,
) -> (
    Arc<AtomicUsize>,
    Arc<AtomicUsize>,
    Vec<std::thread::JoinHandle<()>>,
) {
    let (answered, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let handles = (0..threads)
        .map(|thread| {
            let (stop, answered, failed) = (stop.clone(), answered.clone(), failed.clone());
            std::thread::spawn(move || {
                let targets = ["/ssg", "/ssg/posts/1", "/ssg/posts/2", "/about"];
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
    (answered, failed, handles)
}

#[test]
fn three_instances_behind_nginx_share_generated_pages_and_survive_failures() {
    let test = "three_instances_behind_nginx_share_generated_pages_and_survive_failures";
    let Some(mut redis) = Redis::start(test) else {
        return;
    };
    let mut instances: Vec<Instance> = ["a", "b", "c"]
        .iter()
        .map(|label| Instance::start(&redis.url, label))
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
    let stampede: Vec<String> = (0..24)
        .map(|_| std::thread::spawn(move || get_from(through, "/ssg/blocking/slow-burst")))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|handle| handle.join().unwrap())
        .collect();
    let misses = stampede
        .iter()
        .filter(|r| r.contains("x-nextjs-cache: MISS"))
        .count();
    assert_eq!(misses, 1, "one generation across the cluster");
    let generator = stampede
        .iter()
        .find_map(|r| {
            r.split("<h1>burst by ")
                .nth(1)
                .map(|rest| rest[..1].to_owned())
        })
        .expect("the page");
    for response in &stampede {
        assert_eq!(status(response), 200, "{response}");
        assert!(
            response.contains(&format!("<h1>burst by {generator}</h1>")),
            "every instance serves the one generated page: {response}"
        );
    }

    // Revalidated on one instance, seen through all: the page names who generated it.
    let before = get_from(through, "/ssg");
    let made_by = |page: &str| page.split(r#"<p class="label">"#).nth(1).unwrap()[..1].to_owned();
    let other = ["a", "b", "c"]
        .iter()
        .position(|label| *label != made_by(&before))
        .unwrap();
    let hook = "POST /api/revalidate?path=/ssg HTTP/1.1\r\nHost: localhost\r\nx-webhook-secret: webhook secret\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let done = send_to(instances[other].addr, hook.as_bytes());
    assert!(done.contains("Regenerated"), "{done}");
    let new_label = ["a", "b", "c"][other];
    for _ in 0..6 {
        let seen = get_from(through, "/ssg");
        assert_eq!(
            made_by(&seen),
            new_label,
            "every instance serves the new page: {seen}"
        );
    }

    // Redis stops under load: not one request fails.
    let stop = Arc::new(AtomicBool::new(false));
    let (answered, failed, handles) = load(through, 4, &stop);
    std::thread::sleep(Duration::from_millis(300));
    redis.stop();
    std::thread::sleep(Duration::from_millis(700));
    stop.store(true, Ordering::Relaxed);
    handles
        .into_iter()
        .for_each(|handle| handle.join().unwrap());
    assert_eq!(
        failed.load(Ordering::Relaxed),
        0,
        "Redis stopping failed requests"
    );
    let without_redis = answered.load(Ordering::Relaxed);

    // An instance stops under load: nginx retries its GETs on the others.
    let stop = Arc::new(AtomicBool::new(false));
    let (answered, failed, handles) = load(through, 4, &stop);
    std::thread::sleep(Duration::from_millis(300));
    let began = Instant::now();
    instances[0].stop();
    std::thread::sleep(Duration::from_millis(700));
    stop.store(true, Ordering::Relaxed);
    handles
        .into_iter()
        .for_each(|handle| handle.join().unwrap());
    assert_eq!(
        failed.load(Ordering::Relaxed),
        0,
        "an instance stopping failed GETs"
    );
    eprintln!(
        "{without_redis} requests while Redis stopped, {} while an instance stopped ({:?}), none failed",
        answered.load(Ordering::Relaxed),
        began.elapsed()
    );
    instances.clear();
}
