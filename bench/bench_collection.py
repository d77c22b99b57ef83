"""Cost of scanning a <collection> written on one line, at doubling sizes (issue 12.10).

The scanner cuts a collection into articles and places each one (line, and column on its
line) before checking it. Placing an article used to look back to the start of its line,
so on a one-line collection each article cost as much as everything before it: quadratic.
Each doubling of the input must about double the time (ratio near 2.0; 4.0 is quadratic).

By default the article checks are stubbed out, so that only the scanner is timed (the
checks are linear and would hide it); ``--full`` times the whole validation.

    .venv/bin/python bench/bench_collection.py [--start N] [--doublings K] [--full]
"""

from __future__ import annotations

import argparse
import time

from dtmarkup.run.merge import validate_collection
from dtmarkup.sources.collection import Scan

ARTICLE = '<article id="a{n}" xml:lang="en"><head/></article>'


def one_line(articles: int) -> bytes:
    body = "".join(ARTICLE.format(n=n) for n in range(articles))
    return f'<collection xmlns="urn:dtmarkup:1">{body}</collection>'.encode()


def seconds(data: bytes, full: bool) -> float:
    start = time.perf_counter()
    if full:
        validate_collection(data, "c.xml", rules=False)
    else:  # the scanner alone: cut every article, check none
        for _document in Scan(data, "c.xml"):
            pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=4000, help="articles in the first run")
    parser.add_argument("--doublings", type=int, default=5)
    parser.add_argument("--full", action="store_true", help="check the articles too")
    args = parser.parse_args()
    previous = None
    print(f"{'articles':>9} {'bytes':>11} {'seconds':>9} {'ratio':>6}")
    for step in range(args.doublings + 1):
        articles = args.start << step
        data = one_line(articles)
        best = min(seconds(data, args.full) for _ in range(3))
        ratio = f"{best / previous:6.2f}" if previous else "     -"
        print(f"{articles:>9} {len(data):>11} {best:>9.3f} {ratio}")
        previous = best


if __name__ == "__main__":
    main()
