"""GitHub Actions workflow commands: each finding becomes an annotation on the pull
request's diff, at its file, line and column.

``::error file=F,line=L,col=C,title=DT108 Title::message``. Values are escaped as the
Actions runner expects (percent-encoding of ``%``, CR and LF everywhere, and of ``:`` and
``,`` inside properties), so a message quoting a document cannot break out of its
annotation or forge another command. Before that, every untrusted string (file name,
message, element path) goes through ``dtmarkup.escape.printable``: no control character,
bidi override or line separator reaches the log raw. A summary line in plain text ends
the output.
"""

from __future__ import annotations

from collections.abc import Sequence

from dtmarkup.codes import CODES
from dtmarkup.diagnostics import Diagnostic, Report, Severity
from dtmarkup.escape import printable
from dtmarkup.report import Summary
from dtmarkup.report.paths import repo_path
from dtmarkup.report.text import summary_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property of a workflow command (``::`` cannot end it early)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, d: Diagnostic) -> str:
    properties = [] if path == "-" else [f"file={escape_property(printable(repo_path(path)))}"]
    if d.line and properties:
        properties.append(f"line={d.line}")
        if d.column:
            properties.append(f"col={d.column}")
    info = CODES.get(d.code)
    title = f"{d.code} {info.title}" if info else d.code
    properties.append(f"title={escape_property(title)}")
    message = printable(d.message)
    if d.xpath:
        message += f" [{printable(d.xpath)}]"
    if d.hint:
        message += f"\nFix: {printable(d.hint)}"  # the one line break: ours, escaped as %0A
    return f"::{COMMANDS[d.severity]} {','.join(properties)}::{escape_data(message)}"


def render(reports: Sequence[Report], summary: Summary | None = None) -> str:
    lines = [annotation(r.path, d) for r in reports for d in r.diagnostics]
    lines.append(summary_line(summary or Summary.of(reports)))
    return "\n".join(lines) + "\n"
