"""`bench.hub_steps` and `bench.hub_speed` run on a small room: the figures docs/performance.md
quotes come from code that still works."""

from __future__ import annotations

import asyncio

from bench import hub_speed, hub_steps


def test_hub_steps_times_every_step_of_three_kinds_of_push() -> None:
    result = asyncio.run(hub_steps.main(60, 10))
    for kind in ("own", "group_vote", "plenary_vote"):
        steps = result[kind]["steps"]
        assert steps["_push_base"][0] >= 1 and steps["_send_hosts"][0] == 1, (kind, steps)
        assert result[kind]["cpu_ms"] >= result[kind]["longest_step_ms"] > 0


def test_hub_speed_gives_a_figure_for_every_push() -> None:
    result = asyncio.run(hub_speed.main(60, 10, 1))
    assert set(result["cpu_ms_per_push"]) == set(hub_speed.NAMES)
    assert all(value > 0 for value in result["cpu_ms_per_push"].values())
