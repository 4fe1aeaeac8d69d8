"""`opera serve`: runs the whole product (pages, API, WebSockets) in one process."""

from __future__ import annotations

import argparse
import sys

import segno
import uvicorn

from opera.app import create_app
from opera.settings import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="opera", description="Opera Room: OPERA, live.")
    verbs = parser.add_subparsers(dest="verb", required=True)
    serve = verbs.add_parser("serve", help="run the server")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8000)")
    serve.add_argument("--store", help="file://PATH (default file://data), memory://, redis://...")
    return parser


def _announce(settings: Settings) -> None:
    host = "localhost" if settings.host in ("127.0.0.1", "0.0.0.0", "::") else settings.host
    url = settings.public_url or f"http://{host}:{settings.port}"
    print(f"Opera Room is running: open {url}/ (store: {settings.store})", flush=True)
    if sys.stdout.isatty():
        segno.make(url + "/").terminal(compact=True)


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    overrides = {k: v for k, v in vars(args).items() if k != "verb" and v is not None}
    settings = Settings(**overrides)
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
