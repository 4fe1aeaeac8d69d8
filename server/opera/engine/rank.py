"""Rank: ballots spend a fixed budget on the board's ideas; totals stay hidden until revealed.

- `phase.start rank` fixes the budget ("N%" of the visible board, rounded up, at least 1)
  and makes the ballots: with `voter: pair` one per pair with members, plus one for each
  participant with no pair; with `voter: person` one per participant. A participant who
  joins later gets a ballot of their own.
- `rank.reveal` closes the vote: a `vote.set` after it gets `wrong_phase`; a second reveal
  changes nothing.
- Once Rank has started, the rank settings (voter, budget, caps) can no longer change.
- Ranking: by points; equal points share a rank (1, 2, 2, 4); within a tie, more ballots,
  then more organisations, then the earlier idea comes first (`place`).
"""

from __future__ import annotations

from .commands import NoArgs, VoteSetArgs
from .outcome import limit_reached, not_found, wrong_phase
from .rules import Ctx, Verdict
from .settings import budget_for
from .state import Ballot, Idea, Participant, Room


def enter_rank(room: Room) -> None:
    visible = sum(1 for idea_id in room.board if not room.ideas[idea_id].hidden)
    room.budget = budget_for(room.setting("rank", "budget"), visible)
    room.ballots = {}
    room.ballots_voted = 0
    if room.setting("rank", "voter") == "pair":
        for pair in room.pairs:
            if pair.members:
                members = [room.participants[pid] for pid in pair.members]
                _add_ballot(room, f"pair:{pair.id}", members, pair.id)
    for participant in room.participants.values():
        if participant.seated and participant.ballot_id is None:
            person_ballot(room, participant)
    room.votes_version += 1
    room.touched_all = True


def person_ballot(room: Room, participant: Participant) -> None:
    """A ballot of the participant's own (their pair still counts for own_pair_max)."""
    _add_ballot(room, f"person:{participant.id}", [participant], participant.pair_id)


def _add_ballot(
    room: Room, ballot_id: str, members: list[Participant], pair_id: str | None
) -> None:
    orgs = sorted({p.org_key for p in members if p.org_key is not None})
    room.ballots[ballot_id] = Ballot(
        id=ballot_id, members=[p.id for p in members], pair_id=pair_id, orgs=orgs
    )
    for participant in members:
        participant.ballot_id = ballot_id


def set_points(room: Room, ballot: Ballot, idea: Idea, points: int) -> None:
    """Set a ballot's points on an idea, keeping every total and counter in step."""
    old = ballot.votes.get(idea.id, 0)
    if old == points:
        return
    was_voting = ballot.total > 0
    ballot.total += points - old
    if idea.pair_id is not None and idea.pair_id == ballot.pair_id:
        ballot.own_total += points - old
    idea.points += points - old
    if points:
        ballot.votes[idea.id] = points
        idea.votes_by[ballot.id] = points
    else:
        del ballot.votes[idea.id]
        del idea.votes_by[ballot.id]
    if not old or not points:  # the ballot starts or stops backing the idea
        step = 1 if points else -1
        for org in ballot.orgs:
            left = idea.org_counts.get(org, 0) + step
            if left:
                idea.org_counts[org] = left
            else:
                del idea.org_counts[org]
    room.ballots_voted += (ballot.total > 0) - was_voting
    room.votes_version += 1


def drop_ballot(room: Room, ballot: Ballot) -> None:
    for idea_id in list(ballot.votes):
        set_points(room, ballot, room.ideas[idea_id], 0)
    del room.ballots[ballot.id]


def refund_idea(room: Room, idea: Idea) -> None:
    """Take every vote off an idea (it was hidden); its ballots get the points back."""
    for ballot_id in list(idea.votes_by):
        ballot = room.ballots[ballot_id]
        set_points(room, ballot, idea, 0)
        room.touch(ballot.members)


def vote_set(room: Room, ctx: Ctx, args: VoteSetArgs) -> Verdict:
    if room.revealed:
        return wrong_phase("Voting is closed.")
    idea = room.ideas.get(args.idea_id)
    if idea is None or not idea.on_board or idea.hidden:
        return not_found("That idea is not on the board.")
    ballot_id = room.participants[ctx.sender].ballot_id
    ballot = room.ballots[ballot_id] if ballot_id is not None else None
    if ballot is None:  # only a removed participant has none, and they are refused earlier
        return not_found("You have no ballot.")
    most = room.setting("rank", "max_per_idea")
    if args.points > most:
        return limit_reached(f"You can give at most {_points(most)} to one idea.")
    old = ballot.votes.get(idea.id, 0)
    budget = room.budget or 0
    if ballot.total - old + args.points > budget:
        return limit_reached(f"Your budget is {_points(budget)}.")
    own_most = room.setting("rank", "own_pair_max")
    own = idea.pair_id is not None and idea.pair_id == ballot.pair_id
    if own and ballot.own_total - old + args.points > own_most:
        return limit_reached(f"You can give at most {_points(own_most)} to your own pair's ideas.")

    def apply() -> None:
        set_points(room, ballot, idea, args.points)
        room.touch(ballot.members)

    return apply


def _points(count: int) -> str:
    return f"{count} point" if count == 1 else f"{count} points"


def rank_reveal(room: Room, ctx: Ctx, args: NoArgs) -> Verdict:
    def apply() -> None:
        room.revealed = True

    return apply


def ranking(room: Room) -> tuple[dict[str, int], dict[str, int]]:
    """(rank, place) of every visible idea on the board; cached until the next vote."""
    cached = room.ranking_cache
    if cached is not None and cached[0] == room.votes_version:
        return cached[1], cached[2]
    ideas = [room.ideas[idea_id] for idea_id in room.board]
    ideas = [idea for idea in ideas if not idea.hidden]
    ideas.sort(key=lambda i: (-i.points, -len(i.votes_by), -len(i.org_counts), i.seq))
    ranks: dict[str, int] = {}
    places: dict[str, int] = {}
    rank = 0
    previous: int | None = None
    for place, idea in enumerate(ideas, start=1):
        if idea.points != previous:
            rank, previous = place, idea.points
        ranks[idea.id] = rank
        places[idea.id] = place
    room.ranking_cache = (room.votes_version, ranks, places)
    return ranks, places
