"""The HTTP fallback from the client's side, behind a WebSocket's interface, so that
`Client.over(Fallback(...))` plays the same protocol over SSE + POST (server/opera/live/
stream.py). The events are parsed here from the raw lines, as the browser's fallback does.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from support.client import Client


class StreamClosed(Exception):
    pass


class Fallback:
    """One stream: the first `send` is the hello, later ones POST frames."""

    def __init__(self, base_url: str, code: str, headers: dict[str, str] | None = None) -> None:
        timeout = httpx.Timeout(10.0, read=None)
        self.http = httpx.AsyncClient(base_url=base_url, timeout=timeout, headers=headers)
        self.code = code
        self.secret: str | None = None
        self.last = 0  # the id of the last event read
        self.close_code: int | None = None
        self.close_reason: str | None = None
        self.statuses: list[int] = []  # of every POST of frames
        self._frames: asyncio.Queue[str | None] = asyncio.Queue()
        self._reader: asyncio.Task[None] | None = None

    @property
    def auth(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.secret}"}

    async def send(self, text: str) -> None:
        if self.secret is None:
            answer = await self.http.post(f"/live/{self.code}", content=text)
            if answer.status_code != 201:
                self._end(answer.json().get("code"), answer.json().get("reason", ""))
                return
            self.secret = answer.json()["stream"]
            self.resume()
            return
        answer = await self.http.post(f"/live/{self.code}/frames", content=text, headers=self.auth)
        self.statuses.append(answer.status_code)

    def resume(self) -> None:
        """(Re)open the GET, with Last-Event-ID once an event was read."""
        self._reader = asyncio.create_task(self._read())

    async def cut(self) -> None:
        """Drop the GET as a proxy would; the stream lives on for a resume."""
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
            self._reader = None

    async def _read(self) -> None:
        headers = self.auth | ({"last-event-id": str(self.last)} if self.last else {})
        try:
            async with self.http.stream("GET", f"/live/{self.code}/stream", headers=headers) as r:
                if r.status_code != 200:
                    await r.aread()
                    self._end(None, f"HTTP {r.status_code}: {r.text}")
                    return
                await self._events(r.aiter_lines())
        except httpx.HTTPError as err:
            self._end(None, repr(err))

    async def _events(self, lines: AsyncIterator[str]) -> None:
        event: dict[str, str] = {}
        async for line in lines:
            if line:
                if not line.startswith(":"):
                    field, _, value = line.partition(":")
                    event[field] = value.removeprefix(" ")
                continue
            if event.get("event") == "close":
                close = json.loads(event["data"])
                self._end(close["code"], close["reason"])
                return
            if "data" in event:
                self.last = int(event["id"])
                self._frames.put_nowait(event["data"])
            event = {}
        self._end(None, "the stream ended without a close event")

    def _end(self, code: int | None, reason: str) -> None:
        self.close_code, self.close_reason = code, reason
        self._frames.put_nowait(None)

    async def recv(self) -> str:
        frame = await self._frames.get()
        if frame is None:
            self._frames.put_nowait(None)
            raise StreamClosed(f"{self.close_code} {self.close_reason}")
        return frame

    def __aiter__(self) -> AsyncIterator[str]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[str]:
        while True:
            try:
                yield await self.recv()
            except StreamClosed:
                return

    async def close(self) -> None:
        await self.cut()
        await self.http.aclose()
        self._end(1000, "closed by the client")


async def open_fallback(base_url: str, code: str, role: str = "participant", **kw: Any) -> Client:
    """A protocol client whose frames go over the HTTP fallback."""
    return await Client.over(Fallback(base_url, code), role, **kw)
