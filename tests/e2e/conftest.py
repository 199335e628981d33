"""Browser journeys: a real server (uvicorn, as `make run` serves it) on a fresh
database with the demo loaded, driven by Debian's chromium through Playwright, with
axe-core checking every page against WCAG 2.2 A/AA."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.databases import database_drop, throwaway_database

# Playwright keeps an event loop on this thread; Django would then refuse its sync
# database calls in later tests of the same worker. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("MITPLAN_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"{CHROMIUM} is missing: `apt-get install chromium` (make test does)"
        )
    if not AXE.exists():
        pytest.skip("axe-core is missing: run `npm ci` (make test does)")
    tmp = tmp_path_factory.mktemp("e2e")
    port = _free_port()
    env = {
        "SITE_URL": f"http://127.0.0.1:{port}",
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "MITPLAN_DATA_DIR": str(tmp),
        "DATABASE_URL": throwaway_database(tmp),
        "EMAIL_URL": f"filemail:///{tmp / 'mail'}",  # three slashes + absolute path
        "SPAM_MIN_FILL_SECONDS": "1",
        "MITPLAN_ADMIN_PASSWORD": "e2e-admin-password-42",
        "REDIS_URL": "",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(
        [*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT
    )
    subprocess.run(
        [*manage, "load_demo"], env=env, check=True, cwd=ROOT, capture_output=True
    )
    # As `make run` serves (config/serve.py: uvicorn, two workers).
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "config.serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    # Up to 90 s: on a loaded 2-core machine two workers import the app slowly.
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 - loopback
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    if process.poll() is not None or time.monotonic() > deadline:
        process.terminate()
        pytest.fail("the test server did not start")
    yield {
        "url": base,
        "mail_dir": tmp / "mail",
        "admin_password": "e2e-admin-password-42",
        "env": env,  # for a test that changes the server's data with manage.py
    }
    process.terminate()
    process.wait(timeout=10)
    database_drop(env["DATABASE_URL"])


@pytest.fixture(scope="module")
def browser():
    # Per module, not per session: while Playwright's sync API runs, code executes in
    # its greenlet context, and database tests that a worker runs after a browser
    # test would open a second connection that outlives the test database.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser context that records every request, so tests can prove that
    nothing leaves the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.base_url = server["url"]
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    # Evaluated through the DevTools protocol, which the page's CSP does not block
    # (an injected <script> tag would be, as it should be).
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, json.dumps(violations, indent=2, ensure_ascii=False)
