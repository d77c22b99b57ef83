"""Every row of the security catalogue ends in one typed DT0xx finding and exit 1.

Through the gate (parse_bytes), the library (dtmarkup.validate, from bytes and from a
path) and every CLI command that reads a document, with no file read, no socket opened,
no traceback, no input changed, and bounded CPU time and memory (measured, see hostile.py).
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from lxml import etree

import dtmarkup
from dtmarkup.codes import CODES
from dtmarkup.formats import dtm
from dtmarkup.xml import gate as parse
from dtmarkup.xml.gate import InputRejected, parse_bytes

from .hostile import (
    CANARY,
    CASES,
    CPU_SECONDS,
    MAX_RSS_BYTES,
    Bait,
    Case,
    dtmarkup_command,
    run_limited,
)


def _available_commands() -> list[str]:
    """validate, plus convert and render once they exist (read from dtmarkup --help)."""
    result = subprocess.run(
        [*dtmarkup_command(), "--help"], capture_output=True, text=True, check=False
    )
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")}
    return [name for name in ("validate", "convert", "render") if name in listed]


COMMANDS = _available_commands()

VARIANTS: dict[str, list[str]] = {
    "validate": ["validate", "--format", "json"],
    "convert": ["convert", "--from", "dtm", "--to", "json", "-o", "out.json"],
    "convert-detected": ["convert", "--to", "json", "-o", "out.json"],
    "render": ["render", "--format", "html", "-o", "out.html"],
}
"""How each command is run. ``convert-detected`` and ``render`` guess the input format: a
payload that does not look like dtmarkup XML (dtm.sniff) may go to another reader (plain
text), so there only the safety promises are checked, not the DT0xx code."""
DETECTED = frozenset({"convert-detected", "render"})
CLI_VARIANTS = [name for name, args in VARIANTS.items() if args[0] in COMMANDS]


def _all_text(diagnostics: tuple[dtmarkup.Diagnostic, ...]) -> str:
    return "\n".join(repr(d) for d in diagnostics)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_gate_refuses(case: Case, bait: Bait, no_python_sockets: list[object]) -> None:
    data = case.build(bait)
    started = time.process_time()
    with pytest.raises(InputRejected) as caught:
        parse_bytes(data)
    assert time.process_time() - started < CPU_SECONDS
    codes = {d.code for d in caught.value.diagnostics}
    assert codes == {case.code}
    for finding in caught.value.diagnostics:
        assert finding.source == "input"
        assert finding.message
        assert finding.hint == CODES[case.code].fix
    assert CANARY not in _all_text(caught.value.diagnostics)
    assert CANARY not in str(caught.value)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_library_reports(
    case: Case, bait: Bait, tmp_path: Path, no_python_sockets: list[object]
) -> None:
    data = case.build(bait)
    source = tmp_path / "input.xml"
    source.write_bytes(data)
    started = time.process_time()
    from_bytes = dtmarkup.validate(data)
    from_path = dtmarkup.validate(source)
    with source.open("rb") as handle:
        from_stream = dtmarkup.validate(handle)
    assert time.process_time() - started < 3 * CPU_SECONDS
    for report in (from_bytes, from_path, from_stream):
        assert not report.valid
        assert report.codes() == {case.code}
        assert CANARY not in _all_text(report.diagnostics)
    assert source.read_bytes() == data
    source.unlink()  # some payloads are 50 MB: do not keep them in pytest's tmp dirs


@pytest.mark.parametrize("variant", CLI_VARIANTS)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_cli_refuses(case: Case, variant: str, bait_with_fifo: Bait, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    source = work / "input.xml"
    data = case.build(bait_with_fifo)
    source.write_bytes(data)
    before = sorted(p.name for p in work.iterdir())
    command, *options = VARIANTS[variant]

    run = run_limited([*dtmarkup_command(), command, "input.xml", *options], work)

    assert not run.timed_out, "the process hung (did it open the FIFO?)"
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    if variant not in DETECTED or dtm.sniff(data):
        assert case.code in run.stdout + run.stderr
    assert CANARY not in run.stdout + run.stderr
    assert run.cpu_seconds < CPU_SECONDS, f"{run.cpu_seconds:.2f} s of CPU"
    assert run.max_rss_bytes < MAX_RSS_BYTES, f"{run.max_rss_bytes / 2**20:.0f} MB resident"
    assert source.read_bytes() == data, "the input was modified"
    assert sorted(p.name for p in work.iterdir()) == before, "a file was written or removed"
    source.unlink()  # some payloads are 50 MB: do not keep them in pytest's tmp dirs
    if variant == "validate":
        report = json.loads(run.stdout)
        codes = [d["code"] for f in report["files"] for d in f["diagnostics"]]
        assert set(codes) == {case.code}
        assert report["summary"]["invalid"] == 1


def test_stdin_is_gated_too(tmp_path: Path) -> None:
    """`dtmarkup validate -` reads standard input through the same gate."""
    result = subprocess.run(
        [*dtmarkup_command(), "validate", "--format", "json", "-"],
        input=b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
        capture_output=True,
        cwd=tmp_path,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [d["code"] for d in report["files"][0]["diagnostics"]] == ["DT003"]
    assert b"root:" not in result.stdout


def test_every_catalogue_code_is_documented() -> None:
    for code in {case.code for case in CASES}:
        info = CODES[code]
        assert info.layer == "input"
        assert info.title and info.rationale and info.bad and info.good and info.fix


def test_lxml_is_new_enough() -> None:
    """lxml < 6.1.3 leaks files through parameter entities (research/security.md)."""
    assert etree.LXML_VERSION >= (6, 1, 3, 0)


def test_parser_configuration_has_not_drifted(tmp_path: Path) -> None:
    """The gate's libxml2 parser, given a DOCTYPE directly, still loads no external DTD.

    With collect_ids=False, libxml2 < 2.15 loads it (and applies its attribute defaults):
    the screen would stop such a document first, but the parser must not depend on that.
    """
    dtd = tmp_path / "x.dtd"
    dtd.write_text('<!ENTITY e "LEAK"><!ATTLIST a b CDATA "DEFAULT">', encoding="utf-8")
    data = f'<!DOCTYPE a SYSTEM "{dtd.as_uri()}"><a>&e;</a>'.encode()
    root = etree.fromstring(data, parse._parser())
    assert root.get("b") is None
    assert root.getroottree().docinfo.externalDTD is None
    assert b"LEAK" not in etree.tostring(root)
