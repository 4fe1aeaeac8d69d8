"""`loads` reads what `json.loads` reads, value for value and error for error (orjson is only
a faster way to the same value)."""

from __future__ import annotations

import json
import math
import random
import struct
from typing import Any

import pytest
from opera.log.base import decode, encode, loads


def same(text: str | bytes) -> None:
    expected = json.loads(text)
    found = loads(text)
    assert repr(found) == repr(expected)  # repr: 1 and 1.0, -0.0 and 0.0 differ
    assert type(found) is type(expected)


@pytest.mark.parametrize(
    "text",
    [
        '{"o":1,"e":{"kind":"cmd","at":1790000000.05,"seed":9223372036854775807}}',
        '{"big":123456789012345678901234567890}',  # orjson alone: a float
        '{"small":-9223372036854775809}',  # below int64: orjson alone makes it a float
        '{"u64":18446744073709551615,"more":18446744073709551616}',
        '{"inf":1e400,"nan":NaN,"minus":-Infinity}',  # json reads these; orjson refuses them
        '{"lone":"\\ud800"}',
        '{"a":1,"a":2}',
        '{ "spaced" : [1, 2.0, -0.0, 1e16, 1E-5, true, null] }',
        '{"escaped":"\\u00e9\\n\\t\\"","raw":"é ☃ 𝄞"}',
        '{"deep":' + "[" * 600 + "]" * 600 + "}",  # deeper than orjson encodes
        "[1, 2]",
        '"text"',
    ],
)
def test_loads_gives_what_json_gives(text: str) -> None:
    same(text)
    same(text.encode("utf-8", "surrogatepass"))


def test_floats_are_read_exactly_as_json_reads_them() -> None:
    rng = random.Random(5)
    for _ in range(20_000):
        x = struct.unpack("d", rng.randbytes(8))[0]
        if not math.isfinite(x):
            continue
        for text in (repr(x), f"{x:.17g}", f"{x:.4e}", f"{x % 1000:.3f}"):
            same(f'{{"x":{text}}}')


def test_what_encode_writes_comes_back_the_same() -> None:
    entry: dict[str, Any] = {"kind": "cmd", "at": 1790000000.123, "seed": 2**63 - 1,
                             "args": {"text": "Idée ☃", "ids": ["a", "b"], "n": None}}  # fmt: skip
    assert decode(encode(entry)) == entry
    assert decode(encode(entry).encode()) == entry


@pytest.mark.parametrize(
    "text", ['{"a":', '{"a":01}', "[1,]", "", b'{"a":"\xff"}', '{"a":1} x', "\ufeff{}"]
)
def test_damage_raises_what_json_raises(text: str | bytes) -> None:
    with pytest.raises(ValueError) as expected:
        json.loads(text)
    with pytest.raises(ValueError) as found:
        loads(text)
    assert type(found.value) is type(expected.value)
    assert str(found.value) == str(expected.value)


def test_decode_wants_an_object() -> None:
    with pytest.raises(ValueError, match="not a JSON object"):
        decode("[1]")
