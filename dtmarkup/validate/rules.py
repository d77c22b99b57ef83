"""The editorial rules layer (DT2xx): ISO Schematron. A stub until the rules land."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

    from dtmarkup.diagnostics import Diagnostic


def check_rules(tree: etree._ElementTree) -> list[Diagnostic]:
    """Editorial findings for a schema-valid ``tree``."""
    return []
