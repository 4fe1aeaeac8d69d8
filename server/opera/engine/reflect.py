"""Reflect: each person's answers to the closing prompts, and the one-tap feedback.

- `reflection.set {prompt, text}` (participants, during Reflect) sets the answer to prompt
  number `prompt` of `reflect.prompts`; `""` clears it. At most `own.max_chars`
  (`limit_reached`); an index out of range is `bad_request`.
- `feedback.set {score, text}` (participants, during Reflect): the session's feedback, a
  score of 1 to 5 (or null) and an optional sentence (at most `own.max_chars`); each
  command replaces the sender's whole feedback, `{score: null, text: ""}` clears it.
- Answers and feedback are the author's alone in every live view (`me`); the host and the
  board see only how many people answered (`progress` in Reflect). No screen marks who.
- The exports hold them only from Done on, with no name or id, each prompt's texts (and
  the feedback sentences) shuffled separately by a seed drawn when Reflect starts (from the
  `phase.start` entry's logged seed, so every process shuffles alike). Answers of people
  removed later stay in, so that comparing downloads never ties an answer to a person.
- `reflect.prompts` is locked from Reflect on (`conflict`).
"""

from __future__ import annotations

import random
from typing import Any

from . import marks
from .commands import FeedbackArgs, ReflectionArgs
from .outcome import Refusal, bad_request, conflict
from .rules import Ctx, Verdict, too_long
from .state import PHASE_INDEX, Participant, Room

SCORES = (1, 2, 3, 4, 5)
_REFLECT = PHASE_INDEX["reflect"]
_DONE = PHASE_INDEX["done"]


def enter_reflect(room: Room, rng: random.Random) -> None:
    """Draw the exports' shuffle seed (also when Reflect is skipped)."""
    room.reflect_seed = rng.getrandbits(32)


def reflection_set(room: Room, ctx: Ctx, args: ReflectionArgs) -> Verdict:
    prompts = room.setting("reflect", "prompts")
    if args.prompt >= len(prompts):
        return bad_request("prompt_out_of_range", last=len(prompts) - 1)
    refused = too_long(args.text, room.setting("own", "max_chars"), "answer_too_long")
    if refused:
        return refused
    person = room.participants[ctx.sender]
    key = str(args.prompt)

    def apply() -> None:
        if args.text:
            person.reflections[key] = args.text
        else:
            person.reflections.pop(key, None)
        marks.touch(person.id)

    return apply


def feedback_set(room: Room, ctx: Ctx, args: FeedbackArgs) -> Verdict:
    refused = too_long(args.text, room.setting("own", "max_chars"), "feedback_too_long")
    if refused:
        return refused
    person = room.participants[ctx.sender]

    def apply() -> None:
        person.feedback_score = args.score
        person.feedback_text = args.text
        marks.touch(person.id)

    return apply


def prompts_locked(room: Room, settings: dict[str, Any]) -> Refusal | None:
    changed = settings["reflect"]["prompts"] != room.settings["reflect"]["prompts"]
    if changed and room.phase_index >= _REFLECT:
        return conflict("prompts_locked")
    return None


def progress(room: Room) -> dict[str, int]:
    """People with at least one answer, of participants: a count, never who."""
    done = sum(1 for p in room.participants.values() if p.seated and p.reflections)
    return {"done": done, "of": room.active}


def my_reflections(person: Participant) -> dict[str, str]:
    return dict(person.reflections)


def my_feedback(person: Participant) -> dict[str, Any]:
    return {"score": person.feedback_score, "text": person.feedback_text}


def _shuffled(texts: list[str], seed: int, salt: str) -> list[str]:
    # A string seed is hashed with SHA-512 by `random`, the same in every process.
    random.Random(f"{seed}:{salt}").shuffle(texts)
    return texts


def exported_reflections(room: Room) -> list[dict[str, Any]]:
    """Each prompt with its answers, shuffled, no names; [] before Done."""
    if room.phase_index < _DONE:
        return []
    people = list(room.participants.values())
    seed = room.reflect_seed or 0
    result = []
    for index, prompt in enumerate(room.setting("reflect", "prompts")):
        key = str(index)
        texts = [p.reflections[key] for p in people if key in p.reflections]
        result.append({"prompt": prompt, "texts": _shuffled(texts, seed, key)})
    return result


def exported_feedback(room: Room) -> dict[str, Any] | None:
    """Counts per score, the average (null with no score) and the sentences, shuffled; null
    before Done."""
    if room.phase_index < _DONE:
        return None
    people = list(room.participants.values())
    scores = [p.feedback_score for p in people if p.feedback_score is not None]
    texts = [p.feedback_text for p in people if p.feedback_text]
    return {
        "counts": {str(score): scores.count(score) for score in SCORES},
        "answers": len(scores),
        "average": round(sum(scores) / len(scores), 2) if scores else None,
        "texts": _shuffled(texts, room.reflect_seed or 0, "feedback"),
    }
