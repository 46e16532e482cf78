"""The cost of URL rules and a middleware (bench/url-rules): the same generated 10-page
app twice, once plain and once with 20 rules in build.rs (header rules, redirects and
rewrites in every phase, none of which answers the measured pages) and a middleware that
runs for every request, measured side by side in alternating rounds, and written into
docs/performance.md between its "url-rules" markers."""
import argparse
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import bench  # noqa: E402
import gen_app  # noqa: E402
import report  # noqa: E402

APPS = os.path.join(ROOT, "target", "bench-apps")
# The page with a props function (the scaling apps' measured route) and a static page.
PATHS = {"page with props": bench.LAST_ROUTE, "static page": "/"}

RULES_BUILD_RS = r'''//! 20 URL rules, none of which answers the measured pages: what a real site's
//! next.config.js holds.

use next_runtime::build::{Config, Has, Headers, Redirect, Rewrite};

fn main() {
    Config::new()
        .headers(Headers::on("/(.*)").header("X-Frame-Options", "DENY").header("X-Content-Type-Options", "nosniff"))
        .headers(Headers::on("/blog/:slug").header("X-Blog", ":slug"))
        .headers(Headers::on("/api/:path*").header("Cache-Control", "no-store"))
        .headers(Headers::on("/fonts/(.*)").header("Cache-Control", "public, max-age=31536000, immutable"))
        .headers(Headers::on("/docs/:path*").has(Has::cookie("beta")).header("X-Beta", "1"))
        .redirect(Redirect::permanent("/old-blog/:slug", "/blog/:slug"))
        .redirect(Redirect::permanent("/docs/v1/:path*", "/docs/:path*"))
        .redirect(Redirect::permanent("/about-us", "/about"))
        .redirect(Redirect::temporary("/team/:member", "/people/:member"))
        .redirect(Redirect::permanent("/legacy/(.*)", "/"))
        .redirect(Redirect::permanent("/shop/:id(\\d+)", "/products/:id"))
        .redirect(Redirect::temporary("/beta/:path*", "/preview/:path*").has(Has::cookie("beta")))
        .redirect(Redirect::with_status(301, "/x/:a/:b", "/y/:b/:a"))
        .rewrite(Rewrite::new("/health", "/api/health").before_files())
        .rewrite(Rewrite::new("/products/:id", "/section-0000/:id"))
        .rewrite(Rewrite::new("/p/:slug", "/posts/:slug"))
        .rewrite(Rewrite::new("/feed.xml", "/api/feed"))
        .rewrite(Rewrite::new("/s/:q", "/search?q=:q"))
        .rewrite(Rewrite::new("/wiki/:path*", "/docs/:path*").fallback())
        .rewrite(Rewrite::new("/legacy-pages/:path*", "/section-0000/:path*").fallback())
        .generate_routes();
}
'''

MIDDLEWARE_RS = r'''//! Runs for every request: reads a cookie, goes on.

use actix_web::HttpRequest;
use next_runtime::middleware::NextResponse;
use next_runtime::prelude::*;

#[middleware]
pub async fn middleware(req: HttpRequest) -> Result<NextResponse, Error> {
    let signed_in = req.cookie("session").is_some();
    Ok(NextResponse::next().header("x-signed-in", if signed_in { "1" } else { "0" }))
}
'''


def prepare():
    """Generates and builds both apps (cached in target/bench-apps); their binaries."""
    binaries = {}
    for name, rules in (("plain", False), ("rules", True)):
        app = os.path.join(APPS, f"url-{name}")
        gen_app.generate(10, app, os.path.join(ROOT, "next-runtime"))
        cargo = os.path.join(app, "Cargo.toml")
        text = open(cargo).read().replace('name = "pages-10"', f'name = "url-{name}"')
        open(cargo, "w").write(text)
        if rules:
            gen_app.write(os.path.join(app, "build.rs"), RULES_BUILD_RS)
            gen_app.write(os.path.join(app, "src", "middleware.rs"), MIDDLEWARE_RS)
        bench.log(f"building url-{name} (cached after the first time)")
        env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(APPS, "target"))
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=app, env=env, check=True)
        binaries[name] = os.path.join(APPS, "target", "release", f"url-{name}")
    return binaries


def measure(binaries, rounds, duration, warmup):
    """Alternating rounds (plain, rules, then rules, plain...); per path, every round's
    req/s for each app."""
    samples = {path: {name: [] for name in binaries} for path in PATHS}
    for round_ in range(rounds):
        order = list(binaries) if round_ % 2 == 0 else list(reversed(binaries))
        for name in order:
            server = bench.Server(name, [binaries[name]])
            try:
                server.start(bench.LAST_ROUTE)
                for label, path in PATHS.items():
                    bench.wrk(path, 64, warmup)
                    run = bench.wrk(path, 64, duration)
                    assert run["non_2xx"] == 0 and run["socket_errors"] == 0, run
                    samples[label][name].append(run["rps"])
                    bench.log(f"== round {round_ + 1}, {name}, {label}: {run['rps']:.0f} req/s")
            finally:
                server.stop()
    return samples


