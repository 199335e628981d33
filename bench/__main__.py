"""`make bench`: throughput, latency, SQL queries and page weight, measured the way
`make run` serves (uvicorn through config.serve, 2 workers, `make run`'s settings,
static files collected hashed and compressed), on the loopback interface only.

On a fresh SQLite database with the demo and N seeded contributions (default 1,000,
with ten supports and 1.5 comments each), once with the embedded default cache (no
Redis) and once with Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/14,
flushed before and after):
- start: seconds until the server answers, and the first request's time;
- throughput with 8 and 32 concurrent keep-alive clients asking for compressed
  responses, for the contribution list, a contribution and the portal:
  "cached" as a reader asks (no cookie: whole pages from the shared cache),
  "rendered" with a cookie (every page rendered; data caches warm), and
  "cold" right after the cache was emptied (the first request);
- SQL queries per page (rendered and from the cache);
- bytes on the wire of the portal's first visit in chromium, German and Arabic.
Bounded: about four minutes. Writes nothing into the repository.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import load

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    ("list", "/de/lip/beitraege/"),
    ("detail", "/de/lip/beitraege/{detail}/"),
    ("portal", "/de/lip/"),
]
EXTRA_QUERY_PAGES = [
    ("home", "/de/"),
    ("portal (ar)", "/ar/lip/"),
    ("fields", "/de/lip/handlungsfelder/"),
    ("field", "/de/lip/handlungsfelder/bildung/"),
    ("list, filtered", "/de/lip/beitraege/?field=bildung&kind=idea&sort=supported"),
    ("list, search", "/de/lip/beitraege/?q=Sprachkurs+Eltern"),
    ("api list", "/api/v1/contributions?page=2"),
]
# Any cookie makes a request private to its sender: rendered, never from the cache.
PRIVATE_COOKIE = "bench=1"


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(data_dir: Path, redis_url: str = "") -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",  # as `make run`
        MITPLAN_DATA_DIR=str(data_dir),
        DATABASE_URL=f"sqlite:///{data_dir / 'db.sqlite3'}",
        STATIC_ROOT=str(data_dir / "static"),
        SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DEBUG="false",
        MITPLAN_ADMIN_PASSWORD="bench-admin-password-42",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env, *command, capture=True):
    subprocess.run(
        [sys.executable, "manage.py", *command],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=capture,
    )


def prepare(env, contributions: int) -> None:
    """What `make setup` does, then seed contributions."""
    manage(env, "compile_catalogs")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0", "--settings=config.settings.base")
    if contributions:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.seed",
                "--contributions",
                str(contributions),
                "--supports",
                str(contributions * 10),
                "--comments",
                str(contributions * 3 // 2),
            ],
            env=env,
            cwd=ROOT,
            check=True,
        )


def most_supported(env) -> str:
    code = (
        "import django; django.setup()\n"
        "from mitplan.contributions.models import Contribution\n"
        "print(Contribution.objects.published().order_by('-support_count').first().pk)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]


def query_counts(env, pages) -> dict[str, tuple[int, int]]:
    """(rendered, from the cache) queries of each page, counted in-process."""
    code = (
        "import django, json, sys\n"
        "django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "reader, private = Client(), Client(HTTP_COOKIE='bench=1')\n"
        "counts = {}\n"
        "for name, url in json.loads(sys.argv[1]):\n"
        "    private.get(url)\n"
        "    with CaptureQueriesContext(connection) as rendered:\n"
        "        private.get(url)\n"
        "    rendered = len(rendered)  # before the next request resets the log\n"
        "    reader.get(url)\n"
        "    with CaptureQueriesContext(connection) as cached:\n"
        "        reader.get(url)\n"
        "    counts[name] = (rendered, len(cached))\n"
        "print(json.dumps(counts))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(pages)],
        env={**env, "ALLOWED_HOSTS": "*", "MITPLAN_WARM_UP": "false"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def cache_clear(env) -> None:
    code = "import django; django.setup()\nfrom django.core.cache import cache\ncache.clear()\n"
    subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "MITPLAN_WARM_UP": "false"},
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


class Server:
    """The server as `make run` starts it, on a free loopback port."""

    def __init__(self, env, workers: int = 2):
        self.env, self.workers = env, workers

    def command(self, port: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "config.serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(self.workers),
        ]

    def process_env(self) -> dict:
        return {**self.env, "MITPLAN_SERVE_URL": self.base}

    def __enter__(self):
        """Start the server and wait until it answers (at most two minutes)."""
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        started = time.perf_counter()
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            self.command(port),
            env=self.process_env(),
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2)  # noqa: S310
                break
            except OSError:
                if self.process.poll() is not None:
                    self.log.seek(0)
                    raise RuntimeError(self.log.read().decode()[-3000:]) from None
                time.sleep(0.1)
        self.start_seconds = time.perf_counter() - started
        return self

    def tail(self, size: int = 3000) -> str:
        """The end of the server's output."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-size:]

    def first_request_ms(self, path: str) -> float:
        started = time.perf_counter()
        request = urllib.request.Request(self.base + path)  # noqa: S310
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            response.read()
        return (time.perf_counter() - started) * 1000

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.log.close()


