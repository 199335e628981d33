"""A small HTTP/1.1 load generator for `make bench`: N concurrent keep-alive clients
on the loopback interface, each sending GETs one after the other for a fixed time,
asking for compressed responses as a browser does. Bounded in time and count.

Standard library only (asyncio), so it runs wherever the app runs; on this machine
it shares the CPU with the server, which makes the figures conservative.
"""

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

MAX_REQUESTS = 200_000  # a hard bound per run, whatever the duration


@dataclass
class Result:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    body_bytes: int = 0
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, int, bool]:
    """Status, body length and whether the server keeps the connection open."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, _colon, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    keep_alive = headers.get("connection", "").lower() != "close"
    if "content-length" in headers:
        length = int(headers["content-length"])
        await reader.readexactly(length)
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        length = 0
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            length += size
            if size == 0:
                break
    else:
        body = await reader.read()
        length, keep_alive = len(body), False
    return status, length, keep_alive


async def _client(host, port, request: bytes, deadline: float, result: Result):
    reader = writer = None
    while time.perf_counter() < deadline and result.requests < MAX_REQUESTS:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            started = time.perf_counter()
            writer.write(request)
            status, length, keep_alive = await asyncio.wait_for(
                _read_response(reader), timeout=30
            )
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            result.requests += 1
            result.body_bytes += length
            if status >= 400:
                result.errors += 1
            if not keep_alive:
                writer.close()
                writer = None
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            result.errors += 1
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.01)
    if writer is not None:
        writer.close()


def run(
    base: str,
    path: str,
    *,
    clients: int,
    seconds: float,
    cookie: str = "",
    language: str = "de",
) -> Result:
    """Send GET `path` from `clients` concurrent connections for `seconds`."""
    parts = urlsplit(base)
    host, port = parts.hostname, parts.port
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("the load generator only targets the loopback interface")
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "Accept: text/html,application/json;q=0.9,*/*;q=0.8",
        "Accept-Encoding: gzip, deflate, br",
        f"Accept-Language: {language}",
        "User-Agent: mitplan-bench",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    result = Result()

    async def main():
        deadline = time.perf_counter() + seconds
        started = time.perf_counter()
        await asyncio.gather(
            *(_client(host, port, request, deadline, result) for _ in range(clients))
        )
        result.seconds = time.perf_counter() - started

    asyncio.run(main())
    return result