def program_total(binary, path, count):
    """callgrind's program total for `binary` serving `count` keep-alive requests."""
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "callgrind.out")
        port = bench.PORT + 77
        proc = subprocess.Popen(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary],
            env=dict(os.environ, PORT=str(port)), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            conn = None
            for _ in range(300):
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    conn.request("GET", path)
                    conn.getresponse().read()
                    break
                except OSError:
                    conn = None
                    time.sleep(0.2)
            assert conn, f"{binary} did not answer under valgrind"
            for _ in range(count - 1):
                conn.request("GET", path)
                conn.getresponse().read()
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=60)
        annotated = subprocess.run(["callgrind_annotate", out], capture_output=True, text=True).stdout
        return int(re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", annotated).group(1).replace(",", ""))


def instructions(binaries, requests=1001):
    """Instructions per keep-alive request, (N requests - 1 request) / (N - 1): start-up
    and the first request cancel out. Steady where req/s are not, on a shared machine."""
    if not shutil.which("valgrind"):
        bench.log("valgrind is not installed: no instruction counts")
        return None
    counts = {}
    for label, path in PATHS.items():
        for name, binary in binaries.items():
            one, many = program_total(binary, path, 1), program_total(binary, path, requests)
            counts.setdefault(label, {})[name] = (many - one) // (requests - 1)
            bench.log(f"== {name}, {label}: {counts[label][name]:,} instructions per request")
    return counts


def markdown(samples, rounds, duration, counts):
    lines = [
        "<!-- url-rules: written by bench/url-rules -->",
        "## URL rules and middleware",
        "",
        f"`bench/url-rules`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: a generated "
        "10-page app, plain and with 20 rules in `build.rs` (5 header rules, one of them on "
        "every path; 8 redirects; 7 rewrites in all three phases; none answers the measured "
        "pages) plus a middleware that runs for every request (reads a cookie, adds a header). "
        f"{rounds} alternating rounds of {duration} s at 64 connections, one server core; "
        "the ratio is the median of the rounds' paired ratios.",
        "",
        "| page | plain (req/s, median) | rules + middleware (req/s, median) | ratio |",
        "|---|---:|---:|---:|",
    ]
    worst = None
    for label, by_app in samples.items():
        ratios = [r / p for p, r in zip(by_app["plain"], by_app["rules"])]
        ratio = statistics.median(ratios)
        worst = ratio if worst is None else min(worst, ratio)
        lines.append(f"| {label} | {statistics.median(by_app['plain']):,.0f} | "
                     f"{statistics.median(by_app['rules']):,.0f} | **{ratio:.2f}×** |")
    if counts:
        lines += ["", "Instructions per keep-alive request (callgrind, `(1001 requests − 1) / 1000` of the "
                  "program total; steady to a fraction of a percent where req/s swing by a fifth here):", "",
                  "| page | plain | rules + middleware | ratio |", "|---|---:|---:|---:|"]
        for label, by_app in counts.items():
            lines.append(f"| {label} | {by_app['plain']:,} | {by_app['rules']:,} | "
                         f"**{by_app['plain'] / by_app['rules']:.2f}×** |")
    met = "met" if worst >= 0.9 else "missed"
    target = (f"Target: rules and a middleware on every request cost at most a tenth (≥ 0.9×): {met} "
              f"in req/s (at worst {worst:.2f}×).")
    if counts:
        steady = min(by_app["plain"] / by_app["rules"] for by_app in counts.values())
        target += (f" In instructions, the steady figure, at worst {steady:.2f}× "
                   f"({'met' if steady >= 0.9 else 'missed'}).")
    lines += ["", target, "",
              "Every round (req/s): " + "; ".join(
                  f"{label}: plain {[round(v) for v in by_app['plain']]}, rules {[round(v) for v in by_app['rules']]}"
                  for label, by_app in samples.items()),
              "<!-- /url-rules -->"]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--duration", type=int, default=5)
    args = parser.parse_args()
    binaries = prepare()
    samples = measure(binaries, args.rounds, args.duration, warmup=1)
    counts = instructions(binaries)
    section = markdown(samples, args.rounds, args.duration, counts)
    print(section)
    report.write_section(ROOT, "url-rules", section)


if __name__ == "__main__":
    main()
