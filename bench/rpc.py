"""Request and reply between the controller and its client processes over a Pipe.

Both ends run an asyncio loop; the pipe's file descriptor is watched with `add_reader`, so a
call never blocks the loop while the other side works. Every call has a timeout.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import traceback
from collections.abc import Awaitable, Callable
from multiprocessing.connection import Connection
from typing import Any

Handler = Callable[[str, dict[str, Any]], Awaitable[Any]]


class RpcError(Exception):
    """The other side failed to run a call, or the pipe closed."""


class Endpoint:
    def __init__(self, conn: Connection, handler: Handler | None = None) -> None:
        self.conn = conn
        self.handler = handler
        self.futures: dict[int, asyncio.Future[Any]] = {}
        self.ids = itertools.count(1)
        self.closed: asyncio.Future[None] | None = None
        self.tasks: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self.closed = loop.create_future()
        loop.add_reader(self.conn.fileno(), self._readable)
        # uvloop makes a watched descriptor non-blocking; Connection.recv() and send() of a
        # large message need it blocking (they would fail half-way with EAGAIN otherwise).
        os.set_blocking(self.conn.fileno(), True)

    def stop(self) -> None:
        loop = asyncio.get_running_loop()
        loop.remove_reader(self.conn.fileno())

    def _readable(self) -> None:
        try:
            while self.conn.poll():
                self._dispatch(self.conn.recv())
        except (EOFError, OSError):
            self._on_closed()

    def _on_closed(self) -> None:
        asyncio.get_running_loop().remove_reader(self.conn.fileno())
        for fut in self.futures.values():
            if not fut.done():
                fut.set_exception(RpcError("pipe closed"))
        self.futures.clear()
        if self.closed is not None and not self.closed.done():
            self.closed.set_result(None)

    def _dispatch(self, msg: tuple[Any, ...]) -> None:
        kind = msg[0]
        if kind == "reply":
            _, rid, ok, value = msg
            fut = self.futures.pop(rid, None)
            if fut is not None and not fut.done():
                if ok:
                    fut.set_result(value)
                else:
                    fut.set_exception(RpcError(value))
        elif kind == "call" and self.handler is not None:
            _, rid, op, args = msg
            task = asyncio.get_running_loop().create_task(self._run(rid, op, args))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _run(self, rid: int, op: str, args: dict[str, Any]) -> None:
        assert self.handler is not None
        try:
            value = await self.handler(op, args)
            reply: tuple[Any, ...] = ("reply", rid, True, value)
        except Exception:
            reply = ("reply", rid, False, traceback.format_exc())
        try:
            self.conn.send(reply)
        except (OSError, EOFError):
            self._on_closed()

    async def call(self, op: str, args: dict[str, Any] | None = None, timeout: float = 60.0) -> Any:
        rid = next(self.ids)
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.futures[rid] = fut
        try:
            self.conn.send(("call", rid, op, args or {}))
        except (OSError, EOFError) as exc:
            self.futures.pop(rid, None)
            raise RpcError(f"pipe closed: {exc}") from exc
        try:
            return await asyncio.wait_for(fut, timeout)
        except TimeoutError as exc:
            self.futures.pop(rid, None)
            raise RpcError(f"{op} timed out after {timeout:.0f} s") from exc
