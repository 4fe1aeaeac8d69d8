"""Rank: ballots spend a fixed budget on the board's ideas; totals stay hidden until revealed.

- `phase.start rank` fixes each group's budget ("N%" of the group's visible board, rounded
  up, at least 1; without groups the session is the one group) and makes the ballots: with
  `voter: pair` one per pair with members, plus one for each participant with no pair; with
  `voter: person` one per participant. A participant admitted later gets a ballot of their
  own. A vote on an idea off the sender's group board is `not_found`.
- The plenary (see plenary.py) has ballots of its own, one per person, in the same shape
  (`Ballot.plenary`), with `plenary.own_group_max` instead of `own_pair_max`; each round has
  its own tallies on the idea, its own ranking and its own reveal flag.
- An own-idea cap is waived when those ideas are the whole board (a group that is one trio,
  a plenary of one group).
- `rank.reveal` closes the vote: a `vote.set` after it gets `wrong_phase`; a second reveal
  changes nothing.
- Once Rank has started, the rank settings (voter, budget, caps) can no longer change.
- Ranking: by points; equal points share a rank (1, 2, 2, 4); within a tie, more ballots,
  then more organisations, then the earlier idea comes first (`place`). With `rank.order:
  breadth`, by the breadth every screen shows first (breadth.py: organisations, small ones
  merged), then as above; a shared rank then shares breadth and points. The order holds for
  every ranking of the session: each group's (so the plenary cut), the plenary's, the
  exports'.
"""

from __future__ import annotations

from . import marks
from .breadth import breadth, freeze, standing
from .commands import NoArgs, VoteSetArgs
from .outcome import Refusal, limit_reached, not_found, wrong_phase
from .rules import Ctx, Verdict
from .settings import budget_for
from .state import PHASE_INDEX, Ballot, Idea, Participant, Room

PLENARY = "plenary"  # the ranking key of the plenary board


def enter_rank(room: Room) -> None:
    room.ballots = {}
    room.ballots_voted = 0
    for participant in room.participants.values():
        participant.ballot_id = None
    for group in room.groups:
        visible = sum(1 for idea_id in group.board if not room.ideas[idea_id].hidden)
        group.budget = budget_for(room.setting("rank", "budget"), visible)
        if room.setting("rank", "voter") == "pair":
            for pair_id in group.pairs:
                pair = room.pairs[room.pair_index[pair_id]]
                if pair.members:
                    members = [room.participants[pid] for pid in pair.members]
                    _add_ballot(room, f"pair:{pair.id}", members, pair.id, group.id)
        for pid in group.members:
            participant = room.participants[pid]
            if participant.ballot_id is None:
                person_ballot(room, participant)
    room.votes_version += 1
    marks.touch_everyone()


def rank_started(room: Room) -> bool:
    return room.phase_index >= PHASE_INDEX["rank"]


def person_ballot(room: Room, participant: Participant) -> None:
    """A ballot of the participant's own (their pair still counts for own_pair_max)."""
    group_id = participant.group_id or ""
    _add_ballot(room, f"person:{participant.id}", [participant], participant.pair_id, group_id)


def plenary_ballot(room: Room, participant: Participant) -> None:
    """Everyone votes on a ballot of their own in the plenary."""
    orgs = [participant.org_key] if participant.org_key is not None else []
    ballot = Ballot(
        id=f"plenary:{participant.id}",
        members=[participant.id],
        pair_id=None,
        orgs=orgs,
        group_id=participant.group_id or "",
        plenary=True,
        budget=room.plenary_budget or 0,
    )
    room.plenary_ballots[ballot.id] = ballot
    participant.plenary_ballot_id = ballot.id


def _add_ballot(
    room: Room, ballot_id: str, members: list[Participant], pair_id: str | None, group_id: str
) -> None:
    orgs = sorted({p.org_key for p in members if p.org_key is not None})
    budget = room.group(group_id).budget or 0
    room.ballots[ballot_id] = Ballot(
        id=ballot_id,
        members=[p.id for p in members],
        pair_id=pair_id,
        orgs=orgs,
        group_id=group_id,
        budget=budget,
    )
    for participant in members:
        participant.ballot_id = ballot_id


