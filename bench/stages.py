"""Where the time of one document goes: per-stage CPU cost, in-process, per article.

    python bench/stages.py [--files 1000] [--seed 1]

Stages, each timed on its own over the same documents (best of --rounds rounds):
reading the file, libxml2's parse alone, the whole input gate (byte screen + parse +
policy pass), the XSD layer, the rules layer, and ``validate_bytes`` end to end. The
difference between the gate and the bare parse is what the gate's checks cost; the
difference between end to end and the sum of the layers is dtmarkup's own overhead.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

from dtmarkup.check import rules, xsd  # noqa: E402
from dtmarkup.run.document import validate_bytes  # noqa: E402
from dtmarkup.xml.gate import parse_bytes, read_source  # noqa: E402


def best(rounds: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times)


def stages(paths: list[Path], rounds: int) -> dict[str, float]:
    """CPU milliseconds per document for each stage."""
    data = [read_source(p) for p in paths]
    trees = [parse_bytes(d) for d in data]
    valid = [t for t in trees if xsd.schema().xsd.validate(t)]
    xsd.schema()
    rules.transform()
    bare = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    n = len(paths)
    result = {
        "read the file": best(rounds, lambda: [read_source(p) for p in paths]) / n,
        "libxml2 parse alone": best(rounds, lambda: [etree.fromstring(d, bare) for d in data]) / n,
        "input gate (screen + parse + policy)": best(rounds, lambda: [parse_bytes(d) for d in data])
        / n,
        "XSD layer (check_schema)": best(
            rounds, lambda: [xsd.check_schema(t, d) for t, d in zip(trees, data, strict=True)]
        )
        / n,
        "rules layer (check_rules), schema-valid documents": best(
            rounds, lambda: [rules.check_rules(t) for t in valid]
        )
        / max(1, len(valid)),
        "validate_bytes end to end": best(
            rounds, lambda: [validate_bytes(d, "x.xml") for d in data]
        )
        / n,
    }
    return {name: value * 1000 for name, value in result.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    corpus = generate.ensure_files(args.files, args.seed, 0.01)
    paths = sorted(corpus.rglob("*.xml"))
    for name, value in stages(paths, args.rounds).items():
        print(f"{value:8.3f} ms  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
