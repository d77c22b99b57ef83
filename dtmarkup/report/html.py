"""HTML report: one self-contained page an editor can open from a CI artifact.

A summary at the top, a table of every document, then each document with its findings
and the offending source lines in context, the element at fault highlighted. The page
loads nothing (inline CSS, no scripts, no links out) and passes the Nu Html Checker.

Everything shown is escaped, and characters HTML forbids (controls, noncharacters) are
shown as ``\\xNN``: source lines come from documents that may be hostile or broken.
Source lines are read again (a regular file, size-capped) and shown only when the bytes
are the very bytes that were checked (Report.digest); standard input, unreadable and
changed files are shown without context.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup, escape

from dtmarkup.codes import CODES
from dtmarkup.diagnostics import Diagnostic, Report
from dtmarkup.errors import DtmError
from dtmarkup.report import Summary
from dtmarkup.sources import sniff
from dtmarkup.sources.encoding import text_encoding
from dtmarkup.version import __version__

CONTEXT = 2
"""Source lines shown above and below the offending one."""
WIDTH = 240
"""Longest stretch of one source line shown; longer lines are cut around the column."""

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff\ufdd0-\ufdef"
    "\ufffe\uffff\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff"
    "\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff"
    "\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff"
    "\U000cfffe\U000cffff\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff"
    "\U0010fffe\U0010ffff]"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def show(text: str) -> Markup:
    """``text`` escaped for HTML, with forbidden characters shown as visible escapes."""
    parts: list[str] = []
    last = 0
    for match in _FORBIDDEN.finditer(text):
        parts.append(escape(text[last : match.start()]))
        code = ord(match.group())
        shown = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
        parts.append(Markup('<span class="ctl">{}</span>').format(shown))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    before: str
    marked: str
    after: str
    hit: bool


@dataclass(frozen=True, slots=True)
class Finding:
    diagnostic: Diagnostic
    title: str
    context: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Document:
    anchor: str
    report: Report
    findings: tuple[Finding, ...]
    note: str | None
    """Why no source is shown, when findings have lines but the source cannot be read."""


def render(reports: Sequence[Report], summary: Summary | None = None) -> str:
    summary = summary or Summary.of(reports)
    documents = [_document(i, report) for i, report in enumerate(reports, 1)]
    return _template().render(summary=summary, documents=documents, version=__version__)


def _document(index: int, report: Report) -> Document:
    lines: list[str] | None = None
    note: str | None = None
    if report.readable and any(d.line for d in report.diagnostics):
        lines = source_lines(report)
        if lines is None:
            note = (
                "Source lines are not shown for standard input."
                if report.path == "-"
                else "Source lines are not shown: the file could not be read again, or it "
                "is no longer the file that was checked."
            )
    findings = tuple(
        Finding(d, CODES[d.code].title if d.code in CODES else "", _context(lines, d))
        for d in report.diagnostics
    )
    return Document(f"doc-{index}", report, findings, note)


def source_lines(report: Report) -> list[str] | None:
    """The checked document's text split into lines as an XML parser counts them, or None.

    Only the bytes that were checked are ever quoted: the file is read again (a regular
    file only, without blocking, size-capped) and used only if its SHA-256 is the one
    recorded when it was checked. A file changed, swapped for a link or a pipe in between
    is not quoted.
    """
    if report.path == "-" or report.digest is None:
        return None
    import hashlib
    import stat

    from dtmarkup.sources.files import open_path
    from dtmarkup.xml.gate import read_source

    try:
        with open_path(report.path) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = read_source(handle)
    except (DtmError, OSError, ValueError):
        return None
    if hashlib.sha256(data).hexdigest() != report.digest:
        return None
    lines = _LINE_BREAK.split(decode(data))
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # the text after the last line break is not a line
    return lines


def decode(data: bytes) -> str:
    """Bytes to text the way the document declares (byte-order mark, XML declaration),
    falling back to UTF-8; undecodable bytes become U+FFFD rather than failing."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = sniff.declared_encoding(data)
    encoding = "utf-8"
    if declared:
        # only a real text encoding (rot13, base64, zlib... are codecs too, not text)
        encoding = text_encoding(declared) or "utf-8"
        if encoding.startswith("utf-16"):
            encoding = "utf-8"  # without a BOM these are not what the bytes are
    return data.decode(encoding, errors="replace")


