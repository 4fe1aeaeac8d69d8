"""GET /api/sessions/{code}/clusters/suggest: the host's suggested clusters for the board."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from opera.engine.state import PHASE_INDEX
from opera.http import ApiError, _check_host, live_room

from .board import Idea, board_ideas
from .query import BadQuery, read_query

# One suggestion computed at a time in this process: a console asking for many `k` at once
# uses one core, not all of them, while the rooms on this server keep running.
_one_at_a_time = asyncio.Semaphore(1)


async def suggest_clusters(request: Request) -> Response:
    live = await live_room(request)
    _check_host(request, live)
    try:
        k, language = read_query(request.query_params)
    except BadQuery as err:
        raise ApiError(422, "bad_request", "bad_body", detail=str(err)) from None
    room = live.room
    if room.phase_index < PHASE_INDEX["explain"]:
        raise ApiError(409, "wrong_phase", "suggest_phase")
    ideas = board_ideas(room)  # read here, on the loop, where the room changes
    async with _one_at_a_time:
        return JSONResponse(await run_in_threadpool(_suggest, ideas, k, language))


def _suggest(ideas: tuple[Idea, ...], k: int | None, language: str | None) -> dict[str, Any]:
    """In a worker thread: tens of milliseconds of numpy must not hold up the room."""
    # Imported on first use, so a server start does not wait for numpy.
    from .grouping import suggest

    return suggest(ideas, k, language).to_json()
