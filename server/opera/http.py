"""REST routes: sessions, exports, QR code, health, and the pages from `web/`."""

from __future__ import annotations

import asyncio
import datetime
import io
import json
import re
import secrets
import time
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.types import Message, Receive, Scope

from opera import lang, metrics, network, report
from opera.engine import export
from opera.engine.outcome import Vars, sentence
from opera.engine.rules import QUESTION_MAX, TITLE_MAX
from opera.engine.settings import SettingsError, validate_settings
from opera.engine.views import people_counts
from opera.lang import Words
from opera.live import protocol
from opera.live.identity import client_address, key_of
from opera.live.limit import PerAddress
from opera.live.rooms import LoadedRoom, Rooms
from opera.log.base import LogCorrupt, LogError, Probed
from opera.settings import Settings

WEB = Path(__file__).resolve().parents[2] / "web"

# Pages render user text with textContent only; the policy is a second wall against XSS.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class CreateSession(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=TITLE_MAX)] = ""
    question: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=QUESTION_MAX)
    ]
    settings: dict[str, Any] = {}


class ApiError(HTTPException):
    """An HTTP error the server words itself: `reason` is a key of REASONS, `vars` its values."""

    def __init__(self, status: int, code: str, reason: str, **vars: str | int) -> None:
        super().__init__(status, sentence(reason, vars))
        self.code, self.reason, self.vars = code, reason, vars


def body_too_large(limit: int, declared: bool) -> ApiError:
    """413 for a body over OPERA_MAX_BODY_BYTES. One declared too long is not read at all: the
    connection is closed after the answer. One found too long as it arrives is answered at
    once and the rest of it is discarded as it comes (closing a socket that still has bytes
    to read resets it, and the client would lose the answer)."""
    error = ApiError(413, "too_large", "body_too_large", n=limit)
    if declared:
        error.headers = {"Connection": "close"}
    return error


def limited(scope: Scope, receive: Receive, limit: int) -> Receive:
    """`receive` for a request whose body may hold at most `limit` bytes, whatever its
    Content-Length says: a declared length over the limit is refused before any byte is read,
    and the bytes are counted as they arrive (a missing or lying length, chunked bodies). The
    refusal (`body_too_large`) is raised where the route reads its body, so a route counts it
    like any other refusal; routes that read no body hold none (uvicorn stops reading a
    socket past 64 KiB)."""
    declared = _content_length(scope)
    received = 0

    async def limited_receive() -> Message:
        nonlocal received
        if declared is not None and declared > limit:
            raise body_too_large(limit, declared=True)
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise body_too_large(limit, declared=False)
        return message

    return limited_receive


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def error_body(code: str, reason: str, vars: Vars) -> dict[str, Any]:
    """{"error": {"code", "message", "reason", "vars"}}: the message in English, and its
    reason key and vars for a page that shows it in the person's language."""
    message = sentence(reason, vars)
    return {"error": {"code": code, "message": message, "reason": reason, "vars": dict(vars)}}


async def http_error(request: Request, exc: Exception) -> Response:
    """Every HTTP error, ours or Starlette's, as {"error": {"code", "message", "reason",
    "vars"}}."""
    assert isinstance(exc, HTTPException)
    if isinstance(exc, ApiError):
        body = error_body(exc.code, exc.reason, exc.vars)
    else:  # Starlette's own: "Not Found", "Method Not Allowed"
        codes = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found"}
        code = codes.get(exc.status_code, "error")
        body = error_body(code, "http_status", {"detail": str(exc.detail)})
    return JSONResponse(body, exc.status_code, exc.headers)


async def store_error(request: Request, exc: Exception) -> Response:
    """The store is unreachable (Redis restarting): nothing was changed, try again."""
    reason = "store_unreachable"
    if isinstance(exc, LogCorrupt):  # the server's log names the file, the line, the repair
        reason = "store_damaged"
    return JSONResponse(error_body("unavailable", reason, {}), 503, {"Retry-After": "2"})


def base_url(request: Request) -> str:
    settings: Settings = request.app.state.settings
    return (settings.public_url or str(request.base_url)).rstrip("/")


