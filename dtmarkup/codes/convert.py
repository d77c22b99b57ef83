"""DT3xx: the convert layer. What a reader refuses, and what a writer cannot carry.

DT301-DT309 belong to the JSON reader (dtmarkup/formats/json.py). Other readers and
writers take the next free block of ten.
"""

from __future__ import annotations

from dtmarkup.codes import CodeInfo
from dtmarkup.diagnostics import Severity

E = Severity.ERROR
L = "convert"

TABLE: tuple[CodeInfo, ...] = (
    CodeInfo(
        "DT301",
        E,
        "JSON input is not readable JSON",
        "The JSON form can only be read when it is UTF-8 JSON text: a syntax error, "
        "NaN/Infinity or another encoding stops the reader.",
        '{"format": "dtmarkup-1", "id": "a1",}',
        '{"format": "dtmarkup-1", "id": "a1"}',
        "Fix the JSON syntax at the line and column given (trailing commas, quotes), and "
        "save the file as UTF-8.",
        L,
    ),
    CodeInfo(
        "DT302",
        E,
        "Duplicate key in a JSON object",
        "JSON parsers disagree on which of two equal keys wins; dtmarkup refuses to guess.",
        '{"id": "a1", "id": "a2"}',
        '{"id": "a1"}',
        "Keep one of the two members.",
        L,
    ),
    CodeInfo(
        "DT303",
        E,
        "JSON does not match the dtmarkup JSON Schema",
        "The JSON form is checked against schema/dtmarkup-1.schema.json (draft 2020-12): "
        "a missing member, an unknown member or a wrong value would lose or invent content.",
        '{"type": "p", "text": "Hello"}',
        '{"type": "p", "content": ["Hello"]}',
        "Fix the member at the JSON pointer given; docs/model.md describes the JSON form.",
        L,
    ),
    CodeInfo(
        "DT304",
        E,
        "Character that XML cannot hold",
        "JSON strings may hold control characters (U+0000-U+001F except tab, newline, "
        "carriage return) and lone surrogates; XML 1.0 cannot, so the article could not be "
        "written as dtmarkup XML.",
        '{"headline": "Talks\\u0007 end"}',
        '{"headline": "Talks end"}',
        "Remove the character at the JSON pointer given.",
        L,
    ),
    CodeInfo(
        "DT305",
        E,
        "Reference in JSON does not resolve",
        "Every ref, speaker, by, source and photographer must name an entity of "
        "head.entities of the right kind (a speaker is a person or an organization, a "
        "dateline place a place); entity ids are unique.",
        '{"type": "q", "speaker": "reykjavik", "content": ["..."]}',
        '{"type": "q", "speaker": "blinken", "content": ["..."]}',
        "Point the reference at an entity of the right kind, or add that entity to head.entities.",
        L,
    ),
)
