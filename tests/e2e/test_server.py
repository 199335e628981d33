"""The server as `make run` starts it: slow clients do not block others, a too-long
address gets a page in the reader's language. Loopback only, bounded in time.

Run as a script to measure: `python tests/e2e/test_server.py http://127.0.0.1:8000`
(100 slow uploads for 10 s and a normal reader's latency meanwhile).
"""

import asyncio
import re
import statistics
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.e2e

FORM = "/de/lip/beitraege/neu/"


async def _slow_upload(host: str, port: int, until: float, opened: list) -> None:
    """Send a form's headers, then its body a byte at a time, slowly, like a phone
    on a bad connection (or an attacker) would."""
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        return
    length = 100_000
    writer.write(
        (
            f"POST {FORM} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Origin: http://{host}:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {length}\r\n\r\ntitle="
        ).encode()
    )
    opened.append(1)
    try:
        await writer.drain()
        while time.monotonic() < until:
            writer.write(b"a")
            await writer.drain()
            await asyncio.sleep(0.5)
    except OSError:
        pass
    finally:
        writer.close()


def _get(url: str, timeout: float) -> tuple[int | None, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = None
    return status, time.monotonic() - started


async def _measure(base: str, slow: int, seconds: float, path: str) -> dict:
    parts = urlsplit(base)
    assert parts.hostname in ("127.0.0.1", "localhost", "::1")  # loopback only
    until = time.monotonic() + seconds
    opened: list = []
    uploads = [
        asyncio.create_task(_slow_upload(parts.hostname, parts.port, until, opened))
        for _ in range(slow)
    ]
    while len(opened) < slow and time.monotonic() < until:
        await asyncio.sleep(0.05)
    await asyncio.sleep(1)  # let the server take them all in
    results = []
    for _ in range(5):
        if time.monotonic() > until - 1:
            break
        results.append(
            await asyncio.to_thread(_get, base + path, max(until - time.monotonic(), 1))
        )
    await asyncio.gather(*uploads)
    answered = [duration for status, duration in results if status == 200]
    return {
        "slow_clients": len(opened),
        "requests": len(results),
        "answered": len(answered),
        "median_s": round(statistics.median(answered), 3) if answered else None,
        "max_s": round(max(answered), 3) if answered else None,
    }


def slow_clients_measure(
    base: str, slow: int = 100, seconds: float = 10, path: str = "/de/lip/"
):
    return asyncio.run(_measure(base, slow, seconds, path))


def test_a_hundred_slow_uploads_do_not_block_a_reader(server):
    _get(server["url"] + "/de/lip/", 30)  # warm
    result = slow_clients_measure(server["url"], slow=100, seconds=10)
    assert result["slow_clients"] == 100
    assert result["requests"] >= 3
    assert result["answered"] == result["requests"], result
    assert result["max_s"] < 3, result


def test_static_files_and_the_server_timing_work_under_the_asgi_server(server):
    with urllib.request.urlopen(server["url"] + "/de/lip/", timeout=30) as response:  # noqa: S310
        page = response.read().decode()
        assert response.headers["Server-Timing"].startswith("app;dur=")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
    request = urllib.request.Request(
        server["url"] + stylesheet, headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/css")
        assert len(response.read()) > 1000


@pytest.mark.parametrize("lang,text", [("de", "<h1"), ("ar", 'dir="rtl"')])
def test_a_too_long_address_gets_a_page_in_the_readers_language(server, lang, text):
    url = f"{server['url']}/{lang}/lip/beitraege/?suche=" + "x" * 9000
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(url, timeout=10)  # noqa: S310 - loopback
    assert raised.value.code == 414
    page = raised.value.read().decode()
    assert f'lang="{lang}"' in page
    assert text in page


if __name__ == "__main__":
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    slow = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    print("no slow clients:", slow_clients_measure(base, slow=0, seconds=6))
    print(f"{slow} slow clients:", slow_clients_measure(base, slow=slow, seconds=12))
