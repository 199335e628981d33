"""`python -m bench.content`: the editorial pages with 1,000 articles and 1,000 events.

In a fresh data directory (nothing is written into the repository): what `make
setup` does, then `bench.content_seed` adds 1,000 articles and 1,000 events (half
ahead, half past) below the demo portal and rebuilds the search index. Then, for the
portal with its news and events, the news lists, an article, the event list, an event
page and a search:
- SQL queries, in-process: rendered (a request with a cookie, data caches warm) and
  a reader's request (no cookie) from the page cache;
- server time (Server-Timing: the app's own milliseconds), median and p95 of 200
  sequential requests, served as `make run` serves (uvicorn, 2 workers, SQLite), by a
  reader without a cookie and by a client with one (every request rendered);
- the bytes of a first visit of the portal in chromium (HTML, CSS, JS, fonts;
  photos counted apart), German and Arabic, against the 150 KB budget.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.__main__ import (
    PRIVATE_COOKIE,
    ROOT,
    Server,
    page_bytes,
    prepare,
    query_counts,
    server_env,
)
from bench.surveys import read_times

PAGES = [
    ("portal", "/de/lip/"),
    ("home", "/de/"),
    ("news list", "/de/lip/aktuelles/"),
    ("news, page 50", "/de/lip/aktuelles/?page=50"),
    ("all news", "/de/aktuelles/"),
    ("article", "/de/lip/aktuelles/bench-meldung-5/"),
    ("event list", "/de/lip/veranstaltungen/"),
    ("past events", "/de/lip/veranstaltungen/vergangene/"),
    ("event", "/de/lip/veranstaltungen/bench-veranstaltung-{event}/"),
    ("search", "/de/suche/?q=Bildung"),
    ("search (en)", "/en/suche/?q=education"),
]
BUDGET = 150 * 1024


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    arguments = parser.parse_args(argv)
    data_dir = Path(tempfile.mkdtemp(prefix="mitplan-bench-content-"))
    try:
        env = server_env(data_dir)
        print(f"Preparing {data_dir} …", flush=True)
        prepare(env, 0)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.content_seed",
                "--articles",
                str(arguments.articles),
                "--events",
                str(arguments.events),
            ],
            env=env,
            cwd=ROOT,
            check=True,
        )
        # An upcoming event (the seed puts the first half in the past).
        pages = [
            (name, path.format(event=arguments.events * 7 // 10))
            for name, path in PAGES
        ]
        counts = query_counts(env, pages)
        with Server(env) as server:
            times = {
                name: (
                    read_times(server.base, path, arguments.requests),
                    read_times(server.base, path, arguments.requests, PRIVATE_COOKIE),
                )
                for name, path in pages
            }
            sizes = page_bytes(server.base)
        print(
            f"\n{arguments.articles:,} articles, {arguments.events:,} events; "
            "server ms median/p95 (Server-Timing), SQL queries:\n"
        )
        print(
            f"  {'page':<15} {'reader (cache)':>16} {'rendered':>16} "
            f"{'queries rendered/cache':>24}"
        )
        for name, _path in pages:
            reader, rendered = times[name]
            queries = counts[name]
            print(
                f"  {name:<15} {reader['median']:>7.1f} /{reader['p95']:>7.1f} "
                f"{rendered['median']:>7.1f} /{rendered['p95']:>7.1f} "
                f"{queries[0]:>15} / {queries[1]}"
            )
        print("\nFirst visit of the portal in chromium, bytes on the wire:\n")
        for label, parts in sizes.items():
            without_photos = sum(
                value
                for key, value in parts.items()
                if key not in ("requests", "images")
            )
            verdict = "within" if without_photos <= BUDGET else "OVER"
            print(
                f"  {label:<12} {without_photos:>8,} bytes without photos "
                f"({verdict} the 150 KB budget), photos and icons "
                f"{parts.get('images', 0):,}; "
                + ", ".join(
                    f"{key} {parts[key]:,}"
                    for key in ("HTML", "CSS", "JS", "fonts", "other")
                    if key in parts
                )
            )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
