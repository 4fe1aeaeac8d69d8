"""Own: each person writes ideas alone; nobody else sees a text before Pair.

`own.done {done}` is a person's "I'm done" mark (a second tap sends false): Own's progress
counts it as `finished`, beside `done` (people with at least one idea). Writing or deleting
an idea leaves the mark as it is: only its owner changes it."""

from __future__ import annotations

from . import marks
from .commands import IdeaEditArgs, IdeaRefArgs, OwnDoneArgs, TextArgs
from .outcome import limit_reached, not_found
from .rules import Ctx, Verdict, too_long
from .state import Idea, Room


def idea_add(room: Room, ctx: Ctx, args: TextArgs) -> Verdict:
    me = room.participants[ctx.sender]
    most = room.setting("own", "max_ideas")
    if len(me.ideas) >= most:
        return limit_reached("too_many_ideas", n=most)
    refused = too_long(args.text, room.setting("own", "max_chars"), "idea_too_long")
    if refused:
        return refused

    def apply() -> None:
        idea = write_idea(room, ctx, args.text, "own")
        me.ideas.append(idea.id)
        if len(me.ideas) == 1:
            room.own_writers += 1
        marks.touch(me.id)

    return apply


def write_idea(
    room: Room, ctx: Ctx, text: str, written_in: str, pair_id: str | None = None
) -> Idea:
    """A new idea by the sender, in Own or in a pair's pool; its id comes from the entry's
    offset, and it is held (carried into pools) by its author."""
    idea = Idea(
        id=f"i{ctx.seq}",
        seq=ctx.seq,
        text=text,
        author=ctx.sender,
        holder=ctx.sender,
        written_in=written_in,
        pair_id=pair_id,
    )
    room.ideas[idea.id] = idea
    room.participants[ctx.sender].held.append(idea.id)
    return idea


def _my_idea(room: Room, sender: str, idea_id: str) -> Idea | None:
    idea = room.ideas.get(idea_id)
    if idea is None or idea.author != sender or idea.written_in != "own":
        return None
    return idea


def idea_edit(room: Room, ctx: Ctx, args: IdeaEditArgs) -> Verdict:
    idea = _my_idea(room, ctx.sender, args.idea_id)
    if idea is None:
        return not_found("no_such_idea")
    refused = too_long(args.text, room.setting("own", "max_chars"), "idea_too_long")
    if refused:
        return refused

    def apply() -> None:
        idea.text = args.text
        marks.touch(ctx.sender)

    return apply


def idea_delete(room: Room, ctx: Ctx, args: IdeaRefArgs) -> Verdict:
    idea = _my_idea(room, ctx.sender, args.idea_id)
    if idea is None:
        return not_found("no_such_idea")

    def apply() -> None:
        me = room.participants[ctx.sender]
        del room.ideas[idea.id]
        me.ideas.remove(idea.id)
        me.held.remove(idea.id)
        if not me.ideas:
            room.own_writers -= 1
        marks.touch(me.id)

    return apply


def own_done(room: Room, ctx: Ctx, args: OwnDoneArgs) -> Verdict:
    def apply() -> None:
        me = room.participants[ctx.sender]
        if me.own_done != args.done:
            me.own_done = args.done
            marks.touch(me.id)

    return apply
