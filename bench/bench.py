#!/usr/bin/env python3
"""next-runtime's benchmark suite. Run it with `bench/run` (which installs and builds what it
needs first); `bench/run --quick` is the short version.

Everything is measured side by side in one run, on this machine: each server is pinned to
core 0 with one worker, wrk to core 1. Results go to docs/performance.md (with the chart
docs/performance.svg) and the raw numbers to docs/performance.json.
"""
import argparse
import http.client
import json
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
TARGET = os.path.join(ROOT, "target")
APPS = os.path.join(TARGET, "bench-apps")
SERVER_CORE = "0"
LOAD_CORE = "1"
PORT = 3400
POST = "/posts/1"
# The generated apps' measured page is their root catch-all, reached after the `[slug]`
# subtree fails to match: it sorts last in Next.js's order.
LAST_ROUTE = "/bench/post/1"
SCALES = (10, 1000, 10000)
# The shared-cache runs: the post as a cache hit, as a static page, and uncached.
CACHED = "/cached/1"
STATIC = "/static-post"
# TechEmpower's Fortunes test, on a private PostgreSQL cluster.
FORTUNES = "/fortunes"
NEXTJS_NAME = "Next.js 15"
POSTGRES_CLUSTER = os.path.join(ROOT, "scripts", "postgres-cluster")


def log(message):
    print(message, file=sys.stderr, flush=True)


