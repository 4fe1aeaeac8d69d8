"""`redis://HOST:PORT/DB`: one Redis Stream per room (being written; see issue 5)."""

from __future__ import annotations

from opera.log.base import LogError, RoomLog


class RedisLog:
    @classmethod
    def from_url(cls, url: str) -> RoomLog:
        raise LogError("the redis:// store is not available yet")