async def create_session(request: Request) -> Response:
    creations: PerAddress = request.app.state.creations
    address = client_address(request)
    if creations.blocked(address):
        raise ApiError(429, "rate_limited", "too_many_sessions")
    creations.count(address)  # refused attempts too: each one costs a read and a parse
    try:
        body = CreateSession.model_validate(protocol.loads(await request.body() or b"null"))
        full = validate_settings(body.settings)
    except (ValueError, ValidationError, SettingsError) as err:
        raise ApiError(422, "bad_request", "bad_body", detail=_reason(err)) from None
    token = secrets.token_urlsafe(24)
    entry: dict[str, Any] = {"kind": "create", "code": "", "title": body.title}
    entry.update(question=body.question, settings=full, at=time.time())
    entry["host_key"] = key_of(token)
    rooms: Rooms = request.app.state.rooms
    code = await rooms.create(entry)
    base = base_url(request)
    links = {
        "join_url": f"{base}/j/{code}",
        "board_url": f"{base}/b/{code}",
        "host_url": f"{base}/h/{code}#{token}",
    }
    answer = {"code": code, "host_token": token, **links, **_reach(request, code)}
    return JSONResponse(answer, 201)


def _reach(request: Request, code: str) -> dict[str, Any]:
    """What the console needs to warn that phones cannot join: `join_loopback` when the join
    link names this machine only (localhost, 127.x, ::1), and `phone_urls`, the server's
    addresses on the network (each a base URL, empty when it listens on loopback only)."""
    settings: Settings = request.app.state.settings
    join_url = f"{base_url(request)}/j/{code}"
    phones = [] if settings.public_url else network.phone_urls(settings.host, settings.port)
    return {"join_loopback": network.is_loopback_url(join_url), "phone_urls": phones}


def _reason(err: Exception) -> str:
    if isinstance(err, ValidationError):
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        return f"{where}: {first['msg']}"
    if isinstance(err, protocol.BadJson):
        return f"The body is {err}."
    return str(err) or "The request is not valid."


async def live_room(request: Request) -> LoadedRoom:
    """The room named in the path, or 404 (counted against the caller's guesses). Only
    misses count, and past the limit the host token still opens its room (as on the
    WebSocket: docs/security.md); without it a known code is answered like an unknown one."""
    guesses: PerAddress = request.app.state.guesses
    address = client_address(request)
    guarded = guesses.blocked(address)
    rooms: Rooms = request.app.state.rooms
    live = await rooms.get(request.path_params["code"])
    if guarded and (live is None or not _is_host(request, live)):
        raise ApiError(429, "rate_limited", "too_many_guesses")
    if live is None:
        guesses.count(address)
        raise ApiError(404, "not_found", "no_such_session")
    return live


async def session_info(request: Request) -> Response:
    live = await live_room(request)
    room = live.room
    participants = people_counts(room, live.hub.online_set())
    code = live.replica.code
    info: dict[str, Any] = {"code": code, "title": room.title, "question": room.question}
    # the join form's organisation picker (orgs.list) is needed before the phone joins
    info.update(phase=room.phase.name, participants=participants, orgs=room.setting("orgs", "list"))
    return JSONResponse(
        {**info, "join_url": f"{base_url(request)}/j/{code}", **_reach(request, code)}
    )


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return (token.strip() or None) if scheme.lower() == "bearer" else None


def _is_host(request: Request, live: LoadedRoom) -> bool:
    token = _bearer(request)
    if token is None:
        return False
    return secrets.compare_digest(key_of(token), live.room.host_key)


def _check_host(request: Request, live: LoadedRoom) -> None:
    if _bearer(request) is None:
        raise ApiError(401, "unauthorized", "host_token_missing")
    if not _is_host(request, live):
        raise ApiError(403, "forbidden", "host_token_wrong")


def _filename(live: LoadedRoom, extension: str) -> str:
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
        body, media = export.to_csv(room, _words(request)), "text/csv; charset=utf-8"
    elif fmt == "md":
        body, media = export.to_markdown(room, _words(request)), "text/markdown; charset=utf-8"
    elif fmt == "json":
        body = json.dumps(export.to_json(room, _words(request)), ensure_ascii=False, indent=2)
        media = "application/json"
    else:
        raise ApiError(404, "not_found", "bad_export")
    disposition = f'attachment; filename="{_filename(live, fmt)}"'
    # Names and ideas: no browser or proxy cache keeps a copy.
    headers = {"Content-Disposition": disposition, "Cache-Control": "no-store"}
    return Response(body, media_type=media, headers=headers)


def _words(request: Request) -> Words:
    """The language of a download: `?lang=`, else the browser's (Accept-Language), else
    English."""
    asked = request.query_params.get("lang")
    return lang.words(lang.choose(asked, request.headers.get("accept-language")))


def _appendix(request: Request) -> bool:
    """`?appendix=1` adds the ideas that did not reach the board; 0 or nothing leaves it out."""
    value = request.query_params.get("appendix", "0")
    if value not in ("0", "1"):
        raise ApiError(422, "bad_request", "bad_appendix")
    return value == "1"


