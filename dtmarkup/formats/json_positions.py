"""Where each value of a JSON text starts: JSON pointer -> (line, column), so that
findings about JSON input carry a place like findings about XML do."""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable, Collection

# The stdlib's own string scanner (C-accelerated): (text, index after the quote) -> (str, end)
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]

_SPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def positions(text: str, wanted: Collection[str] | None = None) -> dict[str, tuple[int, int]]:
    """The start of every value of ``text`` (valid JSON), by JSON pointer; 1-based.

    With ``wanted``, only those pointers are kept: one pass over the text, but memory for
    the findings' places only, not for every value of a large document.
    """
    found: dict[str, int] = {}

    def skip(index: int) -> int:
        match = _SPACE.match(text, index)
        return match.end() if match else index

    def value(index: int, pointer: str) -> int:
        index = skip(index)
        if wanted is None or (pointer or "/") in wanted:
            found[pointer or "/"] = index
        char = text[index : index + 1]
        if char == "{":
            index = skip(index + 1)
            if text[index] == "}":
                return index + 1
            while True:
                key, index = scanstring(text, skip(index) + 1)
                index = skip(index) + 1  # the colon
                index = skip(value(index, f"{pointer}/{_escape(key)}"))
                if text[index] == "}":
                    return index + 1
                index += 1  # the comma
        if char == "[":
            index = skip(index + 1)
            if text[index] == "]":
                return index + 1
            position = 0
            while True:
                index = skip(value(index, f"{pointer}/{position}"))
                position += 1
                if text[index] == "]":
                    return index + 1
                index += 1
        if char == '"':
            return scanstring(text, index + 1)[1]
        match = _SCALAR.match(text, index)
        return match.end() if match else index + 1

    value(0, "")
    # One sweep over the text in offset order: lines counted as they go, no line table.
    result = {}
    line, line_start, scanned = 1, 0, 0
    for pointer, offset in sorted(found.items(), key=lambda item: item[1]):
        line += text.count("\n", scanned, offset)
        last = text.rfind("\n", scanned, offset)
        if last >= 0:
            line_start = last + 1
        scanned = offset
        result[pointer] = (line, offset - line_start + 1)
    return result