def set_points(room: Room, ballot: Ballot, idea: Idea, points: int) -> None:
    """Set a ballot's points on an idea, keeping every total and counter of its round in step."""
    old = ballot.votes.get(idea.id, 0)
    if old == points:
        return
    was_voting = ballot.total > 0
    ballot.total += points - old
    if ballot.plenary:
        if idea.group_id == ballot.group_id:
            ballot.own_total += points - old
        idea.plenary_points += points - old
        votes_by, org_counts = idea.plenary_votes_by, idea.plenary_org_counts
    else:
        if idea.pair_id is not None and idea.pair_id == ballot.pair_id:
            ballot.own_total += points - old
        idea.points += points - old
        votes_by, org_counts = idea.votes_by, idea.org_counts
    if points:
        ballot.votes[idea.id] = points
        votes_by[ballot.id] = points
    else:
        del ballot.votes[idea.id]
        del votes_by[ballot.id]
    if not old or not points:  # the ballot starts or stops backing the idea
        step = 1 if points else -1
        for org in ballot.orgs:
            left = org_counts.get(org, 0) + step
            if left:
                org_counts[org] = left
            else:
                del org_counts[org]
    voting = (ballot.total > 0) - was_voting
    if ballot.plenary:
        room.plenary_voters += voting
    else:
        room.ballots_voted += voting
    room.votes_version += 1


def drop_ballot(room: Room, ballot: Ballot) -> None:
    for idea_id in list(ballot.votes):
        set_points(room, ballot, room.ideas[idea_id], 0)
    del (room.plenary_ballots if ballot.plenary else room.ballots)[ballot.id]


def refund_idea(room: Room, idea: Idea) -> None:
    """Take every vote of the round in force off an idea (it was hidden); its ballots get the
    points back. The group round's results are frozen once the plenary board is made."""
    plenary = room.plenary is not None
    ballots = room.plenary_ballots if plenary else room.ballots
    for ballot_id in list(idea.plenary_votes_by if plenary else idea.votes_by):
        ballot = ballots[ballot_id]
        set_points(room, ballot, idea, 0)
        marks.touch(*ballot.members)


def vote_set(room: Room, ctx: Ctx, args: VoteSetArgs) -> Verdict:
    plenary = room.phase.name == "plenary"
    if room.plenary_revealed if plenary else room.revealed:
        return wrong_phase("voting_closed")
    me = room.participants[ctx.sender]
    idea = room.ideas.get(args.idea_id)
    if idea is None or idea.hidden or not _on_my_board(room, idea, me.group_id, plenary):
        return not_found("idea_not_on_board")
    ballot_id = me.plenary_ballot_id if plenary else me.ballot_id
    ballots = room.plenary_ballots if plenary else room.ballots
    ballot = ballots[ballot_id] if ballot_id is not None else None
    if ballot is None:  # only a removed participant has none, and they are refused earlier
        return not_found("no_ballot")
    most = room.setting("rank", "max_per_idea")
    if args.points > most:
        return _votes_cap("idea_cap", most)
    old = ballot.votes.get(idea.id, 0)
    if ballot.total - old + args.points > ballot.budget:
        return _votes_cap("budget", ballot.budget)
    refused = _own_cap(room, ballot, idea, args.points - old)
    if refused:
        return refused

    def apply() -> None:
        set_points(room, ballot, idea, args.points)
        marks.touch(*ballot.members)

    return apply


def _on_my_board(room: Room, idea: Idea, group_id: str | None, plenary: bool) -> bool:
    """On the sender's board: the plenary board in the plenary, their group's in Rank."""
    if plenary:
        return idea.on_plenary
    return idea.on_board and idea.group_id == group_id


