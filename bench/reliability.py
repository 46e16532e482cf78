#!/usr/bin/env python3
"""The fault and load suite (`bench/run --reliability`), outside the normal test run.

Against the test app (`tests/src/pages`, served by the release `test-server` in production
mode with the shared cache on, two workers, on 127.0.0.1) it runs:

1. a mutation fuzzer: real requests from a small corpus, mutated by Debian's zzuf, sent
   raw; every answer must be an HTTP response below 500 (or a closed connection for bytes
   that are no HTTP), and the server must keep answering a health check;
2. slow-header clients: connections that send their request head a byte a second, while
   ordinary requests must still be answered promptly;
3. a soak: wrk at 256 connections for 60 s over a mix of pages where some fail, panic,
   time out or are missing, counting statuses and socket errors, and sampling the
   server's RSS every second;
4. the query-cost ratio: `Query::parse` on 16,000 keys against 1,600.

Results go to docs/reliability.md, between its `reliability:results` markers, and the raw
numbers to target/reliability.json. Loopback only; every process it starts it stops.
"""
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "target")
SERVER = os.path.join(TARGET, "release", "test-server")
QUERY_COST = os.path.join(TARGET, "release", "query-cost")
DOC = os.path.join(ROOT, "docs", "reliability.md")
QUICK = "--quick" in sys.argv
FUZZ_CASES = 300 if QUICK else 3000
SOAK_SECONDS = 10 if QUICK else 60
SLOW_CLIENTS = 200

CORPUS = [
    b"GET /posts/1 HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n\r\n",
    b"GET /posts/2?ref=home&tag=a&tag=b HTTP/1.1\r\nHost: localhost\r\nAccept-Language: fr;q=0.9, en\r\n\r\n",
    b"GET /_next/data/BUILD/posts/1.json HTTP/1.1\r\nHost: localhost\r\nx-nextjs-data: 1\r\nx-next-render: html\r\n\r\n",
    b"GET /cached?k=fuzz&cc=public,%20s-maxage=5,%20stale-while-revalidate=9 HTTP/1.1\r\nHost: localhost\r\nVary: x\r\n\r\n",
    b"GET /docs/a/b%2Fc HTTP/1.1\r\nHost: localhost\r\nCookie: __prerender_bypass=abc; __next_preview_data=def; NEXT_LOCALE=fr\r\n\r\n",
    b"POST /api/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"hello\":[1,2,3]}",
    b"POST /api/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n3\r\n[1]\r\n1\r\n}\r\n0\r\n\r\n",
    b"HEAD /files/a/../b HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: \"x\", W/\"y\"\r\n\r\n",
    b"GET /echo/7?a=1&a=2&b=%E2%82%AC HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: other.example\r\n\r\n",
    # public/, ranges and compression.
    b"GET /styles/site.css HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip;q=0.5, br\r\nRange: bytes=10-99\r\nIf-Range: \"x\"\r\n\r\n",
    b"GET /my%20file.txt HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: *;q=0.1\r\nIf-None-Match: \"a-gzip\"\r\n\r\n",
    b"GET /big HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip, deflate, br, zstd\r\n\r\n",
]

# The soak's mix: what a busy site sees, failures included. Expected statuses only.
SOAK_PATHS = [
    ("/", 200), ("/posts/1", 200), ("/posts/2?x=1", 200), ("/about", 200),
    ("/cached?k=soak&cc=public,%20s-maxage=1,%20stale-while-revalidate=2", 200),
    ("/api/hello", 200), ("/files/a/b", 200), ("/missing", 404), ("/posts/x", 404),
    ("/failures?mode=error", 500), ("/failures?mode=panic", 500), ("/app-panics", 500),
    ("/api/panics", 500), ("/render-panics", 500), ("/slow", 200),
    ("/styles/site.css", 200), ("/robots.txt", 200),
]


def log(message):
    print(message, file=sys.stderr, flush=True)


