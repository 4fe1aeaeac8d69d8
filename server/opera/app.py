"""The Starlette application: routes, security headers, and the room log's lifespan."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import Match, Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket

from opera import http
from opera.live import stream
from opera.live.balance import SharedLoad, balance
from opera.live.endpoint import websocket_endpoint
from opera.live.limit import OpenPerAddress, PerAddress, SharedCounts
from opera.live.protocol import CloseCode
from opera.live.rooms import Rooms
from opera.log.base import LogError, open_log
from opera.settings import Settings
from opera.suggestion.route import suggest_clusters


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *http.SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses a request body over `limit` bytes with 413 (`http.limited`)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.app(scope, http.limited(scope, receive, self.limit), send)


class Shortcut:
    """The connections that last and the requests that come by the thousand, straight to
    their handlers past the middleware and router below: `/ws/{code}`, and the HTTP
    fallback's stream and frames (`stream.direct`). A participant's socket or stream stays
    open for the whole session, and each layer it passed keeps a suspended coroutine (and
    Starlette's closures) for it: about 4 KB a connection, a fifth of what one costs
    (docs/performance.md, memory per connection); every frame sent on a stream went through
    each layer's `send` wrapper, and every POST through each layer. None of those layers does
    anything for them: the others pass non-HTTP scopes through, the endpoint answers its own
    refusals with close codes, and the fallback's handlers add the security headers and the
    body limit themselves."""

    def __init__(self, app: ASGIApp, route: WebSocketRoute) -> None:
        self.app = app
        self.route = route

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            match, child = self.route.matches(scope)
            if match is Match.FULL:
                scope.update(child)
                await websocket_endpoint(WebSocket(scope, receive, send))
                return
        elif scope["type"] == "http" and await stream.direct(scope, receive, send):
            return
        await self.app(scope, receive, send)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        log = open_log(settings.store)
        app.state.rooms = Rooms(log, settings)
        if isinstance(log, SharedCounts):  # several processes: the per-address limits are theirs
            for name in ("guesses", "creations", "joins"):
                limit: PerAddress = getattr(app.state, name)
                limit.share(log, name)
        # Long-lived start-up objects leave the collector's young generations: fewer pauses.
        gc.collect()
        gc.freeze()
        gc.set_threshold(50_000, 20, 20)
        app.state.rooms.start()  # the retention sweep
        balancing = None
        # several processes: even out connections after restarts
        if isinstance(log, SharedLoad) and settings.rebalance:
            balancing = asyncio.create_task(balance(app.state.rooms, log))
        try:
            yield
        finally:
            if balancing is not None:
                balancing.cancel()
            await app.state.rooms.close(CloseCode.RESTARTING, "server restarting")
            await log.close()

    routes = [
        Route("/api/sessions", http.create_session, methods=["POST"]),
        Route("/api/sessions/{code}", http.session_info, methods=["GET"]),
        Route("/api/sessions/{code}", http.delete_session, methods=["DELETE"]),
        Route("/api/sessions/{code}/export.{format}", http.export_file, methods=["GET"]),
        Route("/api/sessions/{code}/qr.svg", http.qr_code, methods=["GET"]),
        Route("/api/sessions/{code}/report.html", http.report_page, methods=["GET"]),
        Route("/api/sessions/{code}/report.md", http.report_page, methods=["GET"]),
        Route("/api/sessions/{code}/report-link", http.report_link, methods=["POST"]),
        Route("/api/report.css", http.report_style, methods=["GET"]),
        Route("/api/sessions/{code}/clusters/suggest", suggest_clusters, methods=["GET"]),
        Route("/healthz", http.health, methods=["GET"]),
        Route("/readyz", http.readiness, methods=["GET"]),
        Route("/metrics", http.metrics_page, methods=["GET"]),
        Route("/", http.page("index.html"), methods=["GET"]),
        Route("/j/{code}", http.page("join.html"), methods=["GET"]),
        Route("/b/{code}", http.page("board.html"), methods=["GET"]),
        Route("/h/{code}", http.page("host.html"), methods=["GET"]),
        # the same frames where WebSockets are blocked: SSE one way, POSTs the other
        Route("/live/{code}", stream.hello, methods=["POST"]),
        # GET /live/{code}/stream and POST /live/{code}/frames: `Shortcut` (stream.direct)
        Mount("/static", StaticFiles(directory=http.WEB, check_dir=False), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: http.http_error, LogError: http.store_error},
    )
    app.state.settings = settings
    app.state.guesses = PerAddress(settings.guess_limit)
    app.state.creations = PerAddress(settings.create_limit)
    app.state.joins = PerAddress(settings.join_limit)
    app.state.boards = OpenPerAddress(settings.board_limit)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(Shortcut, route=WebSocketRoute("/ws/{code}", websocket_endpoint))
    return app
