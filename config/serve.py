"""How `make run` serves (and the browser tests start their server): uvicorn with
config.asgi.

`python -m config.serve --host 127.0.0.1 --port 8000 [--workers 2]`

Why uvicorn: its event loop reads every request (headers and body) before a thread
runs the Django view, so a client that sends slowly ties up a socket, not one of a
few worker threads as under gunicorn's threads. What a proxy in front still does
(TLS, limits on header size and time, compression of uncached HTML, buffering of
big uploads) is in the README's "Production" section.
"""

import argparse
import os

import uvicorn


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    uvicorn.run(
        "config.asgi:application",
        host=args.host,
        port=args.port,
        workers=args.workers,
        http="httptools",
        loop="uvloop",
        lifespan="off",  # Django does not speak it
        # The app finds the client itself (MITPLAN_PROXY_COUNT); uvicorn must not
        # trust X-Forwarded-For from a local client.
        proxy_headers=False,
        server_header=False,
        access_log=False,  # no client addresses in logs
        # Beyond this many open connections per worker, new ones get 503 at once
        # instead of using up memory and file descriptors.
        limit_concurrency=2000,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
    )


if __name__ == "__main__":
    main()
