"""The scale-out runs (`bench/run --only-cluster`, and part of the full run): the shared
cache's two levels side by side, what Redis adds to a miss, the lock's round trip, and a
cluster of three instances behind nginx against one instance.

Redis, nginx and every instance are pinned to the server core, wrk to the load core, as in
the rest of the suite: on this two-core machine a cluster cannot serve more than one
instance does, so its row measures what the extra hop through nginx costs, not scale-out.
"""
import os
import re
import subprocess
import tempfile
import time

from bench import (CACHED, DISTINCT, PORT, POST, SERVER_CORE, TARGET, Server, alternate_on, wrk,
                   get, head, log)

FRAMEWORK = os.path.join(TARGET, "release", "framework")
REDIS_PORT = PORT + 30
NGINX_PORT = PORT + 31
# A cold URL per request (bench/distinct.lua adds `?r=N`): every request a miss.
MISS = "/cached/3"
# Every request a different post (bench/distinct-pages.lua: `/cached/1`, `/cached/2`, ...).
PAGES = "/cached/"
DISTINCT_PAGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "distinct-pages.lua")


def redis_server(scratch):
    """A private Redis on a loopback port, without persistence, bounded as a cache should
    be: 2 GB (room for every post the second-level runs store), least recently used keys evicted first."""
    redis = Server("redis", ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no", "--dir", scratch,
                             "--maxmemory", "2gb", "--maxmemory-policy", "allkeys-lru"],
                   port=REDIS_PORT)
    redis.launch()
    deadline = time.time() + 10
    while not redis_cli("PING").startswith("PONG"):
        if time.time() > deadline:
            raise RuntimeError("redis-server did not start")
        time.sleep(0.05)
    return redis


def redis_cli(*command):
    result = subprocess.run(["redis-cli", "-p", str(REDIS_PORT), *command],
                            capture_output=True, text=True)
    return result.stdout.strip()


def nginx(scratch, ports):
    """nginx round robin over `ports`, as docs/deployment.md configures it."""
    servers = "".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;\n" for port in ports)
    config = f"""daemon off;
worker_processes 1;
pid {scratch}/nginx.pid;
error_log {scratch}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {scratch}/body;
    proxy_temp_path {scratch}/proxy;
    fastcgi_temp_path {scratch}/fastcgi;
    uwsgi_temp_path {scratch}/uwsgi;
    scgi_temp_path {scratch}/scgi;
    upstream app {{
{servers}        keepalive 64;
    }}
    server {{
        listen 127.0.0.1:{NGINX_PORT};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_next_upstream error timeout http_502 http_503 http_504;
            proxy_next_upstream_tries 3;
        }}
    }}
}}
"""
    path = os.path.join(scratch, "nginx.conf")
    with open(path, "w") as f:
        f.write(config)
    binary = "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else "nginx"
    return Server("nginx", [binary, "-p", scratch, "-c", path], port=NGINX_PORT)


def lock_round_trips():
    """The lock's two commands as the framework sends them, timed by redis-benchmark on one
    connection: taking it (`SET NX PX`) and giving it back (a compare-and-delete script)."""
    unlock = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
    commands = {
        "take (SET NX PX)": ["SET", "next:bench:lock", "owner", "NX", "PX", "30000"],
        "give back (compare-and-delete script)": ["EVAL", unlock, "1", "next:bench:lock", "owner"],
        "look up (GET)": ["GET", "next:bench:missing"],
    }
    results = {}
    for name, command in commands.items():
        out = subprocess.run(
            ["taskset", "-c", "1", "redis-benchmark", "-p", str(REDIS_PORT), "-c", "1",
             "-n", "20000", "-q", *command],
            capture_output=True, text=True, check=True).stdout
        rps = float(re.search(r"([\d.]+) requests per second", out).group(1))
        p50 = re.search(r"p50=([\d.]+) msec", out)
        results[name] = {"per_second": rps, "p50_ms": float(p50.group(1)) if p50 else None}
        log(f"== lock: {name}: {rps:.0f}/s")
    return results


def measure_levels(args, first, second):
    """A first-level hit, a second-level hit and a render of the same post, side by side.
    The second level is measured on `second`, whose memory keeps nothing, over many posts:
    one wrk run first renders and stores each (`/cached/N`, one page each, so no request
    waits for another's), then the measured runs ask for them again, in the same order,
    and every request is a Redis hit (the renders they caused are counted, and must be
    none)."""
    get(CACHED)
    status, headers, _ = head(CACHED)
    assert status == 200 and headers.get("x-nextjs-cache") == "HIT", headers
    # More posts than the measured runs ask for: each run starts again at `/cached/1`.
    wrk(PAGES, 64, 5 * args.cache_duration, port=second.port, script=DISTINCT_PAGES)
    # wrk calls the script once before its first request: the first post asked for is 2.
    status, headers, _ = head(PAGES + "2", port=second.port)
    assert status == 200 and headers.get("x-nextjs-cache") == "HIT", headers
    before = int(get("/_bench/renders", port=second.port)[1])
    levels = alternate_on({
        "first-level hit (memory)": (first, CACHED),
        "second-level hit (Redis)": (second, PAGES, DISTINCT_PAGES),
        "rendered per request": (first, POST),
    }, args)
    renders = int(get("/_bench/renders", port=second.port)[1]) - before
    levels["second-level hit (Redis)"]["renders"] = renders
    log(f"== second-level hits rendered {renders} time(s)")
    return levels


def measure_cluster(args):
    """The runs above, in one scratch directory; every process stopped at the end."""
    scratch = tempfile.mkdtemp(prefix="next-bench-cluster-")
    servers = []
    try:
        redis = redis_server(scratch)
        servers.append(redis)
        url = f"redis://127.0.0.1:{REDIS_PORT}/0"
        cache_on = {"NEXT_BENCH_SHARED_CACHE": "1", "REDIS_URL": url}
        first = Server("first level", [FRAMEWORK], env=cache_on)
        # A first level too small to keep anything: every request goes to Redis.
        second = Server("second level", [FRAMEWORK], port=PORT + 1,
                        env=dict(cache_on, NEXT_BENCH_SHARED_CACHE_BYTES="1"))
        alone = Server("memory only", [FRAMEWORK], port=PORT + 2,
                       env={"NEXT_BENCH_SHARED_CACHE": "1"})
        for server in (first, second, alone):
            servers.append(server)
            server.start(POST)
        results = {"levels": measure_levels(args, first, second)}
        results["misses"] = alternate_on({
            "miss with Redis (look up, lock, render, store, unlock)": (second, MISS, DISTINCT),
            "miss in memory only (render)": (alone, MISS, DISTINCT),
        }, args)
        results["lock"] = lock_round_trips()

        instances = [Server(f"instance {i}", [FRAMEWORK], port=PORT + 10 + i, env=cache_on)
                     for i in range(3)]
        for instance in instances:
            servers.append(instance)
            instance.start(POST)
        balancer = nginx(scratch, [instance.port for instance in instances])
        servers.append(balancer)
        balancer.start(CACHED)
        results["cluster"] = alternate_on({
            "one instance, direct": (instances[0], CACHED),
            "three instances through nginx": (balancer, CACHED),
        }, args)
        return results
    finally:
        for server in reversed(servers):
            server.stop()
        subprocess.run(["rm", "-rf", scratch], check=False)
