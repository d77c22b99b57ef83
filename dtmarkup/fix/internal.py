"""Every internal name dtmarkup.fix and dtmarkup.lsp take from the rest of the package.

Kept in one module so that moving a module elsewhere in dtmarkup means repointing one
import here, not hunting through the fix and editor code.
"""

from __future__ import annotations

from dtmarkup.baseline import Baseline, BaselineError
from dtmarkup.batch import expand
from dtmarkup.config import Config, ConfigError, check_code, discover, load_config
from dtmarkup.output import OutputError, OutputRefused, OutputWriteError, write_output
from dtmarkup.selection import Selection, parse_codes
from dtmarkup.validate import validate_bytes
from dtmarkup.validate.locate import local_name
from dtmarkup.validate.xsd import schema, schema_path
from dtmarkup.xml.parse import DEFAULT_LIMITS, InputRejected, Limits, parse_bytes, read_source

__all__ = [
    "DEFAULT_LIMITS",
    "Baseline",
    "BaselineError",
    "Config",
    "ConfigError",
    "InputRejected",
    "Limits",
    "OutputError",
    "OutputRefused",
    "OutputWriteError",
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
    "write_output",
]
