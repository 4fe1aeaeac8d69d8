"""REASONS: every refusal's key has one English sentence, every key is used, and every call
site gives exactly the vars its sentence names (pages translate by key and fill the vars)."""

import ast
from pathlib import Path

import pytest
from opera.engine import Refusal
from opera.engine.outcome import REASONS, placeholders, sentence
from opera.engine.reduce import RULES

SERVER = Path(__file__).resolve().parents[2] / "server" / "opera"
# Helpers whose reason argument is a REASONS key and whose vars they supply themselves.
IMPLIED = {"too_long": {"n"}, "_votes_cap": {"n"}, "_rule": set()}
# What makes a refusal, an error frame or an HTTP error from a reason.
MAKERS = {"bad_request", "forbidden", "wrong_phase", "not_found", "limit_reached", "conflict"}
MAKERS |= {"error", "ApiError", "error_body", *IMPLIED}


def sources() -> dict[Path, str]:
    return {path: path.read_text() for path in SERVER.rglob("*.py")}


def reason_calls() -> list[tuple[str, str, str, set[str]]]:
    """(where, function, reason, vars given) for every call naming a REASONS key literally."""
    found = []
    for path, text in sources().items():
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in MAKERS:
                continue
            literals = [a for a in node.args if isinstance(a, ast.Constant)]
            reasons = [a.value for a in literals if isinstance(a.value, str) and a.value in REASONS]
            if not reasons:
                continue
            given = {k.arg for k in node.keywords if k.arg is not None}
            for arg in node.args:  # error_body(code, reason, {"n": ...})
                if isinstance(arg, ast.Dict):
                    given |= {k.value for k in arg.keys if isinstance(k, ast.Constant)}
            given |= IMPLIED.get(name, set())
            where = f"{path.relative_to(SERVER)}:{node.lineno}"
            found.append((where, name, reasons[0], given))
    return found


def test_every_reason_is_used_by_the_server() -> None:
    code = "\n".join(t for p, t in sources().items() if p.name != "outcome.py")
    unused = [
        key
        for key in REASONS
        if f'"{key}"' not in code
        # one vote is `<reason>_one`, chosen by rank._votes_cap
        and not (key.endswith("_one") and f'"{key.removesuffix("_one")}"' in code)
    ]
    assert unused == []


def test_every_call_site_gives_exactly_the_vars_its_sentence_names() -> None:
    calls = reason_calls()
    assert len(calls) > 100  # the walk found the call sites (about 120)
    wrong = [
        (where, reason, sorted(given), sorted(placeholders(REASONS[reason])))
        for where, _, reason, given in calls
        if given != placeholders(REASONS[reason])
    ]
    assert wrong == []


def test_a_one_vote_reason_has_no_count_and_its_plural_has_n() -> None:
    for key in [k for k in REASONS if k.endswith("_one")]:
        assert placeholders(REASONS[key]) == set()
        assert placeholders(REASONS[key.removesuffix("_one")]) == {"n"}


def test_every_rule_limited_to_phases_names_a_reason_without_vars() -> None:
    for name, rule in RULES.items():
        if rule.phases is not None:
            assert rule.phase_reason in REASONS, name
            assert placeholders(REASONS[rule.phase_reason]) == set(), name


def test_reason_keys_are_snake_case_and_sentences_are_distinct() -> None:
    assert all(key.isidentifier() and key == key.lower() for key in REASONS)
    plain = [s for s in REASONS.values() if s != "{detail}"]  # bad_frame, bad_body, http_status
    assert len(plain) == len(set(plain))


def test_a_refusal_is_its_sentence_with_its_vars() -> None:
    refusal = Refusal("conflict", "group_full", {"group": "Team Ω"})
    assert refusal.message == "Team Ω is full for now: choose another group."
    assert sentence("idea_cap", {"n": 3}) == "You can give at most 3 votes to one idea."


def test_a_refusal_with_an_unknown_reason_or_a_missing_var_fails_where_it_is_made() -> None:
    with pytest.raises(KeyError):
        Refusal("conflict", "no_such_reason")
    with pytest.raises(KeyError):
        Refusal("conflict", "group_full")
