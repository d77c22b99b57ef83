"""What users see, made safe and honest: untrusted text escaped at every output boundary
(12.3), only text codecs decode (12.4), capped workspace files (12.5), text output (12.14),
pipes never block (18.7), exceptions carry their exit codes (issue 13)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dtmarkup.cli import main
from dtmarkup.cli.validate import remaining
from dtmarkup.diagnostics import Diagnostic, Report, Severity
from dtmarkup.errors import (
    BaselineError,
    ConfigError,
    DtmError,
    InputRejected,
    InvalidDocumentError,
    OutputRefused,
    OutputWriteError,
    SchemaLoadError,
    TemplateError,
    UnknownFormatError,
    UnreadableInputError,
)
from dtmarkup.escape import printable
from dtmarkup.report import REPORTERS, Summary, reporter
from dtmarkup.report.html import decode
from dtmarkup.sources.encoding import text_encoding

REPO = Path(__file__).resolve().parents[2]
VALID = REPO / "tests" / "fixtures" / "ci" / "valid.xml"
WARNING = REPO / "tests" / "fixtures" / "ci" / "warning.xml"
HOSTILE_NAME = "evil\x1b]0;pwned\x07\r\n::error file=x::forged\u202e.xml"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def hostile_report() -> list[Report]:
    d = Diagnostic(
        "DT108",
        Severity.ERROR,
        "bad \x1b[31mred\x1b[0m\nDT001 error: forged line \u2028 \x9b2J",
        line=3,
        column=4,
        xpath="/article[@id='a\x07']",
        hint="fix\rit",
    )
    return [Report(HOSTILE_NAME, (d,))]


# 12.3 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1bb", "a\\x1bb"),
        ("\x07\x00\x7f\x9b", "\\x07\\x00\\x7f\\x9b"),
        ("l1\r\nl2", "l1\\x0d\\x0al2"),
        ("\u202eabc\u2066", "\\u202eabc\\u2066"),
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("file\udcff", "file\\udcff"),
        ("plain text, é ü 日本", "plain text, é ü 日本"),
    ],
)
def test_printable_shows_every_control(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_printable_can_keep_balanced_bidi_for_article_text() -> None:
    assert printable("\u202bשלום\u202c\x1b", bidi=False) == "\u202bשלום\u202c\\x1b"


def _assert_inert(text: str) -> None:
    for char in "\x1b\x07\r\u2028\u202e\x9b":
        assert char not in text
    assert all(not line.startswith("::") or line.startswith("::error file=evil") for line in [])


def test_text_report_escapes_names_messages_paths_and_hints() -> None:
    text = reporter("text")(hostile_report())
    _assert_inert(text)
    lines = text.splitlines()
    assert lines[0] == (
        "evil\\x1b]0;pwned\\x07\\x0d\\x0a::error file=x::forged\\u202e.xml:3:4: DT108 error: "
        "bad \\x1b[31mred\\x1b[0m\\x0aDT001 error: forged line \\u2028 \\x9b2J "
        "[/article[@id='a\\x07']]"
    )
    assert lines[1] == "    fix: fix\\x0dit"
    assert len(lines) == 3


def test_github_report_cannot_forge_a_workflow_command() -> None:
    text = reporter("github")(hostile_report())
    _assert_inert(text)
    lines = text.splitlines()
    assert len(lines) == 2  # one annotation, one summary
    assert lines[0].startswith("::error file=evil\\x1b]0;pwned\\x07\\x0d\\x0a%3A%3Aerror ")
    assert lines[0].count("::") == 2  # the command's own two
    assert "%0AFix: fix\\x0dit" in lines[0]


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_no_report_format_lets_a_control_character_through(name: str) -> None:
    text = reporter(name)(hostile_report())
    for char in "\x1b\x07\x9b\u2028":
        assert char not in text, (name, char)


def test_stderr_findings_of_convert_are_escaped(tmp_path: Path) -> None:
    bad = tmp_path / "a\x1b[2Jb.xml"
    bad.write_bytes(b"<article>&nbsp;</article>")
    result = invoke("convert", str(bad), "--to", "json")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert "a\\x1b[2Jb.xml:" in result.stderr


def test_render_text_and_markdown_escape_controls_of_an_imported_article() -> None:
    import dataclasses

    import dtmarkup
    from dtmarkup.render import render

    article = dtmarkup.load(VALID)
    headline = "Head\x1b]8;;http://evil/\x07line\x07\x7f"
    hostile = dataclasses.replace(
        article, head=dataclasses.replace(article.head, headline=headline)
    )
    for output_format in ("text", "markdown"):
        text = render(hostile, output_format).text
        assert "\x1b" not in text and "\x07" not in text and "\x7f" not in text
        assert "x1b" in text and "8;;http" in text


# 12.4 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "codec", ["rot13", "base64", "zlib", "bz2", "hex", "uu", "quopri", "idna", "punycode"]
)
def test_only_text_encodings_decode(codec: str) -> None:
    assert text_encoding(codec) is None
    data = f'<?xml version="1.0" encoding="{codec}"?>\n<a>é</a>'.encode()
    assert decode(data).endswith("<a>é</a>")


@pytest.mark.parametrize(("name", "codec"), [("UTF-8", "utf-8"), ("latin1", "iso8859-1")])
def test_real_encodings_are_kept(name: str, codec: str) -> None:
    assert text_encoding(name) == codec


@pytest.mark.parametrize("codec", ["rot13", "zlib", "base64"])
def test_html_report_survives_a_non_text_codec_in_a_batch(tmp_path: Path, codec: str) -> None:
    odd = tmp_path / "odd.xml"
    odd.write_bytes(f'<?xml version="1.0" encoding="{codec}"?>\n<article/>'.encode())
    good = tmp_path / "good.xml"
    good.write_bytes(VALID.read_bytes())
    result = invoke("validate", "--no-config", "--format", "html", str(odd), str(good))
    assert result.exit_code == 1, result.output
    assert "DT006" in result.stdout
    assert "good.xml" in result.stdout


# 12.5 ------------------------------------------------------------------------------------


def _no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def test_baseline_from_dev_zero_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_config(tmp_path, monkeypatch)
    result = invoke("validate", "--no-config", "--baseline", "/dev/zero", str(VALID))
    assert result.exit_code == 2
    assert result.stderr == (
        "dtmarkup: DT025 error: cannot use baseline /dev/zero: it is a device, not a regular file\n"
    )


def test_baseline_fifo_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_config(tmp_path, monkeypatch)
    os.mkfifo(tmp_path / "base.json")
    result = invoke("validate", "--no-config", "--baseline", "base.json", str(VALID))
    assert result.exit_code == 2
    assert "DT025 error" in result.stderr and "a named pipe" in result.stderr


def test_deep_baseline_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_config(tmp_path, monkeypatch)
    (tmp_path / "base.json").write_text("[" * 100_000 + "]" * 100_000)
    result = invoke("validate", "--no-config", "--baseline", "base.json", str(VALID))
    assert result.exit_code == 2
    assert result.stderr == (
        "dtmarkup: DT025 error: baseline base.json is nested too deep to be a dtmarkup baseline\n"
    )


def test_huge_baseline_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dtmarkup.workspace import reading

    _no_config(tmp_path, monkeypatch)
    monkeypatch.setattr(reading, "BASELINE_MAX_BYTES", 10)
    monkeypatch.setattr("dtmarkup.workspace.baseline.BASELINE_MAX_BYTES", 10)
    (tmp_path / "base.json").write_text(" " * 11)
    result = invoke("validate", "--no-config", "--baseline", "base.json", str(VALID))
    assert result.exit_code == 2
    assert "larger than the limit of 10 bytes" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a = " + "[" * 5000 + "]" * 5000, "nested too deep to be a dtmarkup configuration"),
        ("jobs = 100000", "key 'jobs' must be a whole number from 1 to 256"),
        ("jobs = 0", "key 'jobs' must be a whole number from 1 to 256"),
    ],
)
def test_bad_config_exits_2_with_dt024(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    _no_config(tmp_path, monkeypatch)
    (tmp_path / "dtmarkup.toml").write_text(content)
    result = invoke("validate", str(VALID))
    assert result.exit_code == 2
    assert result.stderr.startswith("dtmarkup: DT024 error: ")
    assert message in result.stderr


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_config_must_be_a_regular_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, special: str
) -> None:
    _no_config(tmp_path, monkeypatch)
    if special == "fifo":
        os.mkfifo(tmp_path / "fifo")
    result = invoke("validate", "--config", special, str(VALID))
    assert result.exit_code == 2
    assert "DT024 error" in result.stderr and "not a regular file" in result.stderr


# 18.7 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["render", str(VALID), "--format", "text"],
        ["convert", str(VALID), "--to", "json"],
    ],
)
def test_output_onto_a_fifo_is_refused_without_force(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    result = invoke(*command, "-o", str(fifo))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"{fifo}: DT023 error: refusing to write into {fifo}: it is a named pipe; pass "
        "--force to write into it (a reader must be attached)"
    )


def test_output_onto_a_fifo_without_reader_never_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dtmarkup.cli import output

    monkeypatch.setattr(output, "PIPE_WAIT", 0.05)
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    result = invoke("validate", "--no-config", str(VALID), "-o", str(fifo))
    assert result.exit_code == 2
    assert "DT023 error" in result.stderr and "no process is reading" in result.stderr
    result = invoke("render", str(VALID), "-o", str(fifo), "--force")
    assert result.exit_code == 2


def test_output_onto_a_fifo_with_a_reader_and_force(tmp_path: Path) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = invoke("render", str(VALID), "--format", "text", "-o", str(fifo), "--force")
    reader.join(timeout=30)
    assert result.exit_code == 0
    assert received and received[0].endswith(b"\n")


# 12.14 -----------------------------------------------------------------------------------


def test_text_report_has_fix_lines_and_no_zero_positions(tmp_path: Path) -> None:
    missing = tmp_path / "missing.xml"
    result = invoke("validate", "--no-config", str(missing), str(WARNING))
    lines = result.stdout.splitlines()
    assert lines[0] == f"{missing}: DT002 error: no such file or directory: {missing}"
    assert any(line.startswith("    fix: ") for line in lines)
    assert ":0:0:" not in result.stdout


def test_strict_with_warnings_says_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_config(tmp_path, monkeypatch)
    result = invoke("validate", "--no-config", "--strict", str(WARNING))
    assert result.exit_code == 1
    last = result.stdout.splitlines()[-1]
    assert "all valid" not in last
    assert last.startswith("1 file checked: 0 passed, 1 failed (--strict: warnings fail)")
    report = json.loads(invoke("validate", "--no-config", "--strict", "--format", "json",
                               str(WARNING)).stdout)  # fmt: skip
    assert report["summary"]["invalid"] == 1


def test_summary_counts_warnings_as_failures_only_when_strict() -> None:
    d = Diagnostic("DT204", Severity.WARNING, "w")
    reports = [Report("a.xml", (d,))]
    assert Summary.of(reports).invalid == 0
    assert Summary.of(reports, strict=True).invalid == 1


def test_validate_help_names_exit_70() -> None:
    result = invoke("validate", "--help")
    assert "70 internal error" in result.stdout


@pytest.mark.parametrize(
    ("elapsed", "done", "total", "shown"),
    [
        (1.0, 1, 1000, None),  # too early to say
        (10.0, 100, 1000, "about 01:30 left"),
        (3.0, 10, 1000, "about 04:57 left"),
        (3600.0, 1, 3, "about 2:00:00 left"),
        (5.0, 1000, 1000, None),
    ],
)
def test_progress_estimate_uses_the_average_rate(
    elapsed: float, done: int, total: int, shown: str | None
) -> None:
    assert remaining(elapsed, done, total) == shown


# issue 13: exceptions and registries -----------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (DtmError, 70),
        (InvalidDocumentError, 1),
        (InputRejected, 1),
        (TemplateError, 1),
        (UnknownFormatError, 2),
        (ConfigError, 2),
        (BaselineError, 2),
        (OutputRefused, 2),
        (SchemaLoadError, 3),
        (UnreadableInputError, 4),
        (OutputWriteError, 4),
    ],
)
def test_every_exception_carries_its_exit_code(cls: type[DtmError], code: int) -> None:
    assert cls.exit_code == code


def test_no_command_module_calls_sys_exit() -> None:
    """Exit codes come from the one handler in the CLI; the only exception is the serve
    worker's own process entry point (``python -m dtmarkup.serve.worker``)."""
    entry_points = {REPO / "dtmarkup" / "serve" / "worker.py"}
    for module in (REPO / "dtmarkup").rglob("*.py"):
        if module not in entry_points:
            assert "sys.exit(" not in module.read_text(encoding="utf-8"), module


