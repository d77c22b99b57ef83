"""Robustness: a short fuzz campaign. The long one is fuzz/campaign.py.

The library raises nothing but its documented exception types and keeps its promises
(fuzz/targets.py); the CLI never exits 70 and never prints a traceback.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import MUTATORS, SNIPPETS, inputs, mutate, seeds
from targets import exercise

import dtmarkup
from dtmarkup.xml.gate import InputRejected, parse_bytes

from .hostile import dtmarkup_command

SEEDS = seeds()

xmlish = st.lists(
    st.one_of(
        st.sampled_from(SNIPPETS),
        st.sampled_from([b"<a>", b"</a>", b"<p>", b"</p>", b"<a b='c'>", b"x", b" ", b"\n"]),
        st.binary(max_size=8),
    ),
    max_size=40,
).map(b"".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_gate_on_arbitrary_bytes(data: bytes) -> None:
    try:
        parse_bytes(data)
    except InputRejected as exc:
        assert exc.diagnostics
        assert all(d.code.startswith("DT0") for d in exc.diagnostics)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(xmlish)
def test_library_on_xml_like_fragments(data: bytes) -> None:
    exercise(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(range(len(SEEDS))),
    st.lists(st.tuples(st.sampled_from(range(len(MUTATORS))), st.integers(0, 2**32)), max_size=4),
)
def test_library_on_mutated_samples(seed_index: int, steps: list[tuple[int, int]]) -> None:
    data = SEEDS[seed_index]
    for mutator, seed in steps:
        data = MUTATORS[mutator](data, random.Random(seed))
    exercise(data)


def test_deterministic_mutation_campaign() -> None:
    """2000 mutated samples, the same ones on every run: all outcomes documented."""
    outcomes = {"rejected": 0, "invalid": 0, "valid": 0}
    for data in inputs(2000, seed=20261129):
        outcomes[exercise(data)] += 1
    # The mutations reach every layer, not only the gate.
    assert all(count > 0 for count in outcomes.values()), outcomes


def test_cli_never_crashes_on_mutated_inputs(tmp_path: Path) -> None:
    """One validate run over 150 mutated files; convert on ten of them."""
    rng = random.Random(1129)
    paths = []
    for index in range(150):
        path = tmp_path / f"m{index:03}.xml"
        path.write_bytes(mutate(rng.choice(SEEDS), rng))
        paths.append(path)
    result = subprocess.run(
        [*dtmarkup_command(), "validate", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 150
    for path in paths[:10]:
        converted = subprocess.run(
            [*dtmarkup_command(), "convert", str(path), "--to", "json"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert converted.returncode in (0, 1), converted.stderr
        assert "Traceback" not in converted.stderr + converted.stdout


def test_comment_before_markup_in_text_only_element(tmp_path: Path) -> None:
    """Found by the atheris harness: a comment first in an element that allows text only.

    The schema finding names the element's first child, which here is a comment.
    """
    sample = next(s for s in SEEDS if b"<published>" in s)
    data = re.sub(rb"<published>", b"<published><!-- c --><b/>", sample, count=1)
    report = dtmarkup.validate(data)
    assert not report.valid
    assert "DT101" in report.codes()
    path = tmp_path / "comment.xml"
    path.write_bytes(data)
    result = subprocess.run(
        [*dtmarkup_command(), "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
