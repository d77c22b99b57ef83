"""Project configuration: ``[tool.dtmarkup]`` in pyproject.toml, or a ``dtmarkup.toml``.

A content repository states once which codes it checks, which files are exempt from
what, and how strict CI is, instead of repeating flags in every workflow. The file is
found by walking up from the working directory; command-line flags override it.
A config that cannot be trusted (bad TOML, unknown key, wrong type) is a usage error:
silently ignoring a typo such as ``ignroe`` would hide findings nobody chose to hide.
"""

from __future__ import annotations

import functools
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dtmarkup.errors import ConfigError

if TYPE_CHECKING:  # jsonschema is imported only when a config file is read (start-up time)
    from jsonschema import Draft202012Validator, ValidationError
from dtmarkup.workspace.reading import CONFIG_MAX_BYTES, NotReadable, read_capped
from dtmarkup.workspace.selection import Selection

CONFIG_FILE = "dtmarkup.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("select", "ignore", "error", "per-file-ignores", "strict", "jobs", "format", "baseline")


@dataclass(frozen=True, slots=True)
class Config:
    """Settings from a config file; None means "not set here", so the default applies."""

    path: Path | None = None
    """The file the settings came from; None when no file was found."""
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    error: tuple[str, ...] | None = None
    """Codes or prefixes whose findings count as errors (e.g. DT215 for a desk that
    requires datelines), whatever their default severity."""
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(glob, codes) pairs: the codes ignored in files whose path matches the glob."""
    strict: bool | None = None
    jobs: int | None = None
    format: str | None = None
    baseline: Path | None = None

    @property
    def root(self) -> Path:
        """The directory that per-file globs and relative paths are relative to."""
        return self.path.parent if self.path else Path.cwd()

    def ignored_in(self, document: str) -> tuple[str, ...]:
        """The codes per-file-ignores drops for ``document`` (a path as the user gave it)."""
        return Selection(per_file=self.per_file_ignores, root=self.root).ignored_in(document)


def find_config(start: Path) -> Path | None:
    """The nearest dtmarkup.toml, or pyproject.toml with a [tool.dtmarkup] table, at or
    above ``start``. In one directory dtmarkup.toml wins; a pyproject.toml without the
    table is passed over."""
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate
        candidate = directory / PYPROJECT
        if candidate.is_file():
            tool = _read_toml(candidate).get("tool")
            if isinstance(tool, dict) and "dtmarkup" in tool:
                return candidate
    return None


def discover(start: Path | None = None) -> Config:
    """The configuration in effect for a run started in ``start`` (default: cwd)."""
    found = find_config((start or Path.cwd()).absolute())
    return load_config(found) if found else Config()


def load_config(path: Path) -> Config:
    """Read and check one config file; ConfigError names the file and the key at fault."""
    document = _read_toml(path)
    if path.name == PYPROJECT:
        tool = document.get("tool", {})
        if not isinstance(tool, dict) or "dtmarkup" not in tool:
            raise ConfigError(f"{path}: no [tool.dtmarkup] table")
        table = tool["dtmarkup"]
        where = "[tool.dtmarkup]"
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: {where} must be a table")
    else:
        table, where = document, "top level"
    return _parse(table, path, where)


def _read_toml(path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(read_capped(path, CONFIG_MAX_BYTES).decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid UTF-8: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deep to be a dtmarkup configuration") from None
    except NotReadable as exc:
        raise ConfigError(f"{path}: cannot use it: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _parse(table: Mapping[str, object], path: Path, where: str) -> Config:
    from jsonschema.exceptions import best_match

    problem = best_match(_validator().iter_errors(dict(table)))
    if problem is not None:
        raise _config_error(problem, table, path, where)
    select = _codes(table, "select", path) if "select" in table else None
    ignore = _codes(table, "ignore", path) if "ignore" in table else None
    error = _codes(table, "error", path) if "error" in table else None
    per_file: list[tuple[str, tuple[str, ...]]] = []
    globs = table.get("per-file-ignores", {})
    assert isinstance(globs, dict)  # the schema says so
    for pattern, codes in globs.items():
        per_file.append((pattern, _code_list(codes, f"per-file-ignores.{pattern!r}", path)))
    strict = table.get("strict")
    jobs = table.get("jobs")
    output_format = table.get("format")
    baseline = table.get("baseline")
    assert strict is None or isinstance(strict, bool)
    assert jobs is None or isinstance(jobs, int)
    assert output_format is None or isinstance(output_format, str)
    assert baseline is None or isinstance(baseline, str)
    return Config(
        path=path,
        select=select,
        ignore=ignore,
        error=error,
        per_file_ignores=tuple(per_file),
        strict=strict,
        jobs=jobs,
        format=output_format,
        baseline=_inside(path, baseline) if baseline else None,
    )


def _inside(path: Path, name: str) -> Path:
    """The baseline a config names, which must lie in the config's own directory tree.

    A repository's config is input a CI job did not write: a ``baseline`` of
    ``/etc/…`` or ``../../elsewhere`` would make a check read (and a ``--write-baseline``
    run beside it be steered to) a file outside the repository. A user who wants such a
    file says so on the command line, where ``--baseline`` is their own choice.
    """
    root = path.parent.resolve()
    target = (root / name).resolve()
    if Path(name).is_absolute() or not target.is_relative_to(root):
        raise ConfigError(
            f"{path}: key 'baseline': {_show(name)} is outside the directory of this "
            "file; name a file inside the repository (or pass --baseline FILE)"
        )
    return path.parent / name


SCHEMA_FILE = "dtmarkup-config.schema.json"
"""The JSON Schema of a config table, shipped in dtmarkup/schema/ (editors can use it)."""


@functools.cache
def _schema() -> dict[str, Any]:
    text = resources.files("dtmarkup.schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(_schema())
    return Draft202012Validator(_schema())


def _config_error(
    problem: ValidationError, table: Mapping[str, object], path: Path, where: str
) -> ConfigError:
    """The most relevant schema violation in the words of the config's user."""
    if problem.validator == "additionalProperties" and not problem.absolute_path:
        unknown = sorted(set(table) - set(KEYS))
        return ConfigError(
            f"{path}: unknown key {unknown[0]!r} in {where} (known keys: {', '.join(KEYS)})"
        )
    key = str(problem.absolute_path[0]) if problem.absolute_path else ""
    properties = _schema()["properties"]
    expected = properties.get(key, {}).get("x-expected")
    if expected is None:  # a list of codes, through $ref
        expected = _schema()["$defs"]["codes"]["x-expected"]
    if len(problem.absolute_path) > 1 and key != "per-file-ignores":  # an item of a list
        return ConfigError(f"{path}: key {key!r}: {_show(problem.instance)} is not a code")
    if len(problem.absolute_path) > 1:  # a value in per-file-ignores
        inner = problem.absolute_path[1]
        return ConfigError(
            f"{path}: key {f'{key}.{inner!r}'!r} must be "
            f"{_schema()['$defs']['codes']['x-expected']}, "
            f"not {_show(problem.instance)} ({where})"
        )
    return ConfigError(f"{path}: key {key!r} must be {expected}, not {_show(table[key])} ({where})")