def test_schema_load_error_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise SchemaLoadError("the schema cannot be loaded: test")

    monkeypatch.setattr("dtmarkup.cli.validate.check_all", broken)
    result = invoke("validate", "--no-config", str(VALID))
    assert result.exit_code == 3
    assert result.stderr == "dtmarkup: the schema cannot be loaded: test\n"


def test_reporters_are_declared_and_imported_lazily() -> None:
    assert sorted(REPORTERS) == ["github", "html", "json", "junit", "sarif", "text"]
    result = invoke("validate", "--format", "nope", str(VALID))
    assert result.exit_code == 2
    assert "'nope' is not one of 'github', 'html', 'json', 'junit', 'sarif', 'text'" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--select", "XX1", "'XX1' is not a code or prefix such as DT108 or DT1"),
        ("--ignore", "DT9999", "'DT9999' matches no code"),
        ("--error", "DT1,DTx", "'DTX' is not a code or prefix"),
    ],
)
def test_code_lists_are_checked_by_their_param_type(flag: str, value: str, message: str) -> None:
    result = invoke("validate", "--no-config", flag, value, str(VALID))
    assert result.exit_code == 2
    assert message in result.stderr
    assert f"'{flag}'" in result.stderr


# 12.15 -----------------------------------------------------------------------------------

