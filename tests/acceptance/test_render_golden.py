"""Golden files for every output format; ``pytest --update-golden`` regenerates them.

Regeneration checks an invariant first, so a broken output cannot be accepted blindly:
dtm and json outputs must read back to the same article, renderings must be
deterministic and end with a newline.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from _support.render_cases import GOLDEN, INPUTS

import dtmarkup
from dtmarkup.formats import json as dtjson
from dtmarkup.render import render

FORMATS = {"dtm": "xml", "json": "json", "html": "html", "markdown": "md", "text": "txt"}


def _produce(path: Path, fmt: str) -> str:
    article = dtmarkup.load(path)
    if fmt == "dtm":
        data = dtmarkup.dump(article)
        assert dtmarkup.load(data) == article
        return data.decode("utf-8")
    if fmt == "json":
        data = dtjson.write(article).data
        assert dtjson.read(data).article == article
        return data.decode("utf-8")
    text = render(article, fmt).text
    assert text == render(article, fmt).text
    return text


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_golden(path: Path, fmt: str, update_golden: bool) -> None:
    golden = GOLDEN / fmt / f"{path.stem}.{FORMATS[fmt]}"
    actual = _produce(path, fmt)
    assert actual.endswith("\n")
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="")
        return
    if not golden.exists():
        pytest.fail(f"no golden file {golden}; run pytest --update-golden and review it")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                str(golden),
                "actual",
            )
        )
        pytest.fail(f"output differs from {golden} (pytest --update-golden to accept):\n{diff}")
