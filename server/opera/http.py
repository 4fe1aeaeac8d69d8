"""REST routes: sessions, exports, QR code, health, and the pages from `web/`."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
import secrets
import time
from pathlib import Path
from typing import Annotated, Any

import segno
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response

from opera.engine import export
from opera.engine.rules import QUESTION_MAX, TITLE_MAX
from opera.engine.settings import SettingsError, validate_settings
from opera.live.limit import PerAddress
from opera.live.rooms import Live, Rooms
from opera.settings import Settings

WEB = Path(__file__).resolve().parents[2] / "web"


class CreateSession(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=TITLE_MAX)] = ""
    question: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=QUESTION_MAX)
    ]
    settings: dict[str, Any] = {}


class ApiError(HTTPException):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(status, message)
        self.code = code


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


async def http_error(request: Request, exc: Exception) -> Response:
    """Every HTTP error, ours or Starlette's, as {"error": {"code", "message"}}."""
    assert isinstance(exc, HTTPException)
    codes = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found"}
    code = getattr(exc, "code", None) or codes.get(exc.status_code, "error")
    return JSONResponse(error_body(code, str(exc.detail)), exc.status_code, exc.headers)


async def store_error(request: Request, exc: Exception) -> Response:
    """The store is unreachable (Redis restarting): nothing was changed, try again."""
    message = "The server cannot reach its storage right now; try again in a moment."
    return JSONResponse(error_body("unavailable", message), 503, {"Retry-After": "2"})


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def base_url(request: Request) -> str:
    settings: Settings = request.app.state.settings
    return (settings.public_url or str(request.base_url)).rstrip("/")


async def create_session(request: Request) -> Response:
    creations: PerAddress = request.app.state.creations
    address = client_address(request)
    if creations.blocked(address):
        raise ApiError(429, "rate_limited", "Too many new sessions from here; wait a minute.")
    try:
        body = CreateSession.model_validate(json.loads(await request.body() or b"null"))
        full = validate_settings(body.settings)
    except (ValueError, ValidationError, SettingsError) as err:
        raise ApiError(422, "bad_request", _reason(err)) from None
    token = secrets.token_urlsafe(24)
    entry: dict[str, Any] = {"kind": "create", "code": "", "title": body.title}
    entry.update(question=body.question, settings=full, at=time.time())
    entry["host_key"] = hashlib.sha256(token.encode()).hexdigest()
    rooms: Rooms = request.app.state.rooms
    code = await rooms.create(entry)
    creations.count(address)
    base = base_url(request)
    links = {
        "join_url": f"{base}/j/{code}",
        "board_url": f"{base}/b/{code}",
        "host_url": f"{base}/h/{code}#{token}",
    }
    return JSONResponse({"code": code, "host_token": token, **links}, 201)


def _reason(err: Exception) -> str:
    if isinstance(err, ValidationError):
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        return f"{where}: {first['msg']}"
    if isinstance(err, json.JSONDecodeError):
        return "The body is not valid JSON."
    return str(err) or "The request is not valid."


async def live_room(request: Request) -> Live:
    """The room named in the path, or 404 (counted against the caller's guesses)."""
    guesses: PerAddress = request.app.state.guesses
    address = client_address(request)
    if guesses.blocked(address):
        raise ApiError(429, "rate_limited", "Too many unknown room codes; wait a minute.")
    rooms: Rooms = request.app.state.rooms
    live = await rooms.get(request.path_params["code"])
    if live is None:
        guesses.count(address)
        raise ApiError(404, "not_found", "There is no session with that code.")
    return live


async def session_info(request: Request) -> Response:
    live = await live_room(request)
    room = live.room
    participants = {"total": room.active, "online": len(live.hub.online_set())}
    info = {"code": live.replica.code, "title": room.title, "question": room.question}
    return JSONResponse({**info, "phase": room.phase.name, "participants": participants})


def _check_host(request: Request, live: Live) -> None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorized", "Send the host token: Authorization: Bearer <token>.")
    key = hashlib.sha256(token.strip().encode()).hexdigest()
    if not secrets.compare_digest(key, live.room.host_key):
        raise ApiError(403, "forbidden", "That is not this session's host token.")


def _filename(live: Live, extension: str) -> str:
    room = live.room
    slug = re.sub(r"[^a-z0-9]+", "-", (room.title or "opera-session").lower()).strip("-")
    day = datetime.date.today().isoformat()
    return f"{slug[:60] or 'opera-session'}-{day}.{extension}"


async def export_file(request: Request) -> Response:
    live = await live_room(request)
    _check_host(request, live)
    fmt = request.path_params["format"]
    room = live.room
    if fmt == "csv":
        body, media = export.to_csv(room), "text/csv; charset=utf-8"
    elif fmt == "md":
        body, media = export.to_markdown(room), "text/markdown; charset=utf-8"
    elif fmt == "json":
        body = json.dumps(export.to_json(room), ensure_ascii=False, indent=2)
        media = "application/json"
    else:
        raise ApiError(404, "not_found", "Exports are .csv, .md and .json.")
    disposition = f'attachment; filename="{_filename(live, fmt)}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


async def qr_code(request: Request) -> Response:
    live = await live_room(request)
    out = io.BytesIO()
    url = f"{base_url(request)}/j/{live.replica.code}"
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=2, xmldecl=False)
    return Response(out.getvalue(), media_type="image/svg+xml")


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def page(name: str) -> Any:
    async def serve_page(request: Request) -> Response:
        return FileResponse(WEB / name, headers={"Cache-Control": "no-cache"})

    return serve_page
