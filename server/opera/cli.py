"""`opera serve`: runs the whole product (pages, API, WebSockets) in one process."""

from __future__ import annotations

import argparse
import contextlib
import socket
import sys

import segno
import uvicorn

from opera import deadline
from opera.app import create_app
from opera.log.base import store_scheme
from opera.settings import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="opera", description="Opera Room: OPERA, live.")
    verbs = parser.add_subparsers(dest="verb", required=True)
    serve = verbs.add_parser("serve", help="run the server")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8000)")
    serve.add_argument("--store", help="file://PATH (default file://data), memory://, redis://...")
    return parser


def _address(settings: Settings) -> str:
    """The address to open: the public URL, else one that phones on the network can use."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    host = settings.host
    if host in ("0.0.0.0", "::"):
        try:
            host = socket.gethostbyname(socket.gethostname())
        except OSError:
            host = "localhost"
    elif host == "127.0.0.1":
        host = "localhost"
    return f"http://{host}:{settings.port}"


def _announce(settings: Settings) -> None:
    url = _address(settings)
    print(f"Opera Room is running: open {url}/ (store: {settings.store})", flush=True)
    if settings.host in ("127.0.0.1", "localhost"):
        print("Only this computer can reach it; add --host 0.0.0.0 to let phones join.")
    if sys.stdout.isatty():
        segno.make(url + "/").terminal(compact=True)


def _raise_open_files() -> None:
    """Lift the soft limit on open files to the hard one where the system allows: each
    WebSocket is a file, and the usual soft limit of 1,024 is reached by one big room."""
    if sys.platform == "win32":
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 1_048_576
    if soft != resource.RLIM_INFINITY and soft < wanted:
        # macOS refuses values under an infinite hard limit: then the soft one stays
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    overrides = {k: v for k, v in vars(args).items() if k != "verb" and v is not None}
    settings = Settings(**overrides)
    try:
        store_scheme(settings.store)
    except ValueError as err:
        sys.exit(f"opera: {err}")
    _announce(settings)
    _raise_open_files()
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        http=deadline.with_timeout(settings.header_timeout),
        # X-Forwarded-For names the client only when the proxy that sent it is trusted:
        # believed from anyone, it let any client pick the address the limits count.
        proxy_headers=bool(settings.proxies),
        forwarded_allow_ips=",".join(settings.proxies) or "127.0.0.1",
        ws="websockets-sansio",
        ws_max_size=settings.max_frame_bytes,
        ws_per_message_deflate=False,  # deflate is per connection and defeats encode-once
        log_level="warning",
        timeout_graceful_shutdown=5,
    )
