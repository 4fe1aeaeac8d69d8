"""One validated model per command of the protocol: a discriminated union on `name`.

Validation is strict (no type coercion) and forbids unknown arguments; every string and
number has a limit. Texts are trimmed, and empty after trimming is malformed. The limits
that depend on settings (idea length, shortlist length ...) are checked by the rules, since
they answer `limit_reached`, not `bad_request`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

from .outcome import Refusal, bad_request
from .state import PhaseName

__all__ = ["COMMAND_NAMES", "Args", "Command", "parse_args", "parse_command"]

TEXT_HARD_MAX = 10_000  # beyond any setting: a malformed command, not a limit


def _trimmed(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    return value


Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,32}$")]
Text = Annotated[str, Field(max_length=TEXT_HARD_MAX), AfterValidator(_trimmed)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, max_length=TEXT_HARD_MAX)]


class Args(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class NoArgs(Args):
    pass


class SessionConfigureArgs(Args):
    title: Title | None = None
    question: Text | None = None
    settings: dict[str, Any] | None = None


class PhaseStartArgs(Args):
    phase: PhaseName
    minutes: float | None = Field(default=None, gt=0, le=1440)


class TimerAddArgs(Args):
    seconds: float = Field(ge=-86_400, le=86_400)


class ExplainFocusArgs(Args):
    pair_id: Id


class ClusterCreateArgs(Args):
    label: Text
    idea_ids: list[Id] = Field(default_factory=list, max_length=2000)


class ClusterUpdateArgs(Args):
    cluster_id: Id
    label: Text | None = None
    owner: Text | None = None
    action: Text | None = None


class ClusterDeleteArgs(Args):
    cluster_id: Id


class IdeaPlaceArgs(Args):
    idea_id: Id
    cluster_id: Id | None
    index: int | None = Field(default=None, ge=0, le=100_000)


class IdeaRefArgs(Args):
    idea_id: Id


class ParticipantRefArgs(Args):
    participant_id: Id


class ParticipantsRefArgs(Args):
    # A lobby filled from one address is emptied in one command (the rate limit is per frame).
    participant_ids: list[Id] = Field(min_length=1, max_length=5000)


class TextArgs(Args):
    text: Text


class NoticeArgs(Args):
    text: Title  # may be empty: "" clears the notice


class ReflectionArgs(Args):
    prompt: int = Field(ge=0, le=100)
    text: Title  # may be empty: "" clears the answer


class FeedbackArgs(Args):
    score: int | None = Field(ge=1, le=5)
    text: Title = ""


class GroupsFormArgs(Args):
    count: int | None = Field(default=None, ge=1, le=2500)


class GroupRefArgs(Args):
    group_id: Id


class GroupMoveArgs(Args):
    participant_id: Id
    group_id: Id


class IdeaEditArgs(Args):
    idea_id: Id
    text: Text


class OwnDoneArgs(Args):
    done: bool


class PairShortlistArgs(Args):
    idea_ids: list[Id] = Field(max_length=100)


class VoteSetArgs(Args):
    idea_id: Id
    points: int = Field(ge=0, le=10_000)


class _Cmd(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class SessionConfigure(_Cmd):
    name: Literal["session.configure"]
    args: SessionConfigureArgs


class PhaseStart(_Cmd):
    name: Literal["phase.start"]
    args: PhaseStartArgs


class TimerPause(_Cmd):
    name: Literal["timer.pause"]
    args: NoArgs


class TimerResume(_Cmd):
    name: Literal["timer.resume"]
    args: NoArgs


class TimerAdd(_Cmd):
    name: Literal["timer.add"]
    args: TimerAddArgs


class PairsShuffle(_Cmd):
    name: Literal["pairs.shuffle"]
    args: NoArgs


class PairsUnshuffle(_Cmd):
    name: Literal["pairs.unshuffle"]
    args: NoArgs


class ExplainFocus(_Cmd):
    name: Literal["explain.focus"]
    args: ExplainFocusArgs


class RankReveal(_Cmd):
    name: Literal["rank.reveal"]
    args: NoArgs


class ClusterCreate(_Cmd):
    name: Literal["cluster.create"]
    args: ClusterCreateArgs


class ClusterUpdate(_Cmd):
    name: Literal["cluster.update"]
    args: ClusterUpdateArgs


class ClusterDelete(_Cmd):
    name: Literal["cluster.delete"]
    args: ClusterDeleteArgs


class IdeaPlace(_Cmd):
    name: Literal["idea.place"]
    args: IdeaPlaceArgs


class IdeaHide(_Cmd):
    name: Literal["idea.hide"]
    args: IdeaRefArgs


class ParticipantRemove(_Cmd):
    name: Literal["participant.remove"]
    args: ParticipantRefArgs


class ParticipantsRemove(_Cmd):
    name: Literal["participants.remove"]
    args: ParticipantsRefArgs


class ParticipantAdmit(_Cmd):
    name: Literal["participant.admit"]
    args: ParticipantRefArgs


class GroupsForm(_Cmd):
    name: Literal["groups.form"]
    args: GroupsFormArgs


class GroupChoose(_Cmd):
    name: Literal["group.choose"]
    args: GroupRefArgs


class GroupMove(_Cmd):
    name: Literal["group.move"]
    args: GroupMoveArgs


class PlenaryFocus(_Cmd):
    name: Literal["plenary.focus"]
    args: GroupRefArgs


class NoticeSet(_Cmd):
    name: Literal["notice.set"]
    args: NoticeArgs


class ReflectionSet(_Cmd):
    name: Literal["reflection.set"]
    args: ReflectionArgs


class FeedbackSet(_Cmd):
    name: Literal["feedback.set"]
    args: FeedbackArgs


class IdeaAdd(_Cmd):
    name: Literal["idea.add"]
    args: TextArgs


class IdeaEdit(_Cmd):
    name: Literal["idea.edit"]
    args: IdeaEditArgs


class IdeaDelete(_Cmd):
    name: Literal["idea.delete"]
    args: IdeaRefArgs


class OwnDone(_Cmd):
    name: Literal["own.done"]
    args: OwnDoneArgs


class PairWrite(_Cmd):
    name: Literal["pair.write"]
    args: TextArgs


class PairShortlist(_Cmd):
    name: Literal["pair.shortlist"]
    args: PairShortlistArgs


class PairConfirm(_Cmd):
    name: Literal["pair.confirm"]
    args: NoArgs


class VoteSet(_Cmd):
    name: Literal["vote.set"]
    args: VoteSetArgs


Command = Annotated[
    SessionConfigure
    | PhaseStart
    | TimerPause
    | TimerResume
    | TimerAdd
    | PairsShuffle
    | PairsUnshuffle
    | ExplainFocus
    | RankReveal
    | ClusterCreate
    | ClusterUpdate
    | ClusterDelete
    | IdeaPlace
    | IdeaHide
    | ParticipantRemove
    | ParticipantsRemove
    | ParticipantAdmit
    | GroupsForm
    | GroupChoose
    | GroupMove
    | PlenaryFocus
    | NoticeSet
    | ReflectionSet
    | FeedbackSet
    | IdeaAdd
    | IdeaEdit
    | IdeaDelete
    | OwnDone
    | PairWrite
    | PairShortlist
    | PairConfirm
    | VoteSet,
    Field(discriminator="name"),
]

_ADAPTER: TypeAdapter[Command] = TypeAdapter(Command)

# Derived from the union itself: the one place a command is named is its model.
_MODELS: tuple[type[_Cmd], ...] = get_args(get_args(Command)[0])
COMMAND_NAMES: tuple[str, ...] = tuple(
    get_args(model.model_fields["name"].annotation)[0] for model in _MODELS
)
_KNOWN = frozenset(COMMAND_NAMES)
# name -> the model of its arguments (the union's `args` field for that name)
_ARGS: dict[str, type[Args]] = {
    name: model.model_fields["args"].annotation  # type: ignore[misc]
    for name, model in zip(COMMAND_NAMES, _MODELS, strict=True)
}


def _checked(name: object, args: object) -> tuple[str, dict[str, Any]] | Refusal:
    """A known command name and an arguments object (none: {}), or the refusal."""
    if not isinstance(name, str) or name not in _KNOWN:
        shown = name if isinstance(name, str) and len(name) <= 40 else "?"
        return bad_request("unknown_command", command=shown)
    if args is None:
        args = {}
    if not isinstance(args, dict):
        return bad_request("args_not_object", command=name)
    return name, args


def parse_command(name: object, args: object) -> Command | Refusal:
    """The validated command, or a `bad_request` refusal with a readable message."""
    checked = _checked(name, args)
    if isinstance(checked, Refusal):
        return checked
    try:
        return _ADAPTER.validate_python({"name": checked[0], "args": checked[1]})
    except ValidationError as error:
        return bad_request("bad_args", command=checked[0], detail=_describe(error))


def parse_args(name: object, args: object) -> Args | Refusal:
    """What `parse_command` gives as `.args`, or the same refusal, without building the
    union's model around them (twice as fast: a replay validates every command again)."""
    checked = _checked(name, args)
    if isinstance(checked, Refusal):
        return checked
    try:
        parsed: Args = _ARGS[checked[0]].__pydantic_validator__.validate_python(checked[1])
    except ValidationError as error:
        return bad_request("bad_args", command=checked[0], detail=_describe(error))
    return parsed


def _describe(error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    loc = [str(part) for part in first["loc"]]
    if "args" in loc:
        loc = loc[loc.index("args") + 1 :]
    message = str(first["msg"]).removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "is not an argument of this command"
    where = ".".join(loc)
    return f"{where + ' ' if where else ''}{message[:1].lower()}{message[1:]}"
