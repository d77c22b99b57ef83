"""Does a cost stay linear? Doubles the input of each case and prints the ratio per doubling.

    python bench/scaling.py                      # every case, 4 doublings from its base size
    python bench/scaling.py rules-flood --steps 6

Each case builds a document of n units, then times (CPU seconds, best of --rounds) one
stage on it. A linear cost doubles with n (ratio about 2); a quadratic one quadruples
(ratio about 4). Small sizes are dominated by fixed costs, so read the last ratios. The
machine may be shared: say so beside any number you quote.

Cases:
  rules-flood    n empty <em/> in one paragraph: n DT214 findings located (rules layer)
  schema-flood   n <p class="x"> in the body: n DT104 findings from libxml2 (schema layer)
  statements     n inline statements by two organizations in turn, both introduced (DT204)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dtmarkup.check import rules, xsd  # noqa: E402
from dtmarkup.xml.gate import parse_bytes  # noqa: E402

SAMPLE = ROOT / "samples" / "torshavn-fisheries-wire-brief.xml"


def _article(body: bytes) -> bytes:
    return SAMPLE.read_bytes().replace(b"<body>", b"<body>" + body, 1)


def rules_flood(n: int) -> bytes:
    return _article(b"<p>" + b"<em/>" * n + b"x</p>")


def schema_flood(n: int) -> bytes:
    return _article(b'<p class="x">y</p>' * n)


def statements(n: int) -> bytes:
    data = SAMPLE.read_bytes()
    registry = (
        b'<organization id="org-a" kind="government"><name>A</name></organization>'
        b'<organization id="org-b" kind="government"><name>B</name></organization>'
    )
    data = data.replace(b"</entities>", registry + b"</entities>", 1)
    top = b'<p><mention ref="org-a">A</mention> and <mention ref="org-b">B</mention>.</p>'
    said = b"".join(
        b'<p>x <statement by="org-%s">y</statement>.</p>' % (b"a" if i % 2 else b"b")
        for i in range(n)
    )
    return data.replace(b"<body>", b"<body>" + top + said, 1)


def _run_rules(data: bytes) -> Callable[[], object]:
    tree = parse_bytes(data)
    return lambda: rules.check_rules(tree, data)


def _run_schema(data: bytes) -> Callable[[], object]:
    tree = parse_bytes(data)
    return lambda: xsd.check_schema(tree, data)


CASES: dict[str, tuple[Callable[[int], bytes], Callable[[bytes], Callable[[], object]], int]] = {
    "rules-flood": (rules_flood, _run_rules, 1000),
    "schema-flood": (schema_flood, _run_schema, 2500),
    "statements": (statements, _run_rules, 1000),
}


def cpu_seconds(run: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("cases", nargs="*", help=f"some of: {', '.join(CASES)}")
    parser.add_argument("--steps", type=int, default=4, help="sizes: base, 2 base, ...")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    rules.transform()
    xsd.schema()
    for name in args.cases or list(CASES):
        if name not in CASES:
            parser.error(f"no case {name!r}")
        build, stage, base = CASES[name]
        previous = None
        for step in range(args.steps):
            n = base * 2**step
            data = build(n)
            seconds = cpu_seconds(stage(data), args.rounds)
            ratio = f"x{seconds / previous:.1f}" if previous else ""
            print(f"{name:14} n={n:7} {len(data):9} bytes {seconds:8.3f} s {ratio}", flush=True)
            previous = seconds
    return 0


if __name__ == "__main__":
    sys.exit(main())
