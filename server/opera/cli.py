"""`opera serve`: runs the whole product (pages, API, WebSockets) in one process."""

from __future__ import annotations

import argparse
import contextlib
import sys

import uvicorn

from opera import deadline
from opera.app import create_app
from opera.log.base import store_scheme
from opera.network import ANY, is_loopback_url, phone_urls
from opera.settings import Settings
from opera.wire import LeanSocket


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="opera", description="Opera Room: OPERA, live.")
    verbs = parser.add_subparsers(dest="verb", required=True)
    serve = verbs.add_parser("serve", help="run the server")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8000)")
    serve.add_argument("--store", help="file://PATH (default file://data), memory://, redis://...")
    serve.add_argument(
        "--ws",
        choices=("lean", "websockets-sansio", "websockets", "wsproto"),
        help="WebSocket implementation (default lean: uvicorn's websockets-sansio, trimmed)",
    )
    return parser


def _addresses(settings: Settings) -> list[str]:
    """The addresses to open, best first: the public URL, else every one that phones on the
    network can use (a session made from one gets join links phones can open), else this
    computer's own. The host name is not asked: on many systems it names 127.0.1.1."""
    if settings.public_url:
        return [settings.public_url.rstrip("/")]
    phones = phone_urls(settings.host, settings.port)
    if phones:
        return phones
    host = settings.host if settings.host not in ("127.0.0.1", *ANY) else "localhost"
    return [f"http://{f'[{host}]' if ':' in host else host}:{settings.port}"]


def _announce(settings: Settings) -> None:
    first, *others = _addresses(settings)
    print(f"Opera Room is running: open {first}/ (store: {settings.store})", flush=True)
    for other in others:
        print(f"  or, on another network of this computer: {other}/")
    if is_loopback_url(first):
        if settings.host in ANY:
            print("No network address found: connect this computer to the phones' network.")
        else:
            print("Only this computer can reach it; add --host 0.0.0.0 to let phones join.")
    if sys.stdout.isatty():
        import segno  # only for a terminal: it costs a start about a fifth of its imports

        segno.make(first + "/").terminal(compact=True)


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
        ws=LeanSocket if settings.ws == "lean" else settings.ws,
        ws_max_size=settings.max_frame_bytes,
        ws_per_message_deflate=False,  # deflate is per connection and defeats encode-once
        log_level="warning",
        timeout_graceful_shutdown=5,
    )