class Server:
    """The release test server, production mode, shared cache on."""

    def __init__(self):
        env = dict(os.environ, NEXT_DEV="0", PORT="0", NEXT_WORKERS="2",
                   NEXT_SHARED_CACHE_BYTES=str(8 * 1024 * 1024), RUST_LOG="off")
        env.pop("NEXT_PREVIEW_SECRET", None)
        self.process = subprocess.Popen([SERVER], env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline().strip()
        match = re.match(r"listening on http://127\.0\.0\.1:(\d+)$", line)
        if not match:
            self.stop()
            raise SystemExit(f"the test server did not start: {line!r}")
        self.port = int(match.group(1))
        self.build_id = None

    def rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def alive(self):
        return self.process.poll() is None

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def exchange(port, raw, timeout=3.0):
    """Sends raw bytes, returns the status (None: closed with no answer, 'timeout')."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(raw)
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        data = b""
        try:
            while len(data) < 64 and b"\r\n" not in data:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
        except socket.timeout:
            return "timeout"
        except ConnectionResetError:
            return None
    match = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return int(match.group(1)) if match else None


def healthy(port):
    return exchange(port, b"GET /posts/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n") == 200


def build_id(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        body = b""
        while chunk := sock.recv(65536):
            body += chunk
    return re.search(rb'"buildId":"([^"]+)"', body).group(1)


def fuzz(server):
    corpus = [case.replace(b"BUILD", build_id(server.port)) for case in CORPUS]
    statuses, unexpected, health_failures = {}, [], 0
    with tempfile.TemporaryDirectory() as scratch:
        files = []
        for i, case in enumerate(corpus):
            path = os.path.join(scratch, f"case{i}.http")
            with open(path, "wb") as f:
                f.write(case)
            files.append(path)
        for seed in range(FUZZ_CASES):
            path = files[seed % len(files)]
            ratio = random.Random(seed).choice(["0.001", "0.004", "0.01", "0.03"])
            mutated = subprocess.run(["zzuf", "-s", str(seed), "-r", ratio, "cat", path],
                                     capture_output=True, check=True).stdout
            status = exchange(server.port, mutated)
            key = str(status)
            statuses[key] = statuses.get(key, 0) + 1
            if status == "timeout" or (isinstance(status, int) and status >= 500):
                unexpected.append({"seed": seed, "case": seed % len(files), "ratio": ratio,
                                   "status": status, "request": mutated[:200].decode("latin-1")})
            if seed % 100 == 99 and not healthy(server.port):
                health_failures += 1
    return {"cases": FUZZ_CASES, "statuses": statuses, "unexpected": unexpected,
            "health_failures": health_failures, "alive": server.alive()}


def slow_headers(server):
    """SLOW_CLIENTS connections trickle their head; ordinary requests must still pass."""
    stop = threading.Event()
    closed_after = []

    def trickle():
        start = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
                sock.sendall(b"GET /posts/1 HTTP/1.1\r\nHost: localhost\r\n")
                while not stop.is_set():
                    sock.sendall(b"X")
                    time.sleep(1)
                    sock.settimeout(0.01)
                    try:
                        if sock.recv(4096) == b"":
                            break
                    except socket.timeout:
                        pass
                    except OSError:
                        break
                    sock.settimeout(30)
        except OSError:
            pass
        closed_after.append(time.monotonic() - start)

    threads = [threading.Thread(target=trickle, daemon=True) for _ in range(SLOW_CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    latencies, failures = [], 0
    deadline = time.monotonic() + 12
    while time.monotonic() < deadline:
        start = time.monotonic()
        ok = healthy(server.port)
        latencies.append(time.monotonic() - start)
        failures += not ok
        time.sleep(0.1)
    stop.set()
    for thread in threads:
        thread.join(timeout=5)
    latencies.sort()
    return {"slow_clients": SLOW_CLIENTS, "closed_by_server": sum(t < 12 for t in closed_after),
            "median_close_s": round(sorted(closed_after)[len(closed_after) // 2], 1) if closed_after else None,
            "ordinary_requests": len(latencies), "ordinary_failures": failures,
            "ordinary_p50_ms": round(latencies[len(latencies) // 2] * 1000, 2),
            "ordinary_max_ms": round(latencies[-1] * 1000, 2)}


WRK_SCRIPT = """
local paths = {%s}
counts = {}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
response = function(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for status, n in pairs(c) do total[status] = (total[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(total) do table.insert(parts, string.format('"%%d": %%d', status, n)) end
  io.write("STATUSES {" .. table.concat(parts, ", ") .. "}\\n")
  local e = summary.errors
  io.write(string.format("ERRORS {\\"connect\\": %%d, \\"read\\": %%d, \\"write\\": %%d, \\"status\\": %%d, \\"timeout\\": %%d}\\n",
    e.connect, e.read, e.write, e.status, e.timeout))
  io.write(string.format("TOTAL %%d %%.1f\\n", summary.requests, latency:percentile(99) / 1000))
end
"""


def soak(server):
    paths = ", ".join(json.dumps(path) for path, _ in SOAK_PATHS)
    expected = {status for _, status in SOAK_PATHS}
    rss = []
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % paths)
    try:
        wrk = subprocess.Popen(["wrk", "-t2", "-c256", f"-d{SOAK_SECONDS}s", "--timeout", "10s",
                                "-s", script.name, f"http://127.0.0.1:{server.port}"],
                               stdout=subprocess.PIPE, text=True)
        start = time.monotonic()
        while wrk.poll() is None:
            rss.append((round(time.monotonic() - start), server.rss_kib()))
            time.sleep(1)
        output = wrk.stdout.read()
    finally:
        os.unlink(script.name)
    statuses = json.loads(re.search(r"STATUSES (.*)", output).group(1))
    errors = json.loads(re.search(r"ERRORS (.*)", output).group(1))
    total, p99 = re.search(r"TOTAL (\d+) ([\d.]+)", output).groups()
    unexpected = {s: n for s, n in statuses.items() if int(s) not in expected}
    return {"seconds": SOAK_SECONDS, "connections": 256, "requests": int(total),
            "requests_per_s": round(int(total) / SOAK_SECONDS), "p99_ms": float(p99),
            "statuses": statuses, "unexpected_statuses": unexpected, "socket_errors": errors,
            "rss_kib": rss, "alive": server.alive(), "healthy_after": healthy(server.port)}


def query_cost():
    return json.loads(subprocess.run([QUERY_COST], capture_output=True, text=True,
                                     check=True).stdout)


def report(results):
    f, s, k, q = results["fuzz"], results["slow"], results["soak"], results["query"]
    rss = [kib for _, kib in k["rss_kib"]] or [0]
    series = ", ".join(f"{t}s {kib // 1024} MiB" for t, kib in k["rss_kib"][::10])
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} with `{results['command']}` "
        "(release build, 2 workers, shared cache 8 MiB, this 2-core machine shared with wrk).",
        "",
        "| check | result |",
        "|---|---|",
        f"| mutation fuzzer (zzuf) | {f['cases']} mutated requests; answers by status: "
        + ", ".join(f"{status}: {n}" for status, n in sorted(f["statuses"].items()))
        + f"; **{len(f['unexpected'])} unexpected** (5xx or hang), "
        f"{f['health_failures']} failed health checks, server {'up' if f['alive'] else 'DOWN'} |",
        f"| slow-header clients | {s['slow_clients']} connections sending a byte a second: "
        f"{s['closed_by_server']} closed by the server (median after {s['median_close_s']} s); "
        f"{s['ordinary_requests']} ordinary requests meanwhile, {s['ordinary_failures']} failed, "
        f"p50 {s['ordinary_p50_ms']} ms, max {s['ordinary_max_ms']} ms |",
        f"| soak | {k['seconds']} s at {k['connections']} connections: {k['requests']} requests "
        f"({k['requests_per_s']}/s, p99 {k['p99_ms']} ms); statuses "
        + ", ".join(f"{status}: {n}" for status, n in sorted(k["statuses"].items()))
        + f"; **unexpected statuses {k['unexpected_statuses'] or 'none'}**; socket errors "
        + ", ".join(f"{name} {n}" for name, n in k["socket_errors"].items() if name != "status")
        + f"; healthy after: {k['healthy_after']} |",
        f"| RSS during the soak | first {rss[0] // 1024} MiB, max {max(rss) // 1024} MiB, "
        f"last {rss[-1] // 1024} MiB ({series}) |",
        f"| query cost | `Query::parse`: 1,600 keys {q['keys_1600_us']} µs, 16,000 keys "
        f"{q['keys_16000_us']} µs: **{q['ratio']}×** for 10× the keys |",
    ]
    with open(DOC) as doc:
        text = doc.read()
    start, end = "<!-- reliability:results -->", "<!-- /reliability:results -->"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    with open(DOC, "w") as doc:
        doc.write(before + start + "\n" + "\n".join(lines) + "\n" + end + after)


def main():
    results = {"command": "bench/run --reliability" + (" --quick" if QUICK else "")}
    server = Server()
    try:
        log(f"fuzzing with {FUZZ_CASES} mutated requests")
        results["fuzz"] = fuzz(server)
        log("slow-header clients")
        results["slow"] = slow_headers(server)
        log(f"soak: {SOAK_SECONDS} s at 256 connections")
        results["soak"] = soak(server)
    finally:
        server.stop()
    results["query"] = query_cost()
    with open(os.path.join(TARGET, "reliability.json"), "w") as raw:
        json.dump(results, raw, indent=1)
    report(results)
    log(json.dumps({key: value for key, value in results.items() if key != "soak"}, indent=1)[:4000])
    soak_summary = {k: v for k, v in results["soak"].items() if k != "rss_kib"}
    log(json.dumps(soak_summary, indent=1))
    failed = (results["fuzz"]["unexpected"] or results["fuzz"]["health_failures"]
              or not results["fuzz"]["alive"] or results["slow"]["ordinary_failures"]
              or results["soak"]["unexpected_statuses"] or not results["soak"]["healthy_after"])
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
