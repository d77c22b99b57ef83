"""What the editorial rules cost compared with the XSD alone, on the samples.

In-process: for each document, rounds of N calls of parse, parse + XSD and parse + rules
layer (check_rules: XSLT run plus SVRL mapping), interleaved; the best round counts and
the parse time is subtracted. A fresh tree each time, as in real use: libxslt and libxml2
do per-document work on the first run over a tree. Times are CPU time of this process
(time.process_time), so that other load on the machine does not distort the ratio.

Prints per-document times and the ratio (XSD + rules) / XSD, the layer cost that issue 3
targets (at most 3); then the same ratio for the whole dtmarkup.validate call (parse,
XSD, rules, report) with and without rules, which is what a user pays; then what loading
the rules costs a fresh process: the precompiled stylesheet dtmarkup ships, against
compiling the .sch with lxml's ISO skeleton (import included).

    .venv/bin/python bench/bench_rules.py [--repeat N] [--rounds R] [FILES...]
"""

from __future__ import annotations

import argparse
import functools
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from dtmarkup.check import rules, xsd
from dtmarkup.run.document import validate_bytes
from dtmarkup.xml.gate import parse_bytes

ROOT = Path(__file__).resolve().parent.parent

LOAD_PRECOMPILED = "from dtmarkup.check import rules; rules.transform()"
LOAD_FROM_SCH = (
    "from lxml import isoschematron, etree;"
    f"import sys; sys.path.insert(0, {str(ROOT)!r}); from tools import compile_rules as b;"
    "etree.XSLT(etree.fromstring(b.compile_schematron(b.rules_path().read_bytes())))"
)


def per_call(function: Callable[[], object], repeat: int) -> float:
    start = time.process_time()
    for _ in range(repeat):
        function()
    return (time.process_time() - start) / repeat


def fresh_process_ms(snippet: str, runs: int = 7) -> float:
    """Best time of ``snippet`` in a new interpreter, after dtmarkup is imported, in ms."""
    program = (
        "import time, dtmarkup.check\n"
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


def synthetic(paragraphs: int) -> bytes:
    """A long article: every other paragraph quotes the same speaker without a mention."""
    base = (ROOT / "tests" / "rules" / "DT211-ok-byline.xml").read_text(encoding="utf-8")
    body = "".join(
        f'<p>{i}: <mention ref="blinken">Blinken</mention> called it <q speaker="blinken">'
        f"fine</q>.</p>\n"
        if i % 2
        else f'<p>{i}: and <q speaker="blinken">more</q>.</p>\n'
        for i in range(paragraphs)
    )
    return base.replace("  </body>", body + "  </body>").encode("utf-8")


def alternating(paragraphs: int) -> bytes:
    """A long article quoting two speakers in turn, both mentioned once at the top.

    The worst case for DT204: no quotation follows one by the same speaker, so each looks
    its speaker up in the key of agents, and a lookup copies every entry for the speaker
    (libxslt): the cost grows with the square of the quotations, as it did before.
    """
    base = (ROOT / "tests" / "rules" / "DT204-ok-introductions.xml").read_text(encoding="utf-8")
    speakers = re.findall(r'<person id="([^"]+)"', base)[:2]
    top = "".join(f'<mention ref="{who}">{who}</mention> ' for who in speakers)
    body = f"<p>{top}</p>\n" + "".join(
        f'<p>{i}: <q speaker="{speakers[i % 2]}">fine</q>.</p>\n' for i in range(paragraphs)
    )
    return base.replace("  </body>", body + "  </body>").encode("utf-8")


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

        def run_parse(data: bytes = data) -> object:
            return parse_bytes(data)

        def run_xsd(data: bytes = data) -> object:
            return schema.validate(parse_bytes(data))

        def run_rules(data: bytes = data) -> object:
            return rules.check_rules(parse_bytes(data), data)

        t_parse = t_xsd = t_rules = float("inf")
        for _ in range(args.rounds):
            t_parse = min(t_parse, per_call(run_parse, args.repeat))
            t_xsd = min(t_xsd, per_call(run_xsd, args.repeat))
            t_rules = min(t_rules, per_call(run_rules, args.repeat))
        t_xsd -= t_parse
        t_rules -= t_parse
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
    documents = [(path.name, path.read_bytes()) for path in files]

    def whole(with_rules: bool) -> float:
        return per_call(
            lambda: [validate_bytes(data, name, rules=with_rules) for name, data in documents],
            max(args.repeat // 4, 1),
        )

    t_without = t_with = float("inf")
    for _ in range(args.rounds):
        t_without = min(t_without, whole(False))
        t_with = min(t_with, whole(True))
    print(
        f"dtmarkup.validate on all samples: {t_without * 1e3:.3f} ms without rules, "
        f"{t_with * 1e3:.3f} ms with rules, ratio {t_with / t_without:.2f}"
    )
    for make, what in ((synthetic, "one speaker"), (alternating, "two speakers in turn")):
        for paragraphs in (500, 2000, 5000):
            data = make(paragraphs)
            tree = parse_bytes(data)
            t_xsd = per_call(functools.partial(schema.validate, tree), 3)
            t_rules = per_call(functools.partial(rules.check_rules, tree, data), 3)
            print(
                f"synthetic article, {paragraphs} paragraphs and quotations of {what} "
                f"({len(data) // 1024} KB): xsd {t_xsd * 1e3:.1f} ms, rules {t_rules * 1e3:.1f} ms"
            )
    print(f"fresh process, load the precompiled rules: {fresh_process_ms(LOAD_PRECOMPILED):.1f} ms")
    print(f"fresh process, compile the .sch instead:   {fresh_process_ms(LOAD_FROM_SCH):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