def _own_cap(room: Room, ballot: Ballot, idea: Idea, change: int) -> Refusal | None:
    """own_pair_max in Rank, plenary.own_group_max in the plenary; waived when those ideas
    are the whole board (a group that is one trio, a plenary of one group)."""
    if ballot.plenary:
        own = idea.group_id == ballot.group_id
        board = room.plenary or []
        most, whose = room.setting("plenary", "own_group_max"), "own_group_cap"
        mine = (room.ideas[i].group_id == ballot.group_id for i in board)
    else:
        own = idea.pair_id is not None and idea.pair_id == ballot.pair_id
        board = room.group(ballot.group_id).board
        most, whose = room.setting("rank", "own_pair_max"), "own_pair_cap"
        mine = (room.ideas[i].pair_id == ballot.pair_id for i in board)
    # `mine` is a generator: a vote that passes the cheap checks never walks the board.
    if not own or ballot.own_total + change <= most or all(mine):
        return None
    return _votes_cap(whose, most)


def _votes_cap(reason: str, most: int) -> Refusal:
    """English says "1 vote" but "3 votes": one vote is a reason of its own (`<reason>_one`)."""
    return limit_reached(f"{reason}_one") if most == 1 else limit_reached(reason, n=most)


def rank_reveal(room: Room, ctx: Ctx, args: NoArgs) -> Verdict:
    """Reveals the round in force: the plenary's once it was voted, else the groups'."""

    def apply() -> None:
        if room.plenary_voted:
            if not room.plenary_revealed:
                freeze(room, plenary=True)
            room.plenary_revealed = True
        else:
            if not room.revealed:
                freeze(room, plenary=False)
            room.revealed = True

    return apply


def ranking(room: Room, key: str) -> tuple[dict[str, int], dict[str, int]]:
    """(rank, place) of every visible idea on a board: a group's (`key` its id) by the group
    round, or the plenary's (`key` "plenary") by the plenary vote; cached until a vote (with
    `rank.order: breadth`, also until the organisations' standing changes)."""
    by_breadth = room.setting("rank", "order") == "breadth"
    plenary = key == PLENARY
    stamp = (room.votes_version, _standing_key(room, plenary) if by_breadth else None)
    cached = room.ranking_cache.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1], cached[2]
    board = (room.plenary or []) if plenary else room.group(key).board
    ideas = [room.ideas[idea_id] for idea_id in board]
    ideas = [idea for idea in ideas if not idea.hidden]
    tallies = {idea.id: _tally(room, idea, plenary, by_breadth) for idea in ideas}
    ideas.sort(key=lambda idea: tallies[idea.id])
    ranks: dict[str, int] = {}
    places: dict[str, int] = {}
    rank = 0
    previous: tuple[int, ...] | None = None
    for place, idea in enumerate(ideas, start=1):
        shared = tallies[idea.id][:2]  # what a shared rank shares: (breadth and) points
        if shared != previous:
            rank, previous = place, shared
        ranks[idea.id] = rank
        places[idea.id] = place
    room.ranking_cache[key] = (stamp, ranks, places)
    return ranks, places


def _tally(room: Room, idea: Idea, plenary: bool, by_breadth: bool) -> tuple[int, ...]:
    """The sort key: points, then ballots, then organisations, then creation; with
    `rank.order: breadth`, the shown breadth (breadth.py) before all of them."""
    if plenary:
        points, ballots, orgs = (
            idea.plenary_points,
            len(idea.plenary_votes_by),
            len(idea.plenary_org_counts),
        )
    else:
        points, ballots, orgs = idea.points, len(idea.votes_by), len(idea.org_counts)
    wide = -breadth(room, idea, plenary) if by_breadth else 0
    return (wide, -points, -ballots, -orgs, idea.seq)


def _standing_key(room: Room, plenary: bool) -> tuple[frozenset[str], bool]:
    shown = standing(room, plenary)
    return shown.own, shown.other
