"""Arrange: clusters of board ideas with a label, an owner and a next action.

With groups, Arrange works on the plenary board. Any visible idea on the board may be
placed, voted or not; an idea is in at most one cluster; an idea in no cluster is parked.
`cluster.update` with `owner` or `action` set to null clears them; the label cannot be
cleared.
"""

from __future__ import annotations

from .commands import ClusterCreateArgs, ClusterDeleteArgs, ClusterUpdateArgs, IdeaPlaceArgs
from .outcome import bad_request, limit_reached, not_found
from .rules import ACTION_MAX, CLUSTERS_MAX, LABEL_MAX, OWNER_MAX, Ctx, Verdict, too_long
from .state import Cluster, Idea, Room


def on_current_board(room: Room, idea: Idea) -> bool:
    """On the board in force: the plenary board once it is made (with groups), else a
    group's board."""
    return idea.on_plenary if room.plenary is not None else idea.on_board


def _board_idea(room: Room, idea_id: str) -> Idea | None:
    idea = room.ideas.get(idea_id)
    if idea is None or not on_current_board(room, idea) or idea.hidden:
        return None
    return idea


def unplace(room: Room, idea: Idea) -> None:
    if idea.cluster_id is not None:
        room.clusters[idea.cluster_id].idea_ids.remove(idea.id)
        idea.cluster_id = None


def cluster_create(room: Room, ctx: Ctx, args: ClusterCreateArgs) -> Verdict:
    if len(set(args.idea_ids)) != len(args.idea_ids):
        return bad_request("listed_twice")
    ideas = [_board_idea(room, idea_id) for idea_id in args.idea_ids]
    placed = [idea for idea in ideas if idea is not None]
    if len(placed) != len(ideas):
        return not_found("idea_not_on_board")
    if len(room.clusters) >= CLUSTERS_MAX:
        return limit_reached("too_many_clusters", n=CLUSTERS_MAX)
    refused = too_long(args.label, LABEL_MAX, "label_too_long")
    if refused:
        return refused

    def apply() -> None:
        cluster = Cluster(id=f"c{ctx.seq}", label=args.label)
        room.clusters[cluster.id] = cluster
        for idea in placed:
            unplace(room, idea)
            idea.cluster_id = cluster.id
            cluster.idea_ids.append(idea.id)

    return apply


def cluster_update(room: Room, ctx: Ctx, args: ClusterUpdateArgs) -> Verdict:
    given = args.model_fields_set - {"cluster_id"}
    if not given:
        return bad_request("cluster_update_empty")
    if "label" in given and args.label is None:
        return bad_request("cluster_needs_label")
    cluster = room.clusters.get(args.cluster_id)
    if cluster is None:
        return not_found("no_such_cluster")
    refused = (
        too_long(args.label or "", LABEL_MAX, "label_too_long")
        or too_long(args.owner or "", OWNER_MAX, "owner_too_long")
        or too_long(args.action or "", ACTION_MAX, "action_too_long")
    )
    if refused:
        return refused

    def apply() -> None:
        if args.label is not None:
            cluster.label = args.label
        if "owner" in given:
            cluster.owner = args.owner
        if "action" in given:
            cluster.action = args.action

    return apply


def cluster_delete(room: Room, ctx: Ctx, args: ClusterDeleteArgs) -> Verdict:
    cluster = room.clusters.get(args.cluster_id)
    if cluster is None:
        return not_found("no_such_cluster")

    def apply() -> None:
        for idea_id in cluster.idea_ids:
            room.ideas[idea_id].cluster_id = None
        del room.clusters[cluster.id]

    return apply


def idea_place(room: Room, ctx: Ctx, args: IdeaPlaceArgs) -> Verdict:
    idea = _board_idea(room, args.idea_id)
    if idea is None:
        return not_found("idea_not_on_board")
    cluster = room.clusters.get(args.cluster_id) if args.cluster_id is not None else None
    if args.cluster_id is not None and cluster is None:
        return not_found("no_such_cluster")

    def apply() -> None:
        unplace(room, idea)
        if cluster is not None:
            index = len(cluster.idea_ids) if args.index is None else args.index
            cluster.idea_ids.insert(min(index, len(cluster.idea_ids)), idea.id)
            idea.cluster_id = cluster.id

    return apply
