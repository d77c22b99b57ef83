"""The code catalogue: every code dtmarkup can emit, as text, JSON or Markdown.

One table (dtmarkup.codes.CODES) feeds ``dtmarkup rules`` and docs/rules.md, so the
documentation cannot say something the tool does not do. docs/rules.md is generated:
``make docs`` (tools/rules_doc.py) rewrites it, ``--check`` fails when it is out of date.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable

from dtmarkup.codes import CODES, CodeInfo

LAYERS = {
    "input": "Input (DT0xx): what is refused before any schema runs",
    "xsd": "Schema (DT1xx): structure, datatypes and references (XSD 1.0)",
    "rules": "Editorial rules (DT2xx): ISO Schematron, schema/dtmarkup-1-rules.sch",
    "convert": "Conversion (DT3xx): what a target format cannot carry",
    "render": "Rendering (DT4xx)",
    "comment": "Suppression comments (DT5xx): <!-- dtmarkup: ignore CODE - reason -->",
}


def as_json(codes: Iterable[CodeInfo] = CODES.values()) -> str:
    """A JSON list of objects: code, severity, title, layer, rationale, bad, good, fix."""
    return json.dumps([info.to_dict() for info in codes], ensure_ascii=False, indent=2) + "\n"


def as_text(codes: Iterable[CodeInfo] = CODES.values()) -> str:
    """A table for the terminal: code, severity, layer and title, one code per line."""
    rows = [(info.code, str(info.severity), info.layer, info.title) for info in codes]
    header = ("CODE", "SEVERITY", "LAYER", "TITLE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    lines = [
        f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}"
        for row in [header, *rows]
    ]
    lines.append("")
    lines.append("dtmarkup rules --format json prints rationale, examples and fix for each code.")
    return "\n".join(lines) + "\n"


def as_markdown(codes: Iterable[CodeInfo] = CODES.values()) -> str:
    """docs/rules.md: the whole table, grouped by layer, with an introduction."""
    codes = list(codes)
    out = [_INTRODUCTION]
    out.append("| code | severity | layer | title |\n|---|---|---|---|")
    out.extend(
        f"| [{i.code}](#{i.code.lower()}) | {i.severity} | {i.layer} | {_cell(i.title)} |"
        for i in codes
    )
    layers = list(LAYERS) + sorted({info.layer for info in codes} - set(LAYERS))
    for layer in layers:
        members = [info for info in codes if info.layer == layer]
        if not members:
            continue
        out.append(f"\n## {LAYERS.get(layer, layer)}")
        for info in members:
            out.append(_section(info))
    return "\n".join(out).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _section(info: CodeInfo) -> str:
    return "\n".join(
        [
            f"\n### {info.code}",
            f"\n**{info.title}** ({info.severity})\n",
            textwrap.fill(info.rationale, width=88),
            "\nBad:\n",
            _code_block(info.bad),
            "\nGood:\n",
            _code_block(info.good),
            "\nFix: " + info.fix,
        ]
    )


def _code_block(text: str) -> str:
    fence = "~~~" if "```" in text else "```"
    return f"{fence}xml\n{text}\n{fence}"


_INTRODUCTION = """\
<!-- GENERATED from the code table (dtmarkup/codes/) by `make docs` (tools/rules_doc.py).
     Do not edit: change the table and regenerate; a test fails when this file drifts. -->
# Codes: every finding dtmarkup can report

Each finding has a stable code. Codes are never reused or renumbered. Only errors make a
document invalid; warnings fail a run only with `--strict`. `dtmarkup rules` prints this
table, `dtmarkup rules --format json` prints it with rationale, examples and fix.

## How validation runs

1. **Input** (DT0xx): the bytes are read, size-capped and parsed with a secure parser.
   A document that fails here is not checked further.
2. **Schema** (DT1xx): XSD 1.0 validation (`dtmarkup schema --path`).
3. **Editorial rules** (DT2xx): ISO Schematron (`schema/dtmarkup-1-rules.sch`), **only
   when the schema layer passed**. The rules assume the vocabulary's structure (a
   dateline has a date, a speaker points into the registry); on a structurally broken
   document they would report noise or miss the real problem, and the XSD error is what
   must be fixed first. Fix the DT1xx findings, and the DT2xx ones appear on the next run.
   `--no-rules` skips this layer.

`--select` and `--ignore` take codes or prefixes (`--ignore DT2` drops every editorial
rule, `--select DT204,DT206` keeps only those two); `--strict` makes warnings fail.

## The rules file outside dtmarkup

`schema/dtmarkup-1-rules.sch` is ISO Schematron with `queryBinding="xslt"` (XPath 1.0)
and runs unchanged in Oxygen, Saxon with SchXslt or any ISO skeleton implementation: every
assert and report has `@id` = the code and `@role` = its severity. dtmarkup itself runs
`schema/dtmarkup-1-rules.xsl`, the same rules compiled once to XSLT 1.0 at build time
(`make rules`), with all XSLT file and network access denied.
Each SVRL `@location` is mapped back to the element: its line, the column of its start
tag, and a readable path such as `/article/body/blockquote[2]`. libxml2 records lines but
not columns, so the column is found in the source text (the n-th `<name` on that line);
a library caller who passes only a tree, without its bytes, gets the line and no column.

The rule that a speaker is introduced (DT204) reports only the first unintroduced
quotation of each speaker: a later quotation of the same speaker counts the earlier one
as the introduction.

## All codes
"""
