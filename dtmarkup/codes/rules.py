"""Codes of the rules layer (filled in by the issue that builds that layer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dtmarkup.codes import CodeInfo

TABLE: tuple[CodeInfo, ...] = ()
