"""`make run` serves static files hashed and compressed, and a fresh server process is
warmed up before its first request."""

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mitplan.core import warmup

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
out = {"storage": settings.STORAGES["staticfiles"]["BACKEND"],
       "finders": getattr(settings, "WHITENOISE_USE_FINDERS", False)}
manifest = json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())["paths"]
source, hashed = next((k, v) for k, v in sorted(manifest.items()) if k.endswith(".css"))
response = client.get("/static/" + hashed, headers={"Accept-Encoding": "gzip, br"})
out.update(status=response.status_code, encoding=response.get("Content-Encoding"),
           cache=response.get("Cache-Control"), hashed=hashed != source)
print(json.dumps(out))
"""


def _env(static_root: Path) -> dict:
    env = {
        k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        STATIC_ROOT=str(static_root),
        MITPLAN_DATA_DIR=str(static_root.parent / "data"),
        DEBUG="false",
    )
    return env


def test_make_run_serves_static_files_hashed_compressed_and_cached_for_long(tmp_path):
    static_root = tmp_path / "static"
    env = _env(static_root)
    # What `make setup` does.
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "collectstatic",
            "--noinput",
            "-v0",
            "--settings=config.settings.base",
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    out = json.loads(
        subprocess.run(
            [sys.executable, "-c", PROBE],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert out["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert out["finders"] is False
    assert out["status"] == 200 and out["hashed"]
    assert out["encoding"] in ("gzip", "br")
    assert "immutable" in out["cache"] and "max-age=315360000" in out["cache"]

    # An asset built after collecting is served from the sources, not a stale copy.
    (static_root / "staticfiles.json").touch()
    os.utime(static_root / "staticfiles.json", (1, 1))
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            "print(settings.STORAGES['staticfiles']['BACKEND'])",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    assert out == "whitenoise.storage.CompressedStaticFilesStorage"


@pytest.mark.django_db
def test_warm_up_renders_the_reader_pages_before_the_first_request(settings):
    settings.MITPLAN_PAGE_CACHE = True
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    settings.SITE_URL = "http://127.0.0.1:8123"

    async def inside_an_event_loop():  # as uvicorn imports the application
        return warmup.warm_up()

    seconds = asyncio.run(inside_an_event_loop())
    assert seconds > 0
    from django.test import Client

    reader = Client(HTTP_HOST="127.0.0.1:8123")
    response = reader.get("/de/lip/")
    assert response.status_code == 200
    assert response["X-Cache"] == "hit"  # rendered by the warm-up
