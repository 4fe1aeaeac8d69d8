"""A protocol client for tests: a real WebSocket that keeps its view by applying patches.

Patches are applied with the independent `jsonpatch` package, so a wrong patch from the
server shows up as a wrong view here, not as two copies of the same bug agreeing.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
from typing import Any

import httpx
import jsonpatch
from websockets.asyncio.client import ClientConnection, connect

_ids = itertools.count(1)


class Refused(Exception):
    def __init__(self, frame: dict[str, Any]) -> None:
        super().__init__(f"{frame['code']}: {frame['message']}")
        self.code: str = frame["code"]
        self.frame = frame


class Client:
    """One connection: `await Client.open(...)`, then `cmd`, `sync`, `view`, `frames`."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.welcome: dict[str, Any] = {}
        self.view: dict[str, Any] = {}
        self.seq = 0
        self.frames: list[str] = []  # every raw frame received, for privacy checks
        self._pending: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._states: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._changed = asyncio.Event()
        self._reader: asyncio.Task[None] | None = None
        self.closed: asyncio.Future[tuple[int | None, str]] = (
            asyncio.get_running_loop().create_future()
        )

    @classmethod
    async def open(
        cls,
        ws_url: str,
        code: str,
        role: str = "participant",
        token: str | None = None,
        name: str | None = None,
        org: str | None = None,
        **connect_args: Any,
    ) -> Client:
        ws = await connect(f"{ws_url}/ws/{code}", compression=None, **connect_args)
        return await cls.over(ws, role, token, name, org)

    @classmethod
    async def over(
        cls,
        ws: Any,
        role: str = "participant",
        token: str | None = None,
        name: str | None = None,
        org: str | None = None,
    ) -> Client:
        """Say hello over `ws`: a WebSocket, or anything with its send/recv/iteration/close
        (support/fallback.py carries the same frames over the HTTP fallback)."""
        client = cls(ws)
        hello: dict[str, Any] = {"type": "hello", "role": role}
        for key, value in (("token", token), ("name", name), ("org", org)):
            if value is not None:
                hello[key] = value
        await ws.send(json.dumps(hello))
        client.welcome = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if client.welcome.get("type") != "welcome":
            raise AssertionError(f"expected welcome, got {client.welcome}")
        state = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert state["type"] == "state", state
        client.view, client.seq = state["view"], state["seq"]
        client._reader = asyncio.create_task(client._read())
        return client

    @property
    def me(self) -> dict[str, Any]:
        me: dict[str, Any] = self.view["me"]
        return me

    @property
    def token(self) -> str:
        token: str = self.welcome["you"]["token"]
        return token

    @property
    def pid(self) -> str:
        pid: str = self.welcome["you"]["id"]
        return pid

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                text = raw if isinstance(raw, str) else raw.decode()
                self.frames.append(text)
                self._handle(json.loads(text))
        except Exception:
            pass
        finally:
            if not self.closed.done():
                self.closed.set_result((self.ws.close_code, self.ws.close_reason or ""))
            for waiter in self._pending.values():
                if not waiter.done():
                    waiter.set_exception(ConnectionError("connection closed"))

    def _handle(self, frame: dict[str, Any]) -> None:
        kind = frame["type"]
        if kind == "state":
            self.view, self.seq = frame["view"], frame["seq"]
            self._states.put_nowait(frame)
        elif kind == "patch":
            self.view = jsonpatch.apply_patch(self.view, frame["ops"])
            self.seq = max(self.seq, frame["seq"])
        elif kind in ("ack", "error") and frame.get("id") in self._pending:
            waiter = self._pending.pop(frame["id"])
            if not waiter.done():
                waiter.set_result(frame)
        self._changed.set()

    async def send_raw(self, frame: dict[str, Any] | str) -> None:
        await self.ws.send(frame if isinstance(frame, str) else json.dumps(frame))

    async def request(
        self, name: str, args: dict[str, Any] | None = None, cmd_id: str | None = None
    ) -> dict[str, Any]:
        """Send a command and return its `ack` or `error` frame."""
        cmd_id = cmd_id or f"c{next(_ids)}"
        waiter: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[cmd_id] = waiter
        await self.send_raw({"type": "cmd", "id": cmd_id, "name": name, "args": args or {}})
        return await asyncio.wait_for(waiter, 10)

    async def cmd(self, name: str, args: dict[str, Any] | None = None, **kw: Any) -> int:
        """Send a command that must be applied; returns its seq."""
        answer = await self.request(name, args, **kw)
        if answer["type"] == "error":
            raise Refused(answer)
        seq: int = answer["seq"]
        return seq

    async def sync(self) -> dict[str, Any]:
        """A fresh full view from the server (patches that arrive first are applied too)."""
        while not self._states.empty():
            self._states.get_nowait()
        await self.send_raw({"type": "sync"})
        state = await asyncio.wait_for(self._states.get(), 10)
        view: dict[str, Any] = state["view"]
        return view

    async def until(self, check: Any, timeout: float = 5.0) -> dict[str, Any]:
        """Wait until `check(view)` is true; returns the view."""

        async def wait() -> dict[str, Any]:
            while not check(self.view):
                self._changed.clear()
                await self._changed.wait()
            return self.view

        return await asyncio.wait_for(wait(), timeout)

    def snapshot(self) -> dict[str, Any]:
        return copy.deepcopy(self.view)

    async def close(self) -> None:
        await self.ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)


async def create_session(
    base_url: str, question: str = "How might we share care records?", **body: Any
) -> dict[str, Any]:
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{base_url}/api/sessions", json={"question": question, **body})
        assert answer.status_code == 201, answer.text
        created: dict[str, Any] = answer.json()
        return created
