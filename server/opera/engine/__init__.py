"""The OPERA room engine: a pure, deterministic reducer over an ordered log, and views.

Imports nothing of the project but itself, and nothing outside the standard library
but pydantic; reads no clock and no global random generator. See docs/design.md.
"""

from . import export
from .outcome import Outcome, Refusal
from .reduce import reduce, refusal
from .snapshot import room_from_dict, room_to_dict
from .state import Room
from .views import (
    ViewCache,
    base_view,
    base_views,
    host_view,
    participant_view,
    private_overlay,
    public_view,
    rebases,
    scope,
    touched_keys,
    view_key,
    waiting_view,
)

__all__ = [
    "Outcome",
    "Refusal",
    "Room",
    "ViewCache",
    "base_view",
    "base_views",
    "export",
    "host_view",
    "participant_view",
    "private_overlay",
    "public_view",
    "rebases",
    "reduce",
    "refusal",
    "room_from_dict",
    "room_to_dict",
    "scope",
    "touched_keys",
    "view_key",
    "waiting_view",
]
