"""Plain-text import cost: linear in the input, and one real-sized article in process.

    python bench/text_import.py [--max-kb 64] [--rounds 3] [--article FILE]

1. Scaling: hostile shapes (``a "b `` repeated: an unclosed-quote storm; ``“a,” she said.``
   repeated: many attributed quotations; dash quotes; many capitalised names) at sizes that
   double from 2 KB to --max-kb. Cost must grow linearly: each doubling should roughly
   double the time (ratio ~2). A ratio near 4 is a quadratic regression (the sentence-end
   search and the speaker look-back once rescanned the paragraph for every quotation).
2. Latency: the in-process cost of importing one ~5,000-character article (--article, or a
   built-in synthetic story of that size), best of --rounds, target <= 50 ms.

CPU time (time.process_time) is reported, so other work on a shared machine affects it
less than wall time; still, say when the machine was busy.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dtmarkup.formats.read.text import read

SHAPES = {
    "unclosed-quotes": 'a "b ',
    "attributed-quotes": "“We will wait,” she said. ",
    "dash-quotes": "– a said X, ",
    "names-and-titles": "Sen. Ann Lee (D-N.Y.) told reporters Mr. Lee said. ",
}

STORY = (
    "Council votes to extend the night-bus trial.\n\n"
    "The city council voted on Tuesday to extend the night-bus trial by a year, after a "
    "survey found that most riders were shift workers.\n\n"
    "“This is a service people rely on,” said Councillor Maria Lopez, who chairs the "
    "transport committee. “We are not going to take it away from them.”\n\n"
    "Lopez added that the extension would cost about $2 million. She told reporters the "
    "money would come from parking fees.\n\n"
    "The transit union said in a statement that it “welcomes the decision” but wants more "
    "drivers hired. “Our members have been working double shifts,” the union wrote.\n\n"
)


def cpu(data: bytes, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        read(data, "bench.txt")
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--max-kb", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--article", type=Path, help="a plain-text article to time")
    args = parser.parse_args()
    print("| shape | KB | CPU ms | ratio to half size |")
    print("|---|---:|---:|---:|")
    for name, unit in SHAPES.items():
        previous = None
        size = 2
        while size <= args.max_kb:
            body = (unit * (size * 1024 // len(unit) + 1))[: size * 1024]
            seconds = cpu(f"Headline\n\n{body}\n".encode(), args.rounds)
            ratio = f"{seconds / previous:.2f}" if previous else ""
            print(f"| {name} | {size} | {seconds * 1000:.1f} | {ratio} |")
            previous, size = seconds, size * 2
    if args.article is not None:
        data = args.article.read_bytes()
        label = args.article.name
    else:
        text = STORY * (5000 // len(STORY) + 1)
        data = text[: text.rfind("\n\n", 0, 5000) + 2].encode()
        label = "synthetic story"
    read(data, "warm-up.txt")
    print(
        f"\n{label}: {len(data.decode())} characters, "
        f"{cpu(data, max(args.rounds, 5)) * 1000:.1f} ms CPU in process (best of "
        f"{max(args.rounds, 5)})"
    )


if __name__ == "__main__":
    main()
