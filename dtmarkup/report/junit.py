"""JUnit XML report: what Jenkins, GitLab and most CI test tabs read.

One testsuite per run, one testcase per document, one <failure> per error-level finding,
so a CI test tab lists each article as passed or failed with every reason. A document
that could not be read gets <error> elements instead (the test could not run). Warnings
and notes go to the testcase's <system-out>: visible, but not failures. The output is
valid against the Jenkins JUnit XSD.

Counts: tests = files; failures + errors (testcases) = invalid documents; <failure> plus
<error> elements = error-level findings, as in the JSON report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from dtmarkup.diagnostics import Diagnostic, Report, Severity
from dtmarkup.escape import printable
from dtmarkup.report import Summary
from dtmarkup.report.text import format_diagnostic
from dtmarkup.version import __version__

SUITE = "dtmarkup validate"
CLASSNAME = "dtmarkup.validate"

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str, *, lines: bool = False) -> str:
    """``text`` with controls (``printable``) and the characters XML 1.0 cannot carry
    shown as ``\\xNN`` escapes.

    Messages quote document content, and a broken document can contain anything."""
    if not lines:  # ``lines``: our own lines of already escaped text, breaks kept
        text = printable(text)
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def render(reports: Sequence[Report], summary: Summary | None = None) -> str:
    summary = summary or Summary.of(reports)
    failed = sum(1 for r in reports if r.readable and not r.valid)
    errored = sum(1 for r in reports if not r.readable)
    tests, failures, errors = str(summary.files), str(failed), str(errored)
    root = etree.Element(
        "testsuites", name="dtmarkup", tests=tests, failures=failures, errors=errors
    )
    suite = etree.SubElement(
        root, "testsuite", name=SUITE, tests=tests, failures=failures, errors=errors, skipped="0"
    )
    properties = etree.SubElement(suite, "properties")
    etree.SubElement(properties, "property", name="dtmarkup.version", value=__version__)
    for key, value in summary.to_dict().items():
        etree.SubElement(properties, "property", name=f"dtmarkup.{key}", value=str(value))
    for report in reports:
        suite.append(_testcase(report))
    body = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _testcase(report: Report) -> etree._Element:
    case = etree.Element("testcase", name=xml_text(report.path), classname=CLASSNAME)
    element = "failure" if report.readable else "error"
    # The XSD orders a testcase's children: error*, failure*, system-out*.
    for d in report.diagnostics:
        if d.severity is Severity.ERROR:
            problem = etree.SubElement(case, element, type=d.code, message=xml_text(d.message))
            problem.text = xml_text(_detail(report.path, d), lines=True)
    others = [d for d in report.diagnostics if d.severity is not Severity.ERROR]
    if others:
        out = etree.SubElement(case, "system-out")
        out.text = xml_text(
            "\n".join(format_diagnostic(report.path, d, hint=True) for d in others) + "\n",
            lines=True,
        )
    return case


def _detail(path: str, d: Diagnostic) -> str:
    lines = [format_diagnostic(path, d)]
    if d.hint:
        lines.append(f"fix: {printable(d.hint)}")
    return "\n".join(lines) + "\n"
