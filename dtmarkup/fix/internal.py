"""Every internal name dtmarkup.fix and dtmarkup.lsp take from the rest of the package.

Kept in one module so that moving a module elsewhere in dtmarkup means repointing one
import here, not hunting through the fix and editor code.
"""

from __future__ import annotations

from dtmarkup.check.xsd import schema, schema_path
from dtmarkup.errors import BaselineError, ConfigError
from dtmarkup.run.document import validate_bytes
from dtmarkup.sources.files import expand
from dtmarkup.workspace.baseline import Baseline
from dtmarkup.workspace.config import Config, check_code, discover, load_config
from dtmarkup.workspace.selection import Selection, parse_codes
from dtmarkup.xml.gate import DEFAULT_LIMITS, InputRejected, Limits, parse_bytes, read_source
from dtmarkup.xml.names import local_name

__all__ = [
    "DEFAULT_LIMITS",
    "Baseline",
    "BaselineError",
    "Config",
    "ConfigError",
    "InputRejected",
    "Limits",
    "Selection",
    "check_code",
    "discover",
    "expand",
    "load_config",
    "local_name",
    "parse_bytes",
    "parse_codes",
    "read_source",
    "schema",
    "schema_path",
    "validate_bytes",
]
