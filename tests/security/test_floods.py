"""Finding floods: a small, well-formed document with thousands of errors in it.

Nothing here is refused at the gate: the schema or the rules find one error per element.
Reporting them must stay linear (bounded CPU time) however many there are. Sizes are
modest (a 50-100 KB article); the fuzz campaign found the first of these.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dtmarkup.codes import CODES
from dtmarkup.diagnostics import Severity

from .hostile import CPU_SECONDS, MAX_RSS_BYTES, dtmarkup_command, run_limited

SAMPLE = Path(__file__).parents[2] / "samples" / "torshavn-fisheries-wire-brief.xml"
COUNT = 3000

FLOODS: dict[str, tuple[bytes, str]] = {
    "empty-inline-elements": (b"<p>" + b"<em/>" * COUNT + b"x</p>", "DT214"),
    "nested-empty-inline-elements": (b"<p>" + b"<em>" * 250 + b"</em>" * 250 + b"x</p>", "DT214"),
    "unknown-attributes": (b'<p class="x">y</p>' * COUNT, "DT104"),
    "dangling-references": (b"<p>x" + b'<q speaker="nobody">y</q>' * COUNT + b"</p>", "DT108"),
}


@pytest.mark.parametrize("name", sorted(FLOODS))
def test_finding_flood_is_bounded(name: str, tmp_path: Path) -> None:
    body, code = FLOODS[name]
    data = SAMPLE.read_bytes().replace(b"<body>", b"<body>" + body, 1)
    (tmp_path / "flood.xml").write_bytes(data)

    run = run_limited([*dtmarkup_command(), "validate", "--format", "json", "flood.xml"], tmp_path)

    assert not run.timed_out
    assert run.returncode == (1 if CODES[code].severity is Severity.ERROR else 0), run.stderr
    assert "Traceback" not in run.stderr
    codes = {d["code"] for f in json.loads(run.stdout)["files"] for d in f["diagnostics"]}
    assert codes == {code}
    assert run.cpu_seconds < CPU_SECONDS, f"{run.cpu_seconds:.1f} s of CPU for {len(data)} bytes"
    assert run.max_rss_bytes < MAX_RSS_BYTES
