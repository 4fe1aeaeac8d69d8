"""The WebSocket route `/ws/{code}`: the socket's edge of a `Visit` (visit.py).

The upgrade is refused for a foreign origin; after it, each text frame goes to the session,
and a `Closed` refusal becomes the socket's close code. Frames over OPERA_MAX_FRAME_BYTES
are closed with 1009 by uvicorn before they reach here.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.websockets import WebSocket, WebSocketDisconnect

from opera.live.identity import client_address
from opera.live.protocol import CloseCode
from opera.live.visit import Closed, Visit, admit, origin_allowed
from opera.settings import Settings

logger = logging.getLogger("opera.endpoint")


async def websocket_endpoint(ws: WebSocket) -> None:
    settings: Settings = ws.app.state.settings
    if not origin_allowed(ws.headers, settings):
        # before accept: the upgrade is refused with 403
        await ws.close(code=CloseCode.FOREIGN_ORIGIN)
        return
    await ws.accept()
    edge = _Socket(ws)
    try:
        address = client_address(ws)
        loaded, guarded = await admit(ws.app.state, ws.path_params["code"], address)
        visit = Visit(ws.app.state, loaded, address, guarded, edge.send, edge.close)
        try:
            await visit.open(await edge.first(settings.hello_timeout))
            while True:
                await visit.receive(await edge.receive())
        finally:
            await visit.finish()
    except Closed as closed:
        await edge.close(closed.code, closed.reason)
    except WebSocketDisconnect:
        pass


class _Socket:
    """Reading, sending and closing one accepted WebSocket."""

    def __init__(self, ws: WebSocket) -> None:
        self.ws = ws

    async def first(self, timeout: float) -> str | None:
        try:
            return await self.receive(timeout)
        except TimeoutError:
            raise Closed(CloseCode.BAD_FIRST_FRAME, "no hello in time") from None

    async def receive(self, timeout: float | None = None) -> str | None:
        """The next text (or bytes) frame, or None when the client has gone."""
        receiving = self.ws.receive()
        # no wait_for without a timeout: its frame would stay suspended for the socket's life
        message = await (receiving if timeout is None else asyncio.wait_for(receiving, timeout))
        if message["type"] == "websocket.disconnect":
            raise WebSocketDisconnect(message.get("code", 1000))
        text = message.get("text")
        if text is None and message.get("bytes") is not None:
            return str(message["bytes"].decode("utf-8", errors="replace"))
        return str(text) if text is not None else None

    async def send(self, frame: str) -> None:
        await self.ws.send_text(frame)

    async def close(self, code: CloseCode, reason: str) -> None:
        try:
            await self.ws.close(code, reason)
        except Exception:  # already closed by the other side
            logger.debug("close after disconnect", exc_info=True)
