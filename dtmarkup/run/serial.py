"""The runner that needs no other process: ``check`` over the documents, here, in order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def run(documents: Iterable[T], check: Callable[[T], R]) -> Iterator[R]:
    """Results of ``check`` for ``documents``, in input order, one at a time."""
    for document in documents:
        yield check(document)
