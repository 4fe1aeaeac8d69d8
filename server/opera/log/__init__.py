"""The room log: an ordered, durable list of entries per room (memory, file or Redis)."""

from opera.log.base import (
    InvalidRoom,
    LogClosed,
    LogCorrupt,
    LogError,
    LogLost,
    LogUnavailable,
    RoomLog,
    open_log,
    valid_room,
)

__all__ = [
    "InvalidRoom",
    "LogClosed",
    "LogCorrupt",
    "LogError",
    "LogLost",
    "LogUnavailable",
    "RoomLog",
    "open_log",
    "valid_room",
]