def throughput(server, env, pages, seconds: float) -> list[dict]:
    rows = []
    for name, path in pages:
        cache_clear(env)
        cold_ms = server.first_request_ms(path)
        for mode, cookie in (("cached", ""), ("rendered", PRIVATE_COOKIE)):
            load.run(server.base, path, clients=4, seconds=0.5, cookie=cookie)
            for clients in (8, 32):
                result = load.run(
                    server.base, path, clients=clients, seconds=seconds, cookie=cookie
                )
                rows.append(
                    {
                        "page": name,
                        "mode": mode,
                        "clients": clients,
                        "per_second": result.per_second,
                        "p50": result.percentile(0.50),
                        "p95": result.percentile(0.95),
                        "p99": result.percentile(0.99),
                        "errors": result.errors,
                        "bytes": result.body_bytes // max(result.requests, 1),
                        "cold_ms": cold_ms,
                    }
                )
    return rows


def print_throughput(title, server, rows):
    print(f"\n{title}")
    print(
        f"server answering after {server.start_seconds:.1f} s "
        f"(warm-up included); first request {server.first_ms:.0f} ms\n"
    )
    print(
        f"{'page':<8} {'mode':<9} {'clients':>7} {'req/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8} {'errors':>6} {'bytes':>7} {'cold ms':>8}"
    )
    for row in rows:
        print(
            f"{row['page']:<8} {row['mode']:<9} {row['clients']:>7} "
            f"{row['per_second']:>8.1f} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{row['p99']:>8.1f} {row['errors']:>6} {row['bytes']:>7,} "
            f"{row['cold_ms']:>8.1f}"
        )


def page_bytes(base: str) -> dict[str, dict[str, int]]:
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        for label, path in [("portal (de)", "/de/lip/"), ("portal (ar)", "/ar/lip/")]:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            responses = []
            page.on(
                "requestfinished", lambda request, seen=responses: seen.append(request)
            )
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            sizes: dict[str, int] = {}
            for request in responses:
                kind = {
                    "document": "HTML",
                    "stylesheet": "CSS",
                    "script": "JS",
                    "font": "fonts",
                    "image": "images",
                }.get(request.resource_type, "other")
                transferred = request.sizes()["responseBodySize"]
                sizes[kind] = sizes.get(kind, 0) + transferred
                sizes["requests"] = sizes.get("requests", 0) + 1
            results[label] = sizes
            context.close()
        browser.close()
    return results


def print_bytes(base: str) -> None:
    print("\nFirst visit in chromium, empty browser cache, bytes on the wire:\n")
    try:
        results = page_bytes(base)
    except Exception as error:  # noqa: BLE001 - no browser: say so, keep the rest
        print(f"(skipped: {error})")
        return
    for label, sizes in results.items():
        total = sum(value for key, value in sizes.items() if key != "requests")
        parts = ", ".join(
            f"{key} {sizes[key]:,}"
            for key in ("HTML", "CSS", "JS", "fonts", "images", "other")
            if key in sizes
        )
        print(f"{label:<12} {total:>8,} bytes in {sizes['requests']} requests: {parts}")


def redis_reachable(url: str) -> bool:
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001
        return False
    return True


def redis_flush(url: str) -> None:
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contributions", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=5.0, help="per measurement")
    parser.add_argument("--no-redis", action="store_true")
    args = parser.parse_args()
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    data_dir = Path(tempfile.mkdtemp(prefix="mitplan-bench-"))
    try:
        env = server_env(data_dir)
        print(
            f"Preparing a fresh database with {args.contributions:,} contributions "
            f"in {data_dir} …",
            flush=True,
        )
        prepare(env, args.contributions)
        detail = most_supported(env)
        pages = [(name, path.format(detail=detail)) for name, path in PAGES]

        counts = query_counts(env, pages + EXTRA_QUERY_PAGES)
        print("\nSQL queries per page (rendered / from the page cache):\n")
        for name, (rendered, cached) in counts.items():
            print(f"  {name:<16} {rendered:>3} / {cached}")

        setups = [("SQLite, no Redis (disk cache in the data directory)", "")]
        if args.no_redis:
            pass
        elif redis_reachable(redis_url):
            setups.append((f"SQLite + Redis ({redis_url})", redis_url))
        else:
            print(f"\n(Redis at {redis_url} not reachable: measured without it only)")
        for title, url in setups:
            run_env = server_env(data_dir, url)
            if url:
                redis_flush(url)
            cache_clear(run_env)
            try:
                with Server(run_env) as server:
                    server.first_ms = server.first_request_ms(pages[2][1])
                    rows = throughput(server, run_env, pages, args.seconds)
                    print_throughput(
                        f"Throughput, {title}; uvicorn, 2 workers, as `make run`",
                        server,
                        rows,
                    )
                    if not url:
                        print_bytes(server.base)
            finally:
                if url:
                    redis_flush(url)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
