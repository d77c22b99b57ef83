"""A long, deterministic mutation-fuzzing campaign, in process.

    .venv/bin/python fuzz/campaign.py --count 100000 --seed 1

Mutates the samples (fuzz/mutations.py), runs every input through the library
(fuzz/targets.py) and reports: inputs tried, outcomes, unexpected exceptions and property
violations (each input saved under --out for replay), the slowest input and the peak
resident memory. Exit status 1 if anything unexpected happened.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import random
import resource
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mutations import mutate, seeds
from targets import PropertyViolation, exercise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("/tmp/dtmarkup-fuzz"))
    options = parser.parse_args(argv)

    rng = random.Random(options.seed)
    base = seeds()
    outcomes: collections.Counter[str] = collections.Counter()
    failures: collections.Counter[str] = collections.Counter()
    slowest = (0.0, b"", "")
    largest = 0
    started = time.perf_counter()
    for index in range(options.count):
        data = mutate(rng.choice(base), rng)
        largest = max(largest, len(data))
        began = time.perf_counter()
        try:
            outcome = exercise(data)
        except PropertyViolation as exc:
            outcome = "property-violation"
            failures[f"PropertyViolation: {exc}"[:200]] += 1
            _save(options.out, data, traceback.format_exc())
        except Exception as exc:  # everything else is an undocumented exception
            outcome = "unexpected-exception"
            failures[f"{type(exc).__name__}: {exc}"[:200]] += 1
            _save(options.out, data, traceback.format_exc())
        elapsed = time.perf_counter() - began
        outcomes[outcome] += 1
        if elapsed > slowest[0]:
            slowest = (elapsed, data, outcome)
        if (index + 1) % 10_000 == 0:
            print(f"  {index + 1} inputs, {time.perf_counter() - started:.0f} s", file=sys.stderr)

    total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"inputs tried:          {options.count} (seed {options.seed}, {len(base)} seed docs)")
    print(f"outcomes:              {dict(sorted(outcomes.items()))}")
    print(f"unexpected exceptions: {outcomes['unexpected-exception']}")
    print(f"property violations:   {outcomes['property-violation']}")
    for message, count in failures.most_common(20):
        print(f"  {count} x {message}")
    print(f"total time:            {total:.1f} s ({total / options.count * 1e3:.2f} ms/input)")
    print(
        f"slowest input:         {slowest[0] * 1e3:.1f} ms, {len(slowest[1])} bytes, "
        f"outcome {slowest[2]}, sha1 {hashlib.sha1(slowest[1]).hexdigest()[:12]}"
    )
    print(f"largest input:         {largest} bytes")
    print(f"peak memory (RSS):     {peak:.0f} MB")
    if slowest[1]:
        options.out.mkdir(parents=True, exist_ok=True)
        (options.out / "slowest.bin").write_bytes(slowest[1])
    return 1 if failures else 0


def _save(directory: Path, data: bytes, trace: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:16]
    (directory / f"{digest}.bin").write_bytes(data)
    (directory / f"{digest}.txt").write_text(trace, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
