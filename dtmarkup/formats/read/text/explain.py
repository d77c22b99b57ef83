"""The trace behind ``--explain``: one line per element produced, naming the rule and the
source text it was read from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Step:
    """One inference: an element, the rule that produced it, and its evidence."""

    line: int
    column: int
    element: str
    """What was produced, e.g. ``blockquote @speaker=blinken``."""
    rule: str
    evidence: str
    """The source text it was read from (shortened)."""

    def render(self) -> str:
        evidence = self.evidence if len(self.evidence) <= 70 else self.evidence[:67] + "..."
        return f"{self.line}:{self.column}: {self.element} <- {self.rule}: {evidence!r}"


class Trace:
    """Steps in the order they were taken."""

    def __init__(self) -> None:
        self.steps: list[Step] = []

    def add(self, position: tuple[int, int], element: str, rule: str, evidence: str) -> None:
        self.steps.append(Step(position[0], position[1], element, rule, " ".join(evidence.split())))

    def lines(self) -> list[str]:
        return [step.render() for step in sorted(self.steps, key=lambda s: (s.line, s.column))]