def _codes(table: Mapping[str, object], key: str, path: Path) -> tuple[str, ...]:
    return _code_list(table[key], key, path)


def _code_list(value: object, key: str, path: Path) -> tuple[str, ...]:
    """A list of codes or prefixes (a comma-separated string is accepted too)."""
    if isinstance(value, str):
        items: list[object] = [part for part in value.split(",") if part.strip()]
    elif isinstance(value, list):
        items = list(value)
    else:
        raise ConfigError(
            f'{path}: key {key!r} must be a list of codes such as ["DT1", "DT204"], '
            f"not {_show(value)}"
        )
    codes: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ConfigError(f"{path}: key {key!r}: {_show(item)} is not a code")
        code = item.strip().upper()
        problem = check_code(code)
        if problem:
            raise ConfigError(f"{path}: key {key!r}: {problem}")
        codes.append(code)
    return tuple(codes)


def check_code(code: str) -> str | None:
    """Why ``code`` is not a code or a prefix of one (e.g. ``DT1``), or None if it is."""
    from dtmarkup.codes import CODES

    digits = code[2:]
    if not code.startswith("DT") or (digits and not digits.isdigit()):
        return f"{code!r} is not a code or prefix such as DT108 or DT1"
    if not any(known.startswith(code) for known in CODES):
        return f"{code!r} matches no code (see `dtmarkup rules`)"
    return None


def _show(value: object) -> str:
    """A value as the user wrote it in TOML, roughly, with its type."""
    kind = {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{kind} {text}"