class Server:
    """One server process, pinned to the server core."""

    def __init__(self, name, cmd, cwd=ROOT, env=None, port=PORT, data=True):
        self.name, self.cmd, self.cwd, self.port = name, cmd, cwd, port
        # Whether it serves Next's data route (Leptos has none).
        self.data = data
        self.env = dict(os.environ, PORT=str(port), **(env or {}))
        self.proc = None

    def start(self, ready_path):
        """Starts the server; returns the time from spawn to the first 200, in ms."""
        started = time.perf_counter()
        self.launch()
        deadline = started + 120
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}")
            try:
                status, _ = get(ready_path, timeout=1, port=self.port)
                if status == 200:
                    return (time.perf_counter() - started) * 1000
            except OSError:
                pass
            time.sleep(0.0005)
        raise RuntimeError(f"{self.name} did not answer {ready_path} within 120 s")

    def launch(self):
        """Starts the process, pinned to the server core, without waiting for it."""
        self.proc = subprocess.Popen(
            ["taskset", "-c", SERVER_CORE] + self.cmd,
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def peak_rss_mb(self):
        """The peak resident memory of the server and its child processes."""
        total = 0
        for pid in [self.proc.pid] + descendants(self.proc.pid):
            try:
                with open(f"/proc/{pid}/status") as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            total += int(line.split()[1])
            except OSError:
                pass
        return total / 1024

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def get(path, timeout=5, conn=None, port=PORT):
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if own:
            conn.close()


def cpu_times():
    """Each core's (steal, total) clock ticks from /proc/stat."""
    times = {}
    with open("/proc/stat") as f:
        for line in f:
            name, *fields = line.split()
            if name.startswith("cpu") and name != "cpu":
                ticks = [int(x) for x in fields[:8]]
                times[name[3:]] = (ticks[7], sum(ticks))
    return times


def steal_share(before, after, core):
    """The share of `core`'s time the host gave to other guests between two readings."""
    steal = after[core][0] - before[core][0]
    total = after[core][1] - before[core][1]
    return steal / total if total else 0.0


# A run during which the host took more than this share of either core is run again (at
# most STEAL_RETRIES more times; the run with the least steal is kept): on this shared
# machine, steal is what moves the same binary's req/s by 20% from one run to the next.
STEAL_LIMIT = 0.05
STEAL_RETRIES = 2


def wrk(path, connections, duration, port=PORT, headers=(), script=None):
    """req/s and latency percentiles from one wrk run on the load core, run again while the
    host steals more than STEAL_LIMIT of the server or load core."""
    best = None
    for attempt in range(1 + STEAL_RETRIES):
        before = cpu_times()
        run = wrk_once(path, connections, duration, port, headers, script)
        after = cpu_times()
        run["steal"] = max(steal_share(before, after, SERVER_CORE), steal_share(before, after, LOAD_CORE))
        if best is None or run["steal"] < best["steal"]:
            best = dict(run)
        best["repeated"] = attempt
        if run["steal"] <= STEAL_LIMIT:
            break
        log(f"   {path} c{connections}: the host took {run['steal']:.0%} of a core; running again")
    return best


def wrk_once(path, connections, duration, port, headers, script):
    header_args = [arg for header in headers for arg in ("-H", header)]
    if script:
        header_args += ["-s", script]
    out = subprocess.run(
        ["taskset", "-c", LOAD_CORE, "wrk", "-t1", f"-c{connections}", f"-d{duration}s",
         "--latency", "--timeout", "10s", *header_args, f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {}
    for pct in ("50", "99"):
        value, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        latency[pct] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": rps,
        "requests": total,
        "p50_ms": latency["50"],
        "p99_ms": latency["99"],
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


def mean_of(runs):
    """One figure from the halves of a round: the mean req/s and latencies, every request
    and error counted."""
    merged = {key: statistics.mean(r[key] for r in runs) for key in ("rps", "p50_ms", "p99_ms")}
    for key in ("requests", "non_2xx", "socket_errors", "repeated"):
        merged[key] = sum(r.get(key, 0) for r in runs)
    merged["steal"] = max(r.get("steal", 0.0) for r in runs)
    return merged


def cpu_ticks(pid):
    """CPU time (user + system, in clock ticks) of a process and its descendants."""
    total = 0
    for each in [pid] + descendants(pid):
        try:
            with open(f"/proc/{each}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            pass
    return total


def settle(server, timeout=20):
    """Waits until `server` has used no more than one clock tick of CPU in 200 ms."""
    deadline = time.time() + timeout
    before = cpu_ticks(server.proc.pid)
    while time.time() < deadline:
        time.sleep(0.2)
        now = cpu_ticks(server.proc.pid)
        if now - before <= 1:
            return
        before = now
    log(f"   {server.name} still busy {timeout} s after its run")


def summarize(samples):
    """Medians of several wrk runs, with every run's req/s kept."""
    result = {key: statistics.median(s[key] for s in samples) for key in ("rps", "p50_ms", "p99_ms")}
    result["non_2xx"] = sum(s["non_2xx"] for s in samples)
    result["socket_errors"] = sum(s["socket_errors"] for s in samples)
    result["runs"] = [round(s["rps"]) for s in samples]
    result["steal"] = max(s.get("steal", 0.0) for s in samples)
    result["repeated"] = sum(s.get("repeated", 0) for s in samples)
    return result


def allocations_per_request(path, requests=2000, port=PORT):
    """Heap allocations per request, from the counting allocator of the Rust bench servers."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    count = lambda: int(get("/_bench/allocations", conn=conn)[1])
    first, second = count(), count()
    overhead = second - first  # what asking for the count costs
    before = count()
    for _ in range(requests):
        status, _ = get(path, conn=conn)
        assert status == 200, status
    after = count()
    conn.close()
    return (after - before - overhead) / requests


def build_id_of(path, port=PORT):
    _, body = get(path, port=port)
    return re.search(rb'"buildId":"([^"]+)"', body).group(1).decode()


LEPTOS = os.path.join(TARGET, "leptos", "release", "leptos-bench")


def servers_to_compare(args, database_url):
    """Every server of the side-by-side comparison, each on a port of its own; those with
    a Fortunes page get the database."""
    release = os.path.join(TARGET, "release")
    db = {"DATABASE_URL": database_url}
    servers = [
        Server("next-runtime", [os.path.join(release, "framework")], port=PORT, env=db),
        Server("hand-written actix-web", [os.path.join(release, "handwritten")], port=PORT + 1, env=db),
        Server("Leptos 0.8 (leptos_actix)", [LEPTOS], port=PORT + 2, data=False),
    ]
    if not args.skip_nextjs:
        next_bin = os.path.join(ROOT, "bench", "nextjs", "node_modules", "next", "dist", "bin", "next")
        servers.append(Server(NEXTJS_NAME, ["node", next_bin, "start", "-p", str(PORT + 3)],
                              cwd=os.path.join(ROOT, "bench", "nextjs"), port=PORT + 3,
                              env={"NODE_ENV": "production", "NEXT_TELEMETRY_DISABLED": "1", **db}))
    return servers


class Postgres:
    """A private PostgreSQL cluster for the Fortunes test (`scripts/postgres-cluster`), on the
    load core beside wrk, seeded with `bench/fortunes.sql`; stopped and removed at the end."""

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="next-bench-pg-")
        self.data = os.path.join(self.dir, "pg")
        self.url = subprocess.run(
            ["taskset", "-c", LOAD_CORE, POSTGRES_CLUSTER, "start", self.data, str(PORT + 50)],
            capture_output=True, text=True, check=True).stdout.strip()
        subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", self.url, "-f",
                        os.path.join(ROOT, "bench", "fortunes.sql")],
                       check=True, stdout=subprocess.DEVNULL)
        return self

    def __exit__(self, *_):
        subprocess.run([POSTGRES_CLUSTER, "stop", self.data],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)


def check_fortunes(server):
    """Fails the run unless the server's Fortunes answer meets the rules (`fortunes-check`)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", FORTUNES)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.status == 200, f"{server.name}: {FORTUNES} answered {response.status}"
    checked = subprocess.run(
        [os.path.join(TARGET, "release", "fortunes-check"), response.getheader("content-type", "")],
        input=body, capture_output=True)
    broken = checked.stderr.decode().strip()
    assert checked.returncode == 0, f"{server.name}: {broken}"


def measure_servers(args):
    """All servers up at once (idle ones cost nothing), measured in rounds: each round runs
    every route and connection count once on every server, back to back and in alternating
    order, so round i of one server pairs with round i of another, measured seconds apart,
    and drift in the machine's speed falls on all of them alike."""
    with Postgres() as postgres:
        return measure_servers_on(args, servers_to_compare(args, postgres.url))


def measure_servers_on(args, servers):
    results, routes = {}, {}
    try:
        for server in servers:
            log(f"== starting {server.name}")
            results[server.name] = {"ttfr_ms": server.start(POST), "page": {}, "data": {}}
            routes[server.name] = [("page", POST)]
            if server.data:
                data_path = f"/_next/data/{build_id_of(POST, server.port)}{POST}.json"
                status, _ = get(data_path, port=server.port)
                assert status == 200, f"{server.name}: {data_path} answered {status}"
                routes[server.name].append(("data", data_path))
                check_fortunes(server)
                results[server.name]["fortunes"] = {}
                routes[server.name].append(("fortunes", FORTUNES))
        # Every route warmed (caches and, for Node, the JIT) once all servers are up, then a
        # pause, so no server's start-up work falls on another's first round.
        for server in servers:
            for _, path in routes[server.name]:
                wrk(path, 64, args.warmup, port=server.port)
        time.sleep(2)
        samples = {(s.name, kind, c): [] for s in servers for kind, _ in routes[s.name]
                   for c in args.connections}
        # The Rust servers differ by less than this machine's drift, which moves one binary's
        # req/s by 15% between consecutive 4 s runs: within a round they take turns in
        # slices of a second, eight each, the order reversed every slice (A B C, C B A...),
        # so drift on any scale above a second falls on all of them alike; a round's figure
        # is the mean of its slices. Next.js, 70 times slower and with latencies of seconds,
        # runs once per round for the whole span. Before each run the server measured last
        # must have gone idle (Node works through its backlog after wrk stops).
        for round_ in range(args.runs):
            for kind in ("page", "data", "fortunes"):
                for connections in args.connections:
                    taking = [s for s in servers if kind in dict(routes[s.name])]
                    rust = [s for s in taking if s.name != NEXTJS_NAME]
                    slices = {}
                    for turn in range(args.slices):
                        for server in rust if turn % 2 == 0 else list(reversed(rust)):
                            path = dict(routes[server.name])[kind]
                            run = wrk(path, connections, args.slice_s, port=server.port)
                            settle(server)
                            slices.setdefault(server.name, []).append(run)
                    for server in taking:
                        if server.name == NEXTJS_NAME:
                            path = dict(routes[server.name])[kind]
                            whole = args.slices * args.slice_s
                            slices[server.name] = [wrk(path, connections, whole, port=server.port)]
                            settle(server)
                    for name, runs in slices.items():
                        run = mean_of(runs)
                        samples[(name, kind, connections)].append(run)
                        log(f"   round {round_ + 1} {name} {kind} c{connections}: {run['rps']:.0f} req/s "
                            f"({len(runs)} run(s), {min(r['rps'] for r in runs):.0f} to "
                            f"{max(r['rps'] for r in runs):.0f})")
        for (name, kind, connections), runs in samples.items():
            results[name][kind][str(connections)] = summarize(runs)
        for server in servers:
            entry = results[server.name]
            if server.name in ("next-runtime", "hand-written actix-web"):
                entry["allocations"] = {
                    kind: allocations_per_request(path, port=server.port)
                    for kind, path in routes[server.name]
                }
            entry["peak_rss_mb"] = server.peak_rss_mb()
            entry["binary_mb"] = (os.path.getsize(server.cmd[0]) / 2**20
                                  if os.path.isfile(server.cmd[0]) else None)
    finally:
        for server in servers:
            server.stop()
    return results


def head(path, port=PORT, headers=None):
    """Status, headers and body length of one GET."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), len(response.read())
    finally:
        conn.close()


def alternate(server, routes, args):
    """Each of `routes` (name: path) served by `server` at 64 connections, taking turns in
    alternating order over `args.cache_rounds` rounds: their summaries, paths and sizes.
    Routes that differ by a few percent, less than this machine's swing between runs, need
    more, shorter rounds, each pairing the routes seconds apart."""
    return alternate_on({name: (server, path) for name, path in routes.items()}, args)


def alternate_on(routes, args):
    """`alternate` for routes on several servers: name: (server, path), or (server, path,
    wrk script)."""
    routes = {name: (route + (None,))[:3] for name, route in routes.items()}
    sizes = {name: head(path, port=server.port)[2] for name, (server, path, _) in routes.items()}
    for server, path, script in routes.values():
        wrk(path, 64, args.warmup, port=server.port, script=script)
    samples = {name: [] for name in routes}
    for round_ in range(args.cache_rounds):
        order = list(routes.items())
        for name, (server, path, script) in order if round_ % 2 == 0 else reversed(order):
            samples[name].append(wrk(path, 64, args.cache_duration, port=server.port, script=script))
            settle(server)
            log(f"== {name}: {samples[name][-1]['rps']:.0f} req/s")
    return {name: dict(summarize(samples[name]), path=path, bytes=sizes[name])
            for name, (_, path, _) in routes.items()}


def measure_cache(args):
    """The shared cache, in one server started with it: the post served as a cache hit,
    as a static page and rendered per request (its page is private, so it takes the cache's
    pass-through path), in alternating order; then a burst of misses on a cold URL whose
    props function takes 200 ms, counting its renders."""
    server = Server("next-runtime, shared cache on",
                    [os.path.join(TARGET, "release", "framework")],
                    env={"NEXT_BENCH_SHARED_CACHE": "1"})
    routes = {"cache hit": CACHED, "static page": STATIC, "props per request": POST}
    try:
        server.start(STATIC)
        get(CACHED)
        status, headers, size = head(CACHED)
        assert status == 200 and headers.get("x-nextjs-cache") == "HIT", headers
        results = {"routes": alternate(server, routes, args)}

        before = int(get("/_bench/renders")[1])
        cold = f"/cached/2?delay=200&burst={time.time_ns()}"
        burst = wrk(cold, 256, 2)
        renders = int(get("/_bench/renders")[1]) - before
        results["stampede"] = {"connections": 256, "duration_s": 2, "delay_ms": 200,
                               "requests": burst["requests"], "renders": renders,
                               "errors": burst["non_2xx"] + burst["socket_errors"]}
        log(f"== stampede: {burst['requests']} requests, {renders} render(s)")
    finally:
        server.stop()
    return results


# The static-generation runs: the post as a generated page, as one regenerated every
# second, and as a static page.
SSG = "/ssg/1"
ISR = "/isr/1"


def measure_static(args):
    """Static generation, in one server: the post as a generated page (kept), as a page
    with `revalidate(1)` (regenerated in the background once a second under this very
    load) and as a static page rendered at start-up, in alternating order; then a load on
    a page with `revalidate(1)`, counting its generations (one per second at most)."""
    server = Server("next-runtime", [os.path.join(TARGET, "release", "framework")])
    routes = {"generated page": SSG, "regenerated page (revalidate 1 s)": ISR, "static page": STATIC}
    try:
        server.start(STATIC)
        for path in routes.values():
            status, headers, _ = head(path)
            assert status == 200, (path, status)
        status, headers, _ = head(SSG)
        assert headers.get("x-nextjs-cache") == "HIT", headers
        results = {"routes": alternate(server, routes, args)}
        get("/isr/2")
        before = int(get("/_bench/generations")[1])
        load = wrk("/isr/2", 256, 5)
        generations = int(get("/_bench/generations")[1]) - before
        results["regeneration"] = {"connections": 256, "duration_s": 5, "revalidate_s": 1,
                                   "requests": load["requests"], "generations": generations,
                                   "errors": load["non_2xx"] + load["socket_errors"]}
        log(f"== regeneration: {load['requests']} requests, {generations} generation(s)")
    finally:
        server.stop()
    return results


# The stylesheet in bench/public/, as the framework serves it and as actix-files does.
STYLESHEET = "/styles/site.css"
ACTIX_FILES_STYLESHEET = "/static/styles/site.css"
GZIP = "Accept-Encoding: gzip"
# A wrk script that asks for a new query string every request: every page body differs.
DISTINCT = os.path.join(ROOT, "bench", "distinct.lua")


def measure_files(args):
    """public/ against actix-files serving the same file from disk, and compressed pages
    against the same pages sent as they are. Each pair runs in mirrored order (A B B A)
    within a round; a round's figure is the mean of its two runs."""
    framework = Server("next-runtime", [os.path.join(TARGET, "release", "framework")])
    handwritten = Server("actix-files", [os.path.join(TARGET, "release", "handwritten")], port=PORT + 1)
    try:
        framework.start(POST)
        handwritten.start(ACTIX_FILES_STYLESHEET)
        asset = get("/_bench/asset")[1].decode()
        # (server, path, request headers, wrk script) for what is measured and its baseline.
        pairs = {
            "public file": ((framework, STYLESHEET, (), None),
                            (handwritten, ACTIX_FILES_STYLESHEET, (), None)),
            "hashed asset": ((framework, asset, (), None),
                             (handwritten, ACTIX_FILES_STYLESHEET, (), None)),
            "static page, gzip": ((framework, STATIC, (GZIP,), None), (framework, STATIC, (), None)),
            "page, gzip": ((framework, POST, (GZIP,), None), (framework, POST, (), None)),
            "page, gzip, every body new": ((framework, POST, (GZIP,), DISTINCT),
                                           (framework, POST, (), DISTINCT)),
        }
        sizes = {}
        for name, sides in pairs.items():
            for side, (server, path, headers, script) in zip(("measured", "baseline"), sides):
                status, response_headers, size = head(
                    path, server.port, dict(h.split(": ", 1) for h in headers))
                assert status == 200, f"{name}: {path} answered {status}"
                if headers:
                    assert response_headers.get("content-encoding") == "gzip", response_headers
                sizes[(name, side)] = size
                wrk(path, 64, args.warmup, port=server.port, headers=headers, script=script)
        samples = {(name, side): [] for name in pairs for side in ("measured", "baseline")}
        half = max(1, args.files_duration // 2)
        for round_ in range(args.files_rounds):
            for name, (measured, baseline) in pairs.items():
                halves = {"measured": [], "baseline": []}
                for side, (server, path, headers, script) in (
                        ("measured", measured), ("baseline", baseline),
                        ("baseline", baseline), ("measured", measured)):
                    halves[side].append(wrk(path, 64, half, port=server.port, headers=headers,
                                            script=script))
                    settle(server)
                for side, runs in halves.items():
                    samples[(name, side)].append(mean_of(runs))
                log(f"== {name}, round {round_ + 1}: {samples[(name, 'measured')][-1]['rps']:.0f} "
                    f"against {samples[(name, 'baseline')][-1]['rps']:.0f} req/s")
        return {
            name: {
                side: dict(summarize(samples[(name, side)]), path=sides[i][1],
                           server=sides[i][0].name, bytes=sizes[(name, side)],
                           headers=list(sides[i][2]), distinct=sides[i][3] is not None)
                for i, side in enumerate(("measured", "baseline"))
            }
            for name, sides in pairs.items()
        }
    finally:
        framework.stop()
        handwritten.stop()


def measure_scaling(args):
    """One run per app per round, in alternating order (10, 1k, 10k, then 10k, 1k, 10...),
    so drift in the machine's speed during the suite does not favour the apps run first."""
    samples = {n: [] for n in SCALES}
    first_response, peak_rss = {}, {}
    for round_ in range(args.scaling_rounds):
        for n in SCALES if round_ % 2 == 0 else tuple(reversed(SCALES)):
            binary = os.path.join(APPS, "target", "release", f"pages-{n}")
            server = Server(f"{n} pages", [binary])
            try:
                ttfr = server.start(LAST_ROUTE)
                first_response.setdefault(n, ttfr)
                wrk(LAST_ROUTE, 64, args.warmup)
                samples[n].append(wrk(LAST_ROUTE, 64, args.duration))
                peak_rss[n] = max(peak_rss.get(n, 0), server.peak_rss_mb())
                log(f"== {n} pages, round {round_ + 1}: {samples[n][-1]['rps']:.0f} req/s")
            finally:
                server.stop()
    results = {}
    for n in SCALES:
        results[str(n)] = summarize(samples[n])
        results[str(n)]["ttfr_ms"] = first_response[n]
        results[str(n)]["peak_rss_mb"] = peak_rss[n]
    return results


def timed(cmd, cwd, env=None):
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure_build(n):
    """Dev-profile build times of a generated app, its dependencies already built."""
    app = os.path.join(APPS, f"pages-{n}")
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(APPS, "target"))
    cargo = ["cargo", "build", "--quiet"]
    subprocess.run(cargo, cwd=app, env=env, check=True)  # dependencies, once
    subprocess.run(["cargo", "clean", "--quiet", "-p", f"pages-{n}"], cwd=app, env=env, check=True)
    clean = timed(cargo, app, env)
    page = os.path.join(app, "src", "pages", "index.rs")
    original = open(page).read()
    try:
        with open(page, "a") as f:
            f.write(f"\n// edited at {time.time()}\n")
        incremental = timed(cargo, app, env)
        # The build script alone, run as cargo runs it.
        script = max(
            (os.path.join(d, "build-script-build")
             for d in glob_dirs(os.path.join(APPS, "target", "debug", "build"), f"pages-{n}-")),
            key=lambda p: os.path.getmtime(p) if os.path.exists(p) else 0,
        )
        with tempfile.TemporaryDirectory() as out_dir:
            script_env = dict(os.environ, CARGO_MANIFEST_DIR=app, OUT_DIR=out_dir)
            build_script = statistics.median(timed([script], app, script_env) for _ in range(3))
        # Macro expansion (ours, maud's and serde's) in the final compile.
        with open(page, "a") as f:
            f.write("// and again\n")
        passes = subprocess.run(
            ["cargo", "rustc", "--quiet", "--bin", f"pages-{n}", "--", "-Ztime-passes"],
            cwd=app, env=dict(env, RUSTC_BOOTSTRAP="1"), capture_output=True, text=True, check=True,
        ).stderr
        expand = re.search(r"time:\s+([\d.]+);[^\n]*\bexpand_crate\b", passes)
        total = re.search(r"time:\s+([\d.]+);[^\n]*\btotal\b", passes)
    finally:
        with open(page, "w") as f:
            f.write(original)
    return {
        "clean_s": clean,
        "incremental_s": incremental,
        "build_script_s": build_script,
        "macro_expansion_s": float(expand.group(1)) if expand else None,
        "rustc_total_s": float(total.group(1)) if total else None,
    }


def measure_app_builds():
    """Release builds of each Rust server's own crate, its dependencies already built: what
    rebuilding after an edit costs."""
    builds = {}
    for name, cwd, package, target_dir in (
        ("next-runtime", ROOT, "next-bench", os.path.join(ROOT, "target")),
        ("Leptos 0.8 (leptos_actix)", os.path.join(ROOT, "bench", "leptos"), "leptos-bench",
         os.path.join(ROOT, "target", "leptos")),
    ):
        env = dict(os.environ, CARGO_TARGET_DIR=target_dir)
        subprocess.run(["cargo", "clean", "--quiet", "--release", "-p", package], cwd=cwd, env=env, check=True)
        builds[name] = timed(["cargo", "build", "--quiet", "--release", "-p", package], cwd, env)
    return builds


def glob_dirs(parent, prefix):
    return [os.path.join(parent, d) for d in os.listdir(parent) if d.startswith(prefix)
            and os.path.exists(os.path.join(parent, d, "build-script-build"))]


def versions():
    run = lambda cmd: subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), "unknown")
    next_pkg = os.path.join(ROOT, "bench", "nextjs", "node_modules", "next", "package.json")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "rustc": run(["rustc", "--version"]),
        "node": run(["node", "--version"]),
        "next": json.load(open(next_pkg))["version"] if os.path.exists(next_pkg) else None,
        "wrk": run(["wrk", "--version"]).splitlines()[0] if shutil.which("wrk") else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one short run each, no build-cost measurement")
    parser.add_argument("--skip-nextjs", action="store_true")
    parser.add_argument("--only-static", action="store_true",
                        help="measure static generation alone, into docs/performance.json's other results")
    parser.add_argument("--only-cluster", action="store_true",
                        help="measure the scale-out runs alone (Redis, nginx), into docs/performance.json's other results")
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite docs/performance.md from docs/performance.json (after editing bench/analysis.md)")
    args = parser.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import report
    if args.report_only:
        with open(os.path.join(ROOT, "docs", "performance.json")) as f:
            report.write(json.load(f), ROOT)
        return
    only_static = args.only_static
    if args.quick:
        args.runs, args.duration, args.warmup, args.connections = 1, 4, 1, (64, 256)
        args.slices, args.slice_s = 2, 1
        args.scaling_rounds = 1
        args.cache_rounds, args.cache_duration = 1, 3
        args.files_rounds, args.files_duration = 1, 2
    else:
        args.runs, args.duration, args.warmup, args.connections = 3, 8, 3, (64, 256)
        args.slices, args.slice_s = 8, 1
        # The scaling apps differ by a few percent at most, less than this shared machine's
        # drift between runs: more rounds, in alternating order, make the medians steady.
        args.scaling_rounds = 5
        args.cache_rounds, args.cache_duration = 9, 4
        args.files_rounds, args.files_duration = 3, 6
    started = time.time()
    import cluster
    alone = {"static": (only_static, measure_static, "bench/run --only-static"),
             "cluster": (args.only_cluster, cluster.measure_cluster, "bench/run --only-cluster")}
    for name, (chosen, measure, command) in alone.items():
        if not chosen:
            continue
        with open(os.path.join(ROOT, "docs", "performance.json")) as f:
            results = json.load(f)
        results[name] = measure(args)
        results[name]["command"] = command
        results[name]["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        report.write(results, ROOT)
        log(f"done in {(time.time() - started) / 60:.1f} min: docs/performance.md")
        return
    results = {
        "command": "bench/run --quick" if args.quick else "bench/run",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": versions(),
        "settings": {"runs": args.runs, "scaling_rounds": args.scaling_rounds,
                     "cache_rounds": args.cache_rounds, "cache_duration_s": args.cache_duration,
                     "files_rounds": args.files_rounds, "files_duration_s": args.files_duration,
                     "duration_s": args.duration, "warmup_s": args.warmup,
                     "slices": args.slices, "slice_s": args.slice_s},
        "servers": measure_servers(args),
        "cache": measure_cache(args),
        "static": measure_static(args),
        "cluster": cluster.measure_cluster(args),
        "files": measure_files(args),
        "scaling": measure_scaling(args),
    }
    if not args.quick:
        results["build"] = {str(n): measure_build(n) for n in (10, 1000)}
        results["app_builds"] = measure_app_builds()
    results["suite_minutes"] = (time.time() - started) / 60
    report.write(results, ROOT)
    log(f"done in {results['suite_minutes']:.1f} min: docs/performance.md")


if __name__ == "__main__":
    main()
