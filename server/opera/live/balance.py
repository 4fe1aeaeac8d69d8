"""Rebalancing connections over processes that share a store.

After a restart the other process holds every connection: its clients reconnected there
while this one was down, and WebSockets stay where they are. Each process reports how many
connections it holds; one that holds well over its share asks some participants and boards
to move (1012, "service restart": the page reconnects at once, and the proxy's `least_conn`
sends it to the emptier process), a few every second, so the reconnects are spread out.
"""

from __future__ import annotations

import asyncio
import logging
import math
from typing import Protocol, runtime_checkable

from opera.live.protocol import CloseCode
from opera.live.rooms import Rooms

logger = logging.getLogger(__name__)

EVERY = 1.0  # seconds between two reports
SLACK = 4  # connections over the fair share that are left alone (no ping-pong)
SPREAD = 3  # the surplus moves over about this many seconds
MOVE = "rebalancing: reconnect"


@runtime_checkable
class SharedLoad(Protocol):
    async def load(self, node: str, connections: int, ttl: float) -> list[int]:
        """Records this process's connections; returns those of every live process."""
        ...


def surplus(mine: int, loads: list[int]) -> int:
    """How many connections this process should hand over now."""
    if len(loads) < 2:
        return 0
    share = math.ceil(sum(loads) / len(loads))
    over = mine - share
    return math.ceil(over / SPREAD) if over > SLACK else 0


async def balance(rooms: Rooms, store: SharedLoad) -> None:
    """Runs until cancelled (the process stops)."""
    while True:
        await asyncio.sleep(EVERY)
        movable = [conn for conn in rooms.connections() if conn.role != "host"]
        try:
            loads = await store.load(rooms.node, len(rooms.connections()), ttl=3 * EVERY)
        except Exception as exc:  # the store is down: nothing to compare with
            logger.debug("rebalancing skipped: %s", exc)
            continue
        moving = surplus(len(rooms.connections()), loads)
        for conn in movable[:moving]:  # any: a participant resumes with its token
            conn.close(CloseCode.RESTARTING, MOVE)
