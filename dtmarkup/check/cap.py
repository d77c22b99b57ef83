"""At most MAX_FINDINGS_PER_CODE findings of one code per document, then one that counts
the rest: a flood of one mistake costs neither memory nor a reader's patience."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TypeVar

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.sources.limits import MAX_FINDINGS_PER_CODE

T = TypeVar("T")


def per_code(items: Iterable[T], code_of: Callable[[T], str]) -> tuple[list[T], list[Diagnostic]]:
    """The items to report in full, and one summary finding per code that had more."""
    counts: Counter[str] = Counter()
    kept: list[T] = []
    for item in items:
        code = code_of(item)
        counts[code] += 1
        if counts[code] <= MAX_FINDINGS_PER_CODE:
            kept.append(item)
    summaries = [
        diagnostic(code, f"{count - MAX_FINDINGS_PER_CODE} more findings like the ones above")
        for code, count in counts.items()
        if count > MAX_FINDINGS_PER_CODE
    ]
    return kept, summaries