def _context(lines: list[str] | None, d: Diagnostic) -> tuple[Line, ...]:
    if lines is None or not d.line or not 0 < d.line <= len(lines):
        return ()
    first = max(1, d.line - CONTEXT)
    last = min(len(lines), d.line + CONTEXT)
    shown: list[Line] = []
    for number in range(first, last + 1):
        text = lines[number - 1]
        if number == d.line:
            shown.append(_hit_line(number, text, d.column))
        else:
            shown.append(Line(number, _clip(text, 0), "", "", hit=False))
    return tuple(shown)


def _hit_line(number: int, text: str, column: int | None) -> Line:
    """The offending line, its element (from the column to the tag's end) marked."""
    if not column or column > len(text):
        indent = len(text) - len(text.lstrip())
        return Line(number, text[:indent], _clip(text, indent), "", hit=True)
    start = column - 1
    end = text.find(">", start)
    end = len(text) if end < 0 else end + 1
    end = min(end, start + WIDTH // 2)
    left = max(0, start - WIDTH // 3)
    before = ("…" if left else "") + text[left:start]
    right = min(len(text), end + WIDTH // 3)
    after = text[end:right] + ("…" if right < len(text) else "")
    return Line(number, before, text[start:end], after, hit=True)


def _clip(text: str, start: int) -> str:
    return text[start : start + WIDTH] + ("…" if len(text) > start + WIDTH else "")


@cache
def _template() -> Template:
    environment = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    environment.filters["show"] = show
    return environment.from_string(TEMPLATE)


STYLE = """
:root { --error: #b3261e; --warning: #8a5a00; --info: #1f5fa8;
  --ok: #1e6b34; --muted: #5f6368; --line: #e3e3e3; --hit: #fff4d6; --mark: #ffd75e; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: #1b1b1b; background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 0; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: .9rem; }
.verdict { font-weight: 600; font-size: 1.1rem; }
.verdict.pass { color: var(--ok); } .verdict.fail { color: var(--error); }
.summary { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0; }
.summary div { border: 1px solid var(--line); border-radius: .4rem; padding: .5rem 1rem;
  min-width: 7rem; }
.summary dt { color: var(--muted); font-size: .85rem; }
.summary dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 2rem; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line); }
td.n, th.n { text-align: right; }
.badge { display: inline-block; border-radius: .3rem; padding: 0 .45rem; font-size: .8rem;
  font-weight: 600; color: #fff; vertical-align: middle; }
.badge.valid { background: var(--ok); } .badge.invalid { background: var(--error); }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
section.document { border-top: 2px solid var(--line); padding: 1rem 0; }
.none { color: var(--muted); }
ol.findings { padding-left: 1.5rem; }
li.finding { margin: 1rem 0; }
li.finding p { margin: .2rem 0; }
.where { color: var(--muted); }
.hint { font-style: italic; }
pre.context { background: #f7f7f7; border: 1px solid var(--line); border-radius: .3rem;
  padding: .5rem 0; overflow-x: auto; margin: .4rem 0; }
pre.context span.src { display: block; padding: 0 .75rem; white-space: pre; }
pre.context span.src.hit { background: var(--hit); }
pre.context span.ln { display: inline-block; min-width: 3.5rem; color: var(--muted);
  user-select: none; }
mark { background: var(--mark); color: inherit; }
.ctl { color: var(--error); border: 1px solid var(--error); border-radius: .2rem;
  font-size: .8em; padding: 0 .1rem; }
footer { color: var(--muted); font-size: .85rem; margin-top: 2rem; }
"""

TEMPLATE = (
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dtmarkup report: {{ summary.invalid }} of {{ summary.files }} \
document{{ "" if summary.files == 1 else "s" }} invalid</title>
<style>"""
    + STYLE
    + """</style>
</head>
<body>
<header>
<h1>dtmarkup validation report</h1>
{% if summary.invalid %}
<p class="verdict fail">{{ summary.invalid }} of {{ summary.files }} \
document{{ "" if summary.files == 1 else "s" }} invalid</p>
{% else %}
<p class="verdict pass">All {{ summary.files }} \
document{{ "" if summary.files == 1 else "s" }} valid</p>
{% endif %}
<dl class="summary">
<div><dt>Documents</dt><dd id="count-files">{{ summary.files }}</dd></div>
<div><dt>Valid</dt><dd id="count-valid">{{ summary.valid }}</dd></div>
<div><dt>Invalid</dt><dd id="count-invalid">{{ summary.invalid }}</dd></div>
<div><dt>Errors</dt><dd id="count-errors">{{ summary.errors }}</dd></div>
<div><dt>Warnings</dt><dd id="count-warnings">{{ summary.warnings }}</dd></div>
{% if summary.baselined is not none %}
<div><dt>Baselined</dt><dd id="count-baselined">{{ summary.baselined }}</dd></div>
{% endif %}
</dl>
</header>
<main>
<h2 id="documents">Documents</h2>
{% if documents %}
<table aria-labelledby="documents">
<thead><tr><th>Document</th><th>Verdict</th><th class="n">Errors</th>\
<th class="n">Warnings</th><th class="n">Other</th></tr></thead>
<tbody>
{% for doc in documents %}
<tr><td><a href="#{{ doc.anchor }}"><code>{{ doc.report.path | show }}</code></a></td>
<td>{% if doc.report.valid %}<span class="badge valid">valid</span>\
{% else %}<span class="badge invalid">invalid</span>{% endif %}</td>
<td class="n">{{ doc.report.errors }}</td><td class="n">{{ doc.report.warnings }}</td>
<td class="n">{{ doc.findings | length - doc.report.errors - doc.report.warnings }}</td></tr>
{% endfor %}
</tbody>
</table>
{% else %}
<p class="none">No documents were checked.</p>
{% endif %}
{% for doc in documents %}
<section class="document" id="{{ doc.anchor }}" aria-labelledby="{{ doc.anchor }}-h">
<h2 id="{{ doc.anchor }}-h"><code>{{ doc.report.path | show }}</code> \
{% if doc.report.valid %}<span class="badge valid">valid</span>\
{% else %}<span class="badge invalid">invalid</span>{% endif %}</h2>
{% if not doc.findings %}
<p class="none">No findings.</p>
{% else %}
{% if doc.note %}<p class="none">{{ doc.note }}</p>{% endif %}
<ol class="findings">
{% for f in doc.findings %}
{% set d = f.diagnostic %}
<li class="finding {{ d.severity }}" id="{{ doc.anchor }}-{{ loop.index }}">
<p><span class="badge {{ d.severity }}">{{ d.severity }}</span> \
<strong><code>{{ d.code }}</code></strong> {{ f.title }}</p>
<p class="message">{{ d.message | show }}</p>
<p class="where">{% if d.line %}line {{ d.line }}{% if d.column %}, column {{ d.column }}\
{% endif %}{% else %}no line number{% endif %}\
{% if d.xpath %} · <code>{{ d.xpath | show }}</code>{% endif %}</p>
{% if d.hint %}<p class="hint">Fix: {{ d.hint | show }}</p>{% endif %}
{% if f.context %}
<pre class="context"><code>\
{% for line in f.context %}\
<span class="src{{ ' hit' if line.hit else '' }}"><span class="ln">{{ line.number }}</span>\
{{ line.before | show }}{% if line.marked %}<mark>{{ line.marked | show }}</mark>{% endif %}\
{{ line.after | show }}</span>\
{% endfor %}\
</code></pre>
{% endif %}
</li>
{% endfor %}
</ol>
{% endif %}
</section>
{% endfor %}
</main>
<footer><p>Generated by dtmarkup {{ version }}.</p></footer>
</body>
</html>
"""
)
