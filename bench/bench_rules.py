"""What the editorial rules cost compared with the XSD alone, on the samples.

In-process, on already-parsed trees: for each document, rounds of N calls of the XSD
alone and of the rules layer (check_rules: XSLT run plus SVRL mapping), interleaved so
that machine load hits both alike; the best round counts. Prints per-document times and
the ratio (XSD + rules) / XSD; the target (issue 3) is at most 3.

Then what loading the rules costs a fresh process: the precompiled stylesheet dtmarkup
ships, against compiling the .sch with lxml's ISO skeleton (import included).

    .venv/bin/python bench/bench_rules.py [--repeat N] [--rounds R] [FILES...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from dtmarkup.validate import rules, xsd
from dtmarkup.xml.parse import parse_bytes

ROOT = Path(__file__).resolve().parent.parent

LOAD_PRECOMPILED = "from dtmarkup.validate import rules; rules.transform()"
LOAD_FROM_SCH = (
    "from lxml import isoschematron, etree;"
    "from dtmarkup.validate import rules_build as b;"
    "etree.XSLT(etree.fromstring(b.compile_schematron(b.rules_path().read_bytes())))"
)


def per_call(function: Callable[[], object], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - start) / repeat


def fresh_process_ms(snippet: str, runs: int = 7) -> float:
    """Best time of ``snippet`` in a new interpreter, after dtmarkup is imported, in ms."""
    program = (
        "import time, dtmarkup.validate\n"
        "t = time.perf_counter()\n"
        f"{snippet}\n"
        "print((time.perf_counter() - t) * 1000)\n"
    )
    best = float("inf")
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, check=True, cwd=ROOT
        )
        best = min(best, float(result.stdout.strip().splitlines()[-1]))
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=200, help="calls per round")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "samples").glob("*.xml"))
    schema = xsd.schema().xsd
    rules.transform()  # loaded once per process, as in real use
    total_xsd = total_rules = 0.0
    print(f"{'document':48} {'xsd ms':>8} {'rules ms':>9} {'ratio':>6}")
    for path in files:
        data = path.read_bytes()
        tree = parse_bytes(data)
        if not schema.validate(tree):
            print(f"{path.name}: not schema-valid, skipped")
            continue

        def run_xsd(tree: object = tree) -> object:
            return schema.validate(tree)

        def run_rules(tree: object = tree, data: bytes = data) -> object:
            return rules.check_rules(tree, data)  # type: ignore[arg-type]

        t_xsd = t_rules = float("inf")
        for _ in range(args.rounds):
            t_xsd = min(t_xsd, per_call(run_xsd, args.repeat))
            t_rules = min(t_rules, per_call(run_rules, args.repeat))
        total_xsd += t_xsd
        total_rules += t_rules
        ratio = (t_xsd + t_rules) / t_xsd
        print(f"{path.name:48} {t_xsd * 1e3:8.3f} {t_rules * 1e3:9.3f} {ratio:6.2f}")
    if not total_xsd:
        print("no schema-valid document to measure")
        return 1
    ratio = (total_xsd + total_rules) / total_xsd
    print(f"{'all':48} {total_xsd * 1e3:8.3f} {total_rules * 1e3:9.3f} {ratio:6.2f}")
    print(f"validation with rules / XSD alone: {ratio:.2f} (target: at most 3)")
    print(f"fresh process, load the precompiled rules: {fresh_process_ms(LOAD_PRECOMPILED):.1f} ms")
    print(f"fresh process, compile the .sch instead:   {fresh_process_ms(LOAD_FROM_SCH):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
