"""What the input gate costs on top of a bare lxml parse, on the samples.

The gate (dtmarkup.xml.gate.parse_bytes) adds a byte screen before libxml2 and a policy
pass after it. For each document, rounds of N calls of a bare ``etree.fromstring`` (same
safe options) and of ``parse_bytes``, interleaved so that machine load hits both alike;
the best round counts. The target (issue 6): at most a few hundred microseconds extra
for a 10 KB article.

    .venv/bin/python bench/bench_gate.py [--repeat N] [--rounds R] [FILES...]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from dtmarkup.xml.gate import parse_bytes

ROOT = Path(__file__).resolve().parent.parent


def per_call(function: Callable[[bytes], object], data: bytes, repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        function(data)
    return (time.perf_counter() - start) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    files = options.files or sorted((ROOT / "samples").glob("*.xml"))

    def bare(data: bytes) -> object:
        safe = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        )
        return etree.fromstring(data, safe)

    print(f"{'document':48} {'bytes':>7} {'bare µs':>8} {'gate µs':>8} {'extra µs':>9}")
    for path in files:
        data = path.read_bytes()
        best_bare = best_gate = float("inf")
        for _ in range(options.rounds):
            best_bare = min(best_bare, per_call(bare, data, options.repeat))
            best_gate = min(best_gate, per_call(parse_bytes, data, options.repeat))
        print(
            f"{path.name[:48]:48} {len(data):7} {best_bare * 1e6:8.1f} {best_gate * 1e6:8.1f} "
            f"{(best_gate - best_bare) * 1e6:9.1f}"
        )


if __name__ == "__main__":
    main()
