"""dtmarkup: a typed XML vocabulary for news articles, and its toolkit.

The public API: ``validate`` (document -> Report) and the Report/Diagnostic values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dtmarkup.diagnostics import Diagnostic, Report, Severity
from dtmarkup.run.document import validate
from dtmarkup.version import __version__

if TYPE_CHECKING:
    from dtmarkup.formats.dtm import dump, load
    from dtmarkup.model import Article
    from dtmarkup.run import validate_many
    from dtmarkup.sources.limits import Limits


def __getattr__(name: str) -> Any:
    """The model and its reader/writer, imported on first use: ``dtmarkup validate``
    never needs them, and importing them costs a third of its start-up time."""
    if name == "Article":
        from dtmarkup.model import Article

        return Article
    if name == "Limits":
        from dtmarkup.sources.limits import Limits

        return Limits
    if name == "validate_many":
        from dtmarkup.run import validate_many

        return validate_many
    if name in ("dump", "load"):
        from dtmarkup.formats import dtm

        return getattr(dtm, name)
    raise AttributeError(f"module 'dtmarkup' has no attribute {name!r}")


__all__ = [
    "Article",
    "Diagnostic",
    "Limits",
    "Report",
    "Severity",
    "__version__",
    "dump",
    "load",
    "validate",
    "validate_many",
]
