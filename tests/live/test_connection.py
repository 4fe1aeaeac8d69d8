"""Sending: inline while the socket takes frames, queued in order behind a full socket,
and dropped (1013) when the queue passes its bound. The socket here is a stand-in that can
be made to block, like a real one whose buffers are full."""

import asyncio

from opera.live.connection import Connection


class Socket:
    def __init__(self) -> None:
        self.sent: list[str] = []
        self.open = asyncio.Event()
        self.open.set()
        self.closed: tuple[int, str] | None = None

    async def send(self, frame: str) -> None:
        await self.open.wait()  # as uvicorn does while its transport is paused
        self.sent.append(frame)

    async def close(self, code: int, reason: str) -> None:
        self.closed = (code, reason)


async def test_frames_go_out_inline_and_in_order() -> None:
    socket = Socket()
    conn = Connection("board", None, socket.send, socket.close, limit=4, limit_bytes=10**6)
    for n in range(3):
        conn.push(f"f{n}")
        assert socket.sent == [f"f{i}" for i in range(n + 1)]  # no task switch needed
    await conn.finish()


async def test_a_full_socket_queues_frames_behind_the_blocked_one() -> None:
    socket = Socket()
    conn = Connection("board", None, socket.send, socket.close, limit=4, limit_bytes=10**6)
    conn.push("a")
    socket.open.clear()
    for frame in ["b", "c", "d"]:
        conn.push(frame)
    await asyncio.sleep(0.01)
    assert socket.sent == ["a"]
    socket.open.set()
    await asyncio.sleep(0.01)
    assert socket.sent == ["a", "b", "c", "d"]
    conn.push("e")  # writable again: inline
    assert socket.sent[-1] == "e"
    await conn.finish()


async def test_a_socket_that_fills_again_after_draining_keeps_order_and_its_bound() -> None:
    # the writer ends once its queue is empty (nothing held at rest); a second fill starts
    # another, behind which frames queue in order and the bound counts again from zero
    socket = Socket()
    conn = Connection("board", None, socket.send, socket.close, limit=3, limit_bytes=10**6)
    for round_ in range(2):
        socket.open.clear()
        for n in range(3):
            conn.push(f"r{round_}-{n}")
        await asyncio.sleep(0.01)
        socket.open.set()
        await asyncio.sleep(0.01)
    assert socket.sent == [f"r{r}-{n}" for r in range(2) for n in range(3)]
    assert socket.closed is None
    socket.open.clear()
    for n in range(5):  # 1 blocked + 3 queued, then past the bound of 3
        conn.push(f"r2-{n}")
    await asyncio.sleep(0.01)
    assert socket.closed is not None and socket.closed[0] == 1013
    await conn.finish()


async def test_a_connection_that_stops_reading_is_dropped() -> None:
    socket = Socket()
    conn = Connection("participant", "p1", socket.send, socket.close, limit=3, limit_bytes=10**6)
    socket.open.clear()
    for n in range(10):
        conn.push(f"f{n}")
    await asyncio.sleep(0.01)
    assert socket.closed is not None and socket.closed[0] == 1013
    assert socket.sent == []
    await conn.finish()


async def test_the_queue_is_bounded_in_bytes_too() -> None:
    socket = Socket()
    conn = Connection("board", None, socket.send, socket.close, limit=100, limit_bytes=10_000)
    socket.open.clear()
    conn.push("x" * 4000)  # blocked: held by the writer, and counted
    conn.push("y" * 4000)
    await asyncio.sleep(0.01)
    assert socket.closed is None  # 8,000 characters held: under the bound
    conn.push("z" * 4000)  # 12,000: over it, with only three frames queued
    await asyncio.sleep(0.01)
    assert socket.closed is not None and socket.closed[0] == 1013
    await conn.finish()


async def test_what_was_sent_no_longer_counts_against_the_bytes() -> None:
    socket = Socket()
    conn = Connection("board", None, socket.send, socket.close, limit=100, limit_bytes=10_000)
    for _ in range(5):
        socket.open.clear()
        for _ in range(2):
            conn.push("s" * 4000)
        socket.open.set()
        await asyncio.sleep(0.01)
    assert socket.closed is None and len(socket.sent) == 10  # 40,000 sent, 8,000 at most held
    await conn.finish()