async def report_link(request: Request) -> Response:
    """A link to the printed report that works for a few minutes without a header, for the
    console to open in a new tab (a page opened from a link cannot send Authorization)."""
    live = await live_room(request)
    _check_host(request, live)
    appendix = _appendix(request)
    ticket, expires = report.ticket_for(live.room, appendix, time.time())
    # the report opens in the language it was asked in
    query = f"ticket={ticket}&lang={_words(request).code}" + ("&appendix=1" if appendix else "")
    url = f"{base_url(request)}/api/sessions/{live.replica.code}/report.html?{query}"
    body = {"url": url, "expires_at": expires}
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


async def report_page(request: Request) -> Response:
    """The after-event pack (report.html, or report.md): for the host token (Authorization:
    Bearer) or a ticket from `report_link` made for the same appendix choice, not expired."""
    live = await live_room(request)
    appendix = _appendix(request)
    ticket = request.query_params.get("ticket")
    if ticket is None:
        _check_host(request, live)
    elif not report.ticket_valid(live.room, ticket, appendix, time.time()):
        raise ApiError(403, "forbidden", "report_link_expired")
    words = _words(request)
    if request.url.path.endswith(".md"):  # report.md: the same pack in Markdown
        body, media = report.markdown(live.room, appendix=appendix, words=words), "text/markdown"
    else:
        body, media = report.render(live.room, appendix=appendix, words=words), "text/html"
    headers = {
        "Cache-Control": "no-store",
        "X-Robots-Tag": "noindex",
        "Content-Language": words.code,
    }
    return Response(body, media_type=f"{media}; charset=utf-8", headers=headers)


async def report_style(request: Request) -> Response:
    return Response(report.STYLE, media_type="text/css", headers={"Cache-Control": "no-cache"})


async def delete_session(request: Request) -> Response:
    """The host deletes the session and everything of it from the store: 204."""
    live = await live_room(request)
    _check_host(request, live)
    rooms: Rooms = request.app.state.rooms
    await rooms.delete(live.replica.code)
    return Response(status_code=204)


async def metrics_page(request: Request) -> Response:
    """Prometheus text for the bearer of OPERA_METRICS_TOKEN; 404, as any unknown page,
    when no token is set. It holds counts and timings only, nothing of any session."""
    token: str = request.app.state.settings.metrics_token
    if not token:
        raise ApiError(404, "not_found", "http_status", detail="Not Found")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    matches = secrets.compare_digest(given.strip().encode(), token.encode())
    if scheme.lower() != "bearer" or not matches:
        raise ApiError(401, "unauthorized", "metrics_token_missing")
    body, media = metrics.render()
    return Response(body, media_type=media, headers={"Cache-Control": "no-store"})


async def qr_code(request: Request) -> Response:
    live = await live_room(request)
    out = io.BytesIO()
    url = f"{base_url(request)}/j/{live.replica.code}"
    import segno  # here, not at the top: it costs a server start about a fifth of its imports

    segno.make(url, error="m").save(out, kind="svg", scale=8, border=2, xmldecl=False)
    return Response(out.getvalue(), media_type="image/svg+xml")


async def health(request: Request) -> Response:
    """Liveness: the process answers (a supervisor restarts it when this fails)."""
    return JSONResponse({"status": "ok"})


READY_FOR = 1.0  # seconds one store probe answers /readyz: many checkers, one write a second
PROBE_TIMEOUT = 2.0


async def readiness(request: Request) -> Response:
    """Readiness: 200 when the store takes a write now, else 503 with the reason, so a proxy
    sends people only to processes that can keep what they do."""
    state = request.app.state
    now = time.monotonic()
    checked: tuple[float, str] | None = getattr(state, "readiness", None)
    if checked is None or now - checked[0] >= READY_FOR:
        checked = state.readiness = (now, await _store_problem(state.rooms.log))
    headers = {"Cache-Control": "no-store"}
    if checked[1]:
        body = {"status": "unavailable", "reason": checked[1]}
        return JSONResponse(body, status_code=503, headers=headers)
    return JSONResponse({"status": "ready"}, headers=headers)


async def _store_problem(log: object) -> str:
    """Why the store cannot be written now, or "" when it can."""
    if not isinstance(log, Probed):
        return ""
    try:
        await asyncio.wait_for(log.probe(), PROBE_TIMEOUT)
    except TimeoutError:
        return f"the store did not answer within {PROBE_TIMEOUT:g} s"
    except LogError as exc:
        return f"the store cannot be written: {exc}"
    return ""


def page(name: str) -> Any:
    async def serve_page(request: Request) -> Response:
        return FileResponse(WEB / name, headers={"Cache-Control": "no-cache"})

    return serve_page
