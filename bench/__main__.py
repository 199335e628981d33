"""`make bench`: server time, SQL queries and page bytes of the public pages.

Starts gunicorn with 2 workers (production settings, compressed static files) on a
fresh database with the demo loaded, then
- sends each page N times and reports median and p95 of the server time (the
  Server-Timing header the app sets) and of the round trip;
- counts the SQL queries of each page in-process;
- loads the portal in Debian's chromium with an empty cache and adds up the bytes
  on the wire by kind (HTML, CSS, JS, fonts, images).
Prints a table; writes nothing into the repository.
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    ("home", "/de/"),
    ("portal", "/de/lip/"),
    ("portal (ar)", "/ar/lip/"),
    ("fields", "/de/lip/handlungsfelder/"),
    ("field", "/de/lip/handlungsfelder/bildung/"),
    ("contact form", "/de/kontakt/1/"),
    ("imprint", "/en/impressum/"),
]
# The contribution pages, measured on a small and on a large seeded database.
CONTRIBUTION_PAGES = [
    ("list, first", "/de/lip/beitraege/"),
    ("list, last", "/de/lip/beitraege/?page=last"),
    ("list, filtered", "/de/lip/beitraege/?field=bildung&kind=idea&sort=supported"),
    ("list, search", "/de/lip/beitraege/?q=Sprachkurs+Eltern"),
    ("detail", "/de/lip/beitraege/{detail}/"),
    ("api list", "/api/v1/contributions?page=2"),
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(data_dir: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "MITPLAN_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'db.sqlite3'}",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "MITPLAN_SERVE_MEDIA": "true",
        # Production runs with Redis (cache, sessions, rate limits); so does the bench.
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
    }


def prepare(env, contributions: int = 0):
    """Migrate, load the demo, collect static files; seed contributions if asked."""
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run(
            [*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True
        )
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )
    if contributions:
        seed = [
            "--contributions",
            str(contributions),
            "--supports",
            str(contributions * 10),
        ]
        seed += ["--comments", str(contributions * 3)]
        subprocess.run(
            [sys.executable, "-m", "bench.seed", *seed], env=env, cwd=ROOT, check=True
        )


def query_counts(env, pages) -> dict[str, int]:
    code = (
        "import django, json, sys\n"
        "django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client()\n"
        "counts = {}\n"
        "for name, url in json.loads(sys.argv[1]):\n"
        "    client.get(url)\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        client.get(url)\n"
        "    counts[name] = len(ctx)\n"
        "print(json.dumps(counts))\n"
    )
    import json

    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(pages)],
        env={**env, "ALLOWED_HOSTS": "*"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def timings(base: str, path: str, runs: int):
    server, total = [], []
    for _ in range(runs):
        started = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310
            response.read()
            header = response.headers.get("Server-Timing", "")
        total.append((time.perf_counter() - started) * 1000)
        if "dur=" in header:
            server.append(float(header.split("dur=")[1].split(",")[0].split(";")[0]))
    return server, total


def page_bytes(base: str) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = {}
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
        results = {}
        for label, path in [("portal (de)", "/de/lip/"), ("portal (ar)", "/ar/lip/")]:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            responses = []
            page.on(
                "requestfinished", lambda request, seen=responses: seen.append(request)
            )
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            sizes = {}
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


class Server:
    """gunicorn with 2 workers on a free loopback port, as production runs it."""

    def __init__(self, env):
        self.env = env

    def __enter__(self):
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
        self.process = subprocess.Popen(
            [
                gunicorn,
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--no-control-socket",
            ],
            env=self.env,
            cwd=ROOT,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)


def measure(env, pages, runs: int, title: str) -> None:
    queries = query_counts(env, pages)
    print(f"\n{title}\n")
    print(
        f"{'page':<16} {'server p50':>10} {'server p95':>10} {'total p50':>10} "
        f"{'total p95':>10} {'queries':>8} {'HTML bytes':>11}"
    )
    with Server(env) as server:
        for name, path in pages:
            timings(server.base, path, 10)  # warm up both workers
            server_ms, total_ms = timings(server.base, path, runs)
            with urllib.request.urlopen(server.base + path) as response:  # noqa: S310
                html_bytes = len(response.read())
            print(
                f"{name:<16} {statistics.median(server_ms):>8.1f}ms "
                f"{percentile(server_ms, 0.95):>8.1f}ms {statistics.median(total_ms):>8.1f}ms "
                f"{percentile(total_ms, 0.95):>8.1f}ms {queries[name]:>8} {html_bytes:>11,}"
            )


def contribution_pages(env) -> list[tuple[str, str]]:
    """The contribution pages, with a real detail id and the real last page."""
    code = (
        "import django; django.setup()\n"
        "from mitplan.contributions.models import Contribution\n"
        "published = Contribution.objects.published()\n"
        "print(published.order_by('-support_count').first().pk, (published.count() + 19) // 20)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    detail, last = out[-2], out[-1]
    return [
        (name, path.replace("{detail}", detail).replace("page=last", f"page={last}"))
        for name, path in CONTRIBUTION_PAGES
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument(
        "--sizes", default="100,10000", help="contribution counts to seed and measure"
    )
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="mitplan-bench-"))
    try:
        env = server_env(data_dir)
        print(f"Preparing a fresh database in {data_dir} …", flush=True)
        prepare(env)
        measure(
            env,
            PAGES,
            args.runs,
            f"Public pages: server time and round trip over {args.runs} requests each "
            "(gunicorn, 2 workers, production settings, SQLite + Redis)",
        )
        with Server(env) as server:
            print(
                "\nFirst visit in chromium, empty cache, bytes on the wire (compressed):\n"
            )
            for label, sizes in page_bytes(server.base).items():
                total = sum(value for key, value in sizes.items() if key != "requests")
                parts = ", ".join(
                    f"{key} {sizes[key]:,}"
                    for key in ("HTML", "CSS", "JS", "fonts", "images", "other")
                    if key in sizes
                )
                print(
                    f"{label:<12} {total:>8,} bytes in {sizes['requests']} requests: {parts}"
                )
        for size in [int(value) for value in args.sizes.split(",") if value]:
            size_dir = data_dir / f"seeded-{size}"
            size_dir.mkdir()
            size_env = server_env(size_dir)
            print(
                f"\nSeeding {size:,} contributions, {size * 10:,} supports, "
                f"{size * 3:,} comments …",
                flush=True,
            )
            prepare(size_env, contributions=size)
            measure(
                size_env,
                contribution_pages(size_env),
                args.runs,
                f"Contribution pages with {size:,} contributions",
            )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
