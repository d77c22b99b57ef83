"""What the language server knows about a document, without any protocol machinery.

Everything here works on the editor's text (a ``str``), including text that is not
well-formed while it is being typed: the registry and the reference under the cursor are
found with a scan of the text, not a parse, so completion and navigation keep working
in a broken document. Checking goes through the same code as ``dtmarkup validate``, with
the project's settings (selection, per-file ignores, baseline) from the nearest config.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from dtmarkup.diagnostics import Report
from dtmarkup.fix.internal import (
    Baseline,
    BaselineError,
    ConfigError,
    discover,
    schema_path,
    validate_bytes,
)

NS = "urn:dtmarkup:1"
KINDS = ("person", "organization", "place")

NARROWED: dict[tuple[str, str], frozenset[str]] = {
    ("author", "ref"): frozenset({"person"}),  # DT211: a byline author is a person
    ("publication", "ref"): frozenset({"organization"}),  # DT211: a media organization
    ("q", "speaker"): frozenset({"person"}),  # DT208: organizations do not speak
    ("blockquote", "speaker"): frozenset({"person"}),  # DT208
}
"""Where the editorial rules accept fewer kinds than the schema's key references."""

_DECLARED = re.compile(r"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_ENTITY = re.compile(
    r"<(?:[\w.-]+:)?(person|organization|place)\b([^>]*?)\bid\s*=\s*([\"'])([^\"']*)\3([^>]*)>",
    re.S,
)
_NAME = re.compile(r"<(?:[\w.-]+:)?name\b[^>]*>([^<]*)<", re.S)
_TITLE = re.compile(r"<(?:[\w.-]+:)?title\b[^>]*>([^<]*)<", re.S)
_COUNTRY = re.compile(r"\bcountry\s*=\s*[\"']([^\"']*)[\"']")
_KIND = re.compile(r"\bkind\s*=\s*[\"']([^\"']*)[\"']")
_END = {
    kind: re.compile(rf"</(?:[\w.-]+:)?{kind}\s*>|<(?:[\w.-]+:)?(?:person|organization|place)\b")
    for kind in KINDS
}
_OPEN_TAG = re.compile(r"<([\w.:-]+)(?:\s[^<>]*)?\Z", re.S)
_OPEN_VALUE = re.compile(r"([\w.:-]+)\s*=\s*([\"'])([^\"'<>]*)\Z")


@dataclass(frozen=True, slots=True)
class Entity:
    """One registry entry, as found in the text."""

    id: str
    kind: str
    name: str
    title: str
    detail: str
    """Country of a place, kind of an organization."""
    start: int
    """Text offset of the entry's ``<``."""

    def describe(self) -> str:
        """Markdown for a hover."""
        lines = [f"**{self.name or self.id}** ({self.kind} `{self.id}`)"]
        if self.title:
            lines.append(self.title)
        if self.detail:
            lines.append(self.detail)
        return "\n\n".join(lines)


@dataclass(frozen=True, slots=True)
class Reference:
    """The attribute value under the cursor, when it names an entity."""

    element: str
    attribute: str
    value: str
    start: int
    end: int
    """Text offsets of the value, quotes excluded."""


def to_bytes(text: str) -> bytes:
    """The editor's text as the file would hold it: in its declared encoding."""
    declared = _DECLARED.match(text)
    codec = declared.group(1).lower() if declared else "utf-8"
    try:
        if codec in ("utf-16", "utf-32"):
            return text.encode(codec)  # with the byte order mark the declaration needs
        return text.encode(codec, errors="xmlcharrefreplace")
    except (LookupError, UnicodeError):
        return text.encode("utf-8", errors="surrogateescape")


def check(text: str, path: str | None) -> Report:
    """The findings ``dtmarkup validate`` reports for this text at ``path``."""
    name = path or "-"
    report = validate_bytes(to_bytes(text), name)
    if path is None:
        return report
    return Settings.for_path(path).apply(report)


@dataclass(frozen=True, slots=True)
class Settings:
    """The project's selection, per-file ignores and baseline, for one document."""

    path: str
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    ignored_here: tuple[str, ...]
    baseline: Path | None

    @classmethod
    def for_path(cls, path: str) -> Settings:
        try:
            config = discover(Path(path).parent)
        except ConfigError:
            return cls(path, (), (), (), None)
        return cls(
            path,
            config.select or (),
            config.ignore or (),
            config.ignored_in(path) if config.per_file_ignores else (),
            config.baseline,
        )

    def apply(self, report: Report) -> Report:
        def kept(code: str) -> bool:
            if code.startswith(self.ignore) and self.ignore:
                return False
            if self.ignored_here and code.startswith(self.ignored_here):
                return False
            return not self.select or code.startswith(self.select)

        report = report.filtered(d for d in report.diagnostics if kept(d.code))
        if self.baseline is not None:
            known = _baseline(str(self.baseline), _mtime(self.baseline))
            if known is not None:
                report = known.apply([report]).reports[0]
        return report


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


