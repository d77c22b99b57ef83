"""dtmarkup: a typed XML vocabulary for news articles, and its toolkit.

The public API: ``validate`` (document -> Report) and the Report/Diagnostic values.
"""

from __future__ import annotations

from dtmarkup.diagnostics import Diagnostic, Report, Severity

__version__ = "1.0.0"

__all__ = ["Diagnostic", "Report", "Severity", "__version__"]
