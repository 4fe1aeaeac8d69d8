"""The docs keep up with the code: every command, setting, error and close code documented."""

import re
from pathlib import Path

from opera.engine.commands import COMMAND_NAMES
from opera.engine.outcome import ERROR_CODES, REASONS, placeholders
from opera.engine.settings import SETTING_PATHS
from opera.live.protocol import CloseCode
from opera.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
PROTOCOL = (ROOT / "docs" / "protocol.md").read_text()
README = (ROOT / "README.md").read_text()


def section(title: str) -> str:
    start = PROTOCOL.index(f"## {title}\n")
    end = PROTOCOL.find("\n## ", start + 1)
    return PROTOCOL[start : end if end > 0 else None]


def test_every_command_is_documented() -> None:
    table = section("Commands")
    documented = set(re.findall(r"^\| `([a-z]+\.[a-z]+)` \|", table, re.MULTILINE))
    assert documented == set(COMMAND_NAMES)


def test_every_session_setting_is_documented() -> None:
    table = section("Session settings")
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", table, re.MULTILINE))
    assert documented == set(SETTING_PATHS)


def test_every_error_code_is_documented() -> None:
    table = section("WebSocket `/ws/{code}`")
    documented = set(re.findall(r"^\| `([a-z_]+)` \| ", table, re.MULTILINE))
    assert documented == set(ERROR_CODES) | {"unavailable"}


def test_every_error_reason_is_documented_with_its_vars_and_sentence() -> None:
    table = section("Error reasons")
    rows = re.findall(r"^\| `([a-z_]+)` \| (.*?) \| (.*) \|$", table, re.MULTILINE)
    documented = {key: (vars, text.replace("\\|", "|")) for key, vars, text in rows}
    expected = {
        key: (", ".join(f"`{name}`" for name in sorted(placeholders(text))), text)
        for key, text in REASONS.items()
    }
    assert documented == expected


def test_every_close_code_is_documented() -> None:
    for code in CloseCode:  # the server closes with these and no others (a bare number fails mypy)
        assert re.search(rf"^\| {int(code)} \|", PROTOCOL, re.MULTILINE), code


def test_every_server_setting_is_documented_in_protocol_and_readme() -> None:
    for name in Settings.model_fields:
        variable = f"OPERA_{name.upper()}"
        assert f"`{variable}`" in PROTOCOL, variable
        assert variable in README, variable


def test_readme_keeps_the_two_commands() -> None:
    assert "uv run opera serve" in README
    assert "uv run pytest" in README
