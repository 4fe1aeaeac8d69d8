"""`opera serve`: runs the whole product (pages, API, WebSockets) in one process."""

from __future__ import annotations

import argparse
import socket
import sys

import segno
import uvicorn

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


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    overrides = {k: v for k, v in vars(args).items() if k != "verb" and v is not None}
    settings = Settings(**overrides)
    try:
        store_scheme(settings.store)
    except ValueError as err:
        sys.exit(f"opera: {err}")
    _announce(settings)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        ws="websockets-sansio",
        ws_max_size=settings.max_frame_bytes,
        ws_per_message_deflate=False,  # deflate is per connection and defeats encode-once
        log_level="warning",
        timeout_graceful_shutdown=5,
    )