@functools.lru_cache(maxsize=8)
def _baseline(path: str, mtime: float) -> Baseline | None:
    """The baseline file, read again only when it changes."""
    try:
        return Baseline.load(Path(path))
    except BaselineError:
        return None


def registry(text: str) -> dict[str, Entity]:
    """Every person, organization and place with an id, first one wins."""
    found: dict[str, Entity] = {}
    for match in _ENTITY.finditer(text):
        kind, entity_id = match.group(1), match.group(4).strip()
        if entity_id in found:
            continue
        ending = _END[kind].search(text, match.end())
        body = text[match.end() : ending.start() if ending else len(text)]
        attributes = match.group(2) + match.group(5)
        name = _NAME.search(body)
        title = _TITLE.search(body)
        detail = _COUNTRY.search(attributes) or _KIND.search(attributes)
        found[entity_id] = Entity(
            entity_id,
            kind,
            " ".join(name.group(1).split()) if name else "",
            " ".join(title.group(1).split()) if title else "",
            detail.group(1) if detail else "",
            match.start(),
        )
    return found


def reference_at(text: str, offset: int) -> Reference | None:
    """The entity-naming attribute value around ``offset`` (the cursor), if any."""
    tag_start = text.rfind("<", 0, offset)
    if tag_start < 0:
        return None
    before = text[tag_start:offset]
    tag = _OPEN_TAG.match(before)
    value = _OPEN_VALUE.search(before)
    if tag is None or value is None:
        return None
    element = tag.group(1).rpartition(":")[2]
    attribute = value.group(1)
    if (element, attribute) not in reference_kinds():
        return None
    quote = value.group(2)
    start = offset - len(value.group(3))
    end = text.find(quote, offset)
    if end < 0 or "<" in text[offset:end] or "\n" in text[offset:end]:
        end = offset
    return Reference(element, attribute, text[start:end], start, end)


def kinds_for(reference: Reference) -> frozenset[str]:
    """The kinds of entity this reference may name."""
    key = (reference.element, reference.attribute)
    return NARROWED.get(key, reference_kinds().get(key, frozenset()))


@functools.cache
def reference_kinds() -> dict[tuple[str, str], frozenset[str]]:
    """(element, attribute) -> kinds of entity, from the schema's xs:key and xs:keyref."""
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}
    with open(schema_path(), "rb") as handle:
        document = etree.parse(handle, etree.XMLParser(no_network=True, resolve_entities=False))
    keys = {
        key.get("name", ""): frozenset(
            step.rpartition(":")[2]
            for step in str(key.xpath("string(xs:selector/@xpath)", namespaces=xs)).split("|")
        )
        for key in document.iterfind(".//xs:key", xs)
    }
    table: dict[tuple[str, str], frozenset[str]] = {}
    for keyref in document.iterfind(".//xs:keyref", xs):
        selector = str(keyref.xpath("string(xs:selector/@xpath)", namespaces=xs))
        attribute = str(keyref.xpath("string(xs:field/@xpath)", namespaces=xs)).lstrip("@")
        for step in selector.split("|"):
            element = step.rpartition("/")[2].rpartition(":")[2]
            table[(element, attribute)] = keys.get(keyref.get("refer", ""), frozenset())
    return table


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts (XML line breaks: CR LF, CR, LF)."""
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


def offset_of(text: str, starts: list[int], line: int, character: int) -> int:
    """Text offset of an LSP position (0-based line, UTF-16 code units)."""
    if line >= len(starts):
        return len(text)
    offset = starts[line]
    units = 0
    while offset < len(text) and units < character and text[offset] not in "\r\n":
        units += 2 if ord(text[offset]) > 0xFFFF else 1
        offset += 1
    return offset


def position_of(text: str, starts: list[int], offset: int) -> tuple[int, int]:
    """LSP position (0-based line, UTF-16 code units) of a text offset."""
    import bisect

    line = bisect.bisect_right(starts, offset) - 1
    segment = text[starts[line] : offset]
    return line, len(segment.encode("utf-16-le")) // 2


def utf16_column(text: str, starts: list[int], line: int, column: int) -> int:
    """A 1-based code-point column on a 1-based line, as a 0-based UTF-16 character."""
    if not 0 < line <= len(starts):
        return 0
    start = starts[line - 1]
    return len(text[start : start + max(column - 1, 0)].encode("utf-16-le")) // 2
