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
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", f"sqlite:///{data_dir / 'db.sqlite3'}"
        ),
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "MITPLAN_SERVE_MEDIA": "true",
    }


def prepare(env):
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )
    subprocess.run(
        [*manage, "load_demo"], env=env, cwd=ROOT, check=True, capture_output=True
    )
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )


def query_counts(env) -> dict[str, int]:
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
        [sys.executable, "-c", code, json.dumps(PAGES)],
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
            page.on("requestfinished", responses.append)
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


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="mitplan-bench-"))
    env = server_env(data_dir)
    print(f"Preparing a fresh database in {data_dir} …", flush=True)
    prepare(env)
    queries = query_counts(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    server = subprocess.Popen(
        [
            gunicorn,
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--no-control-socket",
        ],
        env=env,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        print(
            f"\nServer time and round trip over {args.runs} requests each "
            "(gunicorn, 2 workers, production settings, SQLite unless BENCH_DATABASE_URL)\n"
        )
        print(
            f"{'page':<14} {'server p50':>10} {'server p95':>10} {'total p50':>10} "
            f"{'total p95':>10} {'queries':>8} {'HTML bytes':>11}"
        )
        for name, path in PAGES:
            timings(base, path, 10)  # warm up both workers
            server_ms, total_ms = timings(base, path, args.runs)
            with urllib.request.urlopen(base + path) as response:  # noqa: S310
                html_bytes = len(response.read())
            print(
                f"{name:<14} {statistics.median(server_ms):>8.1f}ms "
                f"{percentile(server_ms, 0.95):>8.1f}ms {statistics.median(total_ms):>8.1f}ms "
                f"{percentile(total_ms, 0.95):>8.1f}ms {queries[name]:>8} {html_bytes:>11,}"
            )
        print(
            "\nFirst visit in chromium, empty cache, bytes on the wire (compressed):\n"
        )
        for label, sizes in page_bytes(base).items():
            total = sum(value for key, value in sizes.items() if key != "requests")
            parts = ", ".join(
                f"{key} {sizes[key]:,}"
                for key in ("HTML", "CSS", "JS", "fonts", "images", "other")
                if key in sizes
            )
            print(
                f"{label:<12} {total:>8,} bytes in {sizes['requests']} requests: {parts}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
