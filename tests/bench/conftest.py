"""Makes the repository's `bench/` package importable (the root is not on `sys.path` under
pytest, and `tests/` is, where this folder would pass for a namespace package `bench`)."""

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
if "bench" in sys.modules and getattr(sys.modules["bench"], "__file__", None) is None:
    del sys.modules["bench"]
