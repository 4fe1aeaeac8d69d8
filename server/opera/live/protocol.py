"""Wire frames: parsing what clients send, encoding what the server sends."""

from __future__ import annotations

import json
from enum import IntEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from opera.engine.outcome import Refusal, sentence

CommandId = Annotated[str, StringConstraints(min_length=1, max_length=64)]
# Deeper JSON than any frame or body needs is refused before it reaches code that recurses
# (validation, the log's encoder): 2,500 levels used to raise RecursionError and drop the socket.
MAX_DEPTH = 16
Text = Annotated[str, StringConstraints(max_length=200)]


class CloseCode(IntEnum):
    """Every code a connection is closed with (docs/protocol.md, "Close codes"); the HTTP
    fallback answers the same ones with an HTTP status (stream.py)."""

    BAD_FIRST_FRAME = 4400
    BAD_TOKEN = 4401  # also a participant the host removed
    JOIN_CLOSED = 4403  # join.late: closed, after the lobby (version 2)
    UNKNOWN_SESSION = 4404
    TOO_MANY_REQUESTS = 4429
    NORMAL = 1000  # the fallback's stream, after a grace without a reader
    FOREIGN_ORIGIN = 1008  # before the upgrade: refused with 403
    TOO_LARGE = 1009  # a frame over OPERA_MAX_FRAME_BYTES
    RESTARTING = 1012  # the server stops, or moves the connection to another process
    TRY_AGAIN = 1013  # the store is unreachable for now: reconnect shortly
    TOO_SLOW = 1013  # a connection that stopped reading: it reconnects and resyncs


class Hello(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    type: Literal["hello"]
    role: Literal["participant", "host", "board"]
    token: Annotated[str, StringConstraints(max_length=200)] | None = None
    name: Text | None = None
    org: Text | None = None


class Cmd(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    type: Literal["cmd"]
    id: CommandId
    name: Annotated[str, StringConstraints(max_length=64)]
    args: dict[str, Any] = Field(default_factory=dict)


class Sync(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    type: Literal["sync"]


Frame = Annotated[Hello | Cmd | Sync, Field(discriminator="type")]
_frame = TypeAdapter(Frame)


class BadFrame(ValueError):
    """A frame that is not JSON or not one of the client frames; `id` if one could be read."""

    def __init__(self, message: str, cmd_id: str | None = None) -> None:
        super().__init__(message)
        self.cmd_id = cmd_id


class BadJson(ValueError):
    """Not JSON, nested deeper than MAX_DEPTH, or holding text that is not valid Unicode;
    the message completes "That frame is ..." or "The body is ..."."""


_TOO_DEEP = f"JSON nested more than {MAX_DEPTH} levels deep"


def loads(text: str | bytes) -> Any:
    """JSON from a client (a frame or a request body), checked before anything else sees it."""
    try:
        raw = json.loads(text)
    except RecursionError:
        raise BadJson(_TOO_DEEP) from None
    except (ValueError, UnicodeDecodeError):
        raise BadJson("not valid JSON") from None
    _check(raw)
    return raw


def _check(raw: Any) -> None:
    """Depth and Unicode, without recursion. A lone surrogate (`"\\ud800"` is valid JSON) cannot
    be encoded as UTF-8: echoed in an error or stored in the room, it broke the sending."""
    level: list[tuple[Any, int]] = [(raw, 1)]
    while level:
        value, depth = level.pop()
        if isinstance(value, str):
            _check_text(value)
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise BadJson(_TOO_DEEP)
        if isinstance(value, dict):
            for key in value:
                _check_text(key)
            value = value.values()
        level.extend((item, depth + 1) for item in value)


def _check_text(text: str) -> None:
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise BadJson("text that is not valid Unicode (a lone surrogate)") from None


def parse(text: str | bytes) -> Hello | Cmd | Sync:
    try:
        raw = loads(text)
    except BadJson as err:
        raise BadFrame(f"That frame is {err}.") from None
    if not isinstance(raw, dict):
        raise BadFrame("A frame must be a JSON object with a `type`.")
    try:
        return _frame.validate_python(raw)
    except ValidationError as err:
        cmd_id = raw.get("id") if isinstance(raw.get("id"), str) else None
        raise BadFrame(_describe(err), cmd_id if cmd_id and len(cmd_id) <= 64 else None) from None


def _describe(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "frame"
    return f"Bad frame: {where}: {first['msg']}."


def encode(frame: Any) -> str:
    """A frame, or a part of one (the hub encodes a state's members once for many)."""
    return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)


def error(code: str, reason: str, cmd_id: str | None = None, **vars: str | int) -> str:
    """An `error` frame: the protocol's code and English message, and (ours, additive) the
    message's `reason` key of REASONS and its `vars`, for pages that show it in their language."""
    message = sentence(reason, vars)
    frame: dict[str, Any] = {"type": "error", "code": code, "message": message}
    frame.update(reason=reason, vars=vars)
    if cmd_id is not None:
        frame["id"] = cmd_id
    return encode(frame)


def refused(refusal: Refusal, cmd_id: str | None = None) -> str:
    """The `error` frame of a refusal by the room."""
    return error(refusal.code, refusal.reason, cmd_id, **refusal.vars)


def ack(cmd_id: str, seq: int) -> str:
    return encode({"type": "ack", "id": cmd_id, "seq": seq})


def state(seq: int, view: dict[str, Any]) -> str:
    return encode({"type": "state", "seq": seq, "view": view})


def patch(seq: int, ops: list[dict[str, Any]]) -> str:
    return encode({"type": "patch", "seq": seq, "ops": ops})
