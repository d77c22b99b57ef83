"""dtmarkup: a typed XML vocabulary for news articles, and its toolkit.

The public API: ``validate`` (document -> Report) and the Report/Diagnostic values.
"""

from __future__ import annotations

from dtmarkup.diagnostics import Diagnostic, Report, Severity
from dtmarkup.validate import validate
from dtmarkup.formats.dtm import dump, load
from dtmarkup.model import Article

__version__ = "1.0.0"

__all__ = ["Article", "Diagnostic", "Report", "Severity", "__version__", "dump", "load"]