PHOTO = REPO / "samples" / "ellanmore-storm-photo-story.xml"


def _messages(data: bytes) -> list[tuple[str, str]]:
    import dtmarkup

    return [(d.code, d.message) for d in dtmarkup.validate(data)]


def _edited(old: str, new: str) -> bytes:
    text = PHOTO.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def test_a_bare_ampersand_is_named_in_plain_words() -> None:
    assert _messages(_edited("</headline>", " & co</headline>")) == [
        ("DT001", "not well-formed: a bare & must be written &amp;")
    ]


def test_no_libxml2_function_name_reaches_a_message() -> None:
    for bad in ("<p>&#0;</p>", "<p>a &b c</p>", "<p>1 < 2</p>"):
        for code, message in _messages(_edited("<p>", bad)):
            assert code in ("DT001", "DT008")
            assert "xmlParse" not in message and "EntityRef" not in message, message


def test_xml_lang_is_written_as_the_document_writes_it() -> None:
    found = _messages(_edited(' xml:lang="en-GB"', ""))
    assert ("DT103", "<article> is missing the required attribute @xml:lang") in found
    found = _messages(_edited("<image ", '<image xml:lang="en" '))
    assert ("DT104", "<image> does not allow the attribute @xml:lang") in found
    assert all("{http" not in message for _, message in found)


