"""Baselines: accept the findings a repository has today, fail only on new ones.

A team adopting dtmarkup on an archive cannot fix every old article before turning CI
on. ``--write-baseline`` records what is wrong now; ``--baseline`` then drops exactly
those findings. A finding is known by its file, code and element path, never its line,
so that editing above it does not bring it back; the same code on the same element is
counted, so a second occurrence is new.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dtmarkup.diagnostics import Diagnostic, Report
from dtmarkup.errors import BaselineError
from dtmarkup.version import __version__
from dtmarkup.workspace.reading import BASELINE_MAX_BYTES, NotReadable, read_capped

FORMAT = 1
"""Version of the baseline file's layout, bumped if it ever changes incompatibly."""

Key = tuple[str, str, str]
"""(file relative to the baseline, code, element path or "")."""


@dataclass(frozen=True, slots=True)
class Applied:
    """Reports with the known findings removed, and how many were removed."""

    reports: list[Report]
    baselined: int
    """Findings dropped because the baseline knows them."""
    stale: int
    """Baseline entries for the files checked that no longer occur (fixed since)."""


@dataclass(frozen=True, slots=True)
class Baseline:
    """Known findings, counted per (file, code, element path)."""

    directory: Path
    """File names are relative to this directory (where the baseline file lives)."""
    counts: Counter[Key]

    @classmethod
    def of(cls, reports: Iterable[Report], baseline_file: Path) -> Baseline:
        """Today's findings. Unreadable inputs are not recorded: a missing file is never
        "known" (it still exits 4)."""
        directory = _directory(baseline_file)
        counts: Counter[Key] = Counter()
        for report in reports:
            if report.readable:
                for d in report.diagnostics:
                    counts[_key(report.path, d, directory)] += 1
        return cls(directory, counts)

    @classmethod
    def load(cls, baseline_file: Path) -> Baseline:
        try:
            data = json.loads(read_capped(baseline_file, BASELINE_MAX_BYTES))
        except FileNotFoundError:
            raise BaselineError(
                f"baseline {baseline_file} does not exist; create it with --write-baseline"
            ) from None
        except NotReadable as exc:
            raise BaselineError(f"cannot use baseline {baseline_file}: {exc}") from None
        except RecursionError:
            raise BaselineError(
                f"baseline {baseline_file} is nested too deep to be a dtmarkup baseline"
            ) from None
        except ValueError as exc:
            raise BaselineError(f"baseline {baseline_file} is not valid JSON: {exc}") from None
        counts: Counter[Key] = Counter()
        try:
            if data.get("tool") != "dtmarkup" or data.get("format") != FORMAT:
                raise TypeError
            for entry in data["findings"]:
                key = (entry["file"], entry["code"], entry["xpath"] or "")
                if not all(isinstance(part, str) for part in key):
                    raise TypeError
                count = entry["count"]
                if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                    raise TypeError
                counts[key] += count
        except (AttributeError, KeyError, TypeError):
            raise BaselineError(
                f"{baseline_file} is not a dtmarkup baseline (format {FORMAT}); "
                "write a new one with --write-baseline"
            ) from None
        return cls(_directory(baseline_file), counts)

    def apply(self, reports: Sequence[Report]) -> Applied:
        """Drop known findings, first occurrences first, in document order."""
        remaining = Counter(self.counts)
        checked: set[str] = set()
        kept_reports: list[Report] = []
        baselined = 0
        for report in reports:
            if not report.readable:
                kept_reports.append(report)
                continue
            kept: list[Diagnostic] = []
            for d in report.diagnostics:
                key = _key(report.path, d, self.directory)
                checked.add(key[0])
                if remaining[key] > 0:
                    remaining[key] -= 1
                    baselined += 1
                else:
                    kept.append(d)
            checked.add(_file(report.path, self.directory))
            kept_reports.append(
                report if len(kept) == len(report.diagnostics) else report.filtered(kept)
            )
        stale = sum(count for key, count in remaining.items() if key[0] in checked)
        return Applied(kept_reports, baselined, stale)

    def to_json(self, reports: Iterable[Report] = ()) -> str:
        """The file's text: sorted, one entry per key, the messages kept for reviewers."""
        messages: defaultdict[Key, list[str]] = defaultdict(list)
        for report in reports:
            if report.readable:
                for d in report.diagnostics:
                    messages[_key(report.path, d, self.directory)].append(d.message)
        findings = [
            {
                "file": key[0],
                "code": key[1],
                "xpath": key[2] or None,
                "count": count,
                "messages": sorted(messages.get(key, [])),
            }
            for key, count in sorted(self.counts.items())
        ]
        data = {"tool": "dtmarkup", "version": __version__, "format": FORMAT, "findings": findings}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _directory(baseline_file: Path) -> Path:
    return Path(os.path.abspath(baseline_file)).parent


def _file(path: str, directory: Path) -> str:
    """A document's name relative to the baseline, with forward slashes, so the same
    baseline works from any working directory and on any system."""
    if path == "-":
        return path
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, directory)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()


def _key(path: str, d: Diagnostic, directory: Path) -> Key:
    return (_file(path, directory), d.code, d.xpath or "")