def test_an_element_out_of_order_says_where_it_belongs() -> None:
    import re

    text = PHOTO.read_text(encoding="utf-8")
    m = re.search(r"(<caption>.*?</caption>)(\s*)(<credit[^>]*>.*?</credit>)", text, re.S)
    assert m is not None
    swapped = text.replace(m.group(0), m.group(3) + m.group(2) + m.group(1), 1)
    assert _messages(swapped.encode("utf-8")) == [
        (
            "DT101",
            "<caption> is out of order in <figure>: it cannot follow <credit>; "
            "move it before <credit>",
        )
    ]


def test_indefinite_article_before_a_vowel() -> None:
    from dtmarkup.check.xsd import _a

    assert _a("organization") == "an organization"
    assert _a("person") == "a person"
    assert _a("event") == "an event"


def test_dt204_asks_for_a_mention_of_a_speaker_named_in_plain_text() -> None:
    path = REPO / "tests" / "rules" / "DT204-attribution-names-someone-else.xml"
    messages = [m for code, m in _messages(path.read_bytes()) if code == "DT204"]
    assert messages
    assert all('wrap the name in <mention ref="' in m for m in messages)


def test_click_usage_errors_escape_the_file_name(tmp_path: Path) -> None:
    result = invoke("render", str(VALID), "--template", str(tmp_path / "th\x1b[2Jeme"))
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "th\\x1b[2Jeme" in result.stderr
