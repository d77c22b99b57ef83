"""The editorial rules layer (DT2xx): Schematron, runner, code table, catalogue and CLI.

Fixtures live in tests/rules/. Line 1 of each is ``<!-- expect: CODES -->`` (``none``
for a passing document); every offending element carries a comment ``<!-- DT2xx -->``
at the end of the line where its start tag is, and the rule must report exactly those
(code, line) pairs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from dtmarkup.check import rules
from dtmarkup.cli import main
from dtmarkup.codes import CODES, catalogue
from dtmarkup.diagnostics import Severity
from dtmarkup.run.document import validate
from dtmarkup.xml.gate import parse_bytes
from tools import rules_doc
from tools.compile_rules import compile_schematron

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "rules"
SAMPLES = sorted((ROOT / "samples").glob("*.xml"))
SCH = "http://purl.oclc.org/dsdl/schematron"
RULE_CODES = sorted(code for code, info in CODES.items() if info.layer == "rules")
FIXTURE_FILES = sorted(FIXTURES.glob("*.xml"))
MARKER = re.compile(r"<!-- (DT\d{3}) -->")


def expected_codes(path: Path) -> set[str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"<!-- expect: (.*) -->", first)
    assert match, f"{path.name}: line 1 must be <!-- expect: CODES -->"
    value = match.group(1).strip()
    return set() if value == "none" else {code.strip() for code in value.split(",")}


def marked_findings(path: Path) -> set[tuple[str, int]]:
    """(code, line) for every ``<!-- DT2xx -->`` marker after line 1."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {
        (code, number)
        for number, text in enumerate(lines, start=1)
        if number > 1
        for code in MARKER.findall(text)
    }


def schematron() -> etree._ElementTree:
    with rules.rules_path().open("rb") as handle:
        return etree.parse(handle)


def checks() -> list[etree._Element]:
    return list(schematron().iter(f"{{{SCH}}}assert", f"{{{SCH}}}report"))


# ----------------------------------------------------------------- fixtures


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture_reports_exactly_the_marked_findings(path: Path) -> None:
    report = validate(path)
    assert report.schema_valid is True, [d.message for d in report]
    assert report.codes() == expected_codes(path)
    assert {(d.code, d.line) for d in report} == marked_findings(path)
    assert all(d.source == "rules" for d in report)


def test_every_rule_code_has_a_failing_and_a_passing_fixture() -> None:
    failing = set().union(*(expected_codes(p) for p in FIXTURE_FILES))
    passing = {p.name.split("-")[0] for p in FIXTURE_FILES if not expected_codes(p)}
    assert failing == set(RULE_CODES)
    assert passing == set(RULE_CODES)


def test_passing_fixtures_are_named_ok() -> None:
    for path in FIXTURE_FILES:
        assert (not expected_codes(path)) == ("-ok-" in path.name), path.name


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_have_no_rule_finding(path: Path) -> None:
    report = validate(path)
    assert report.schema_valid is True
    assert [(d.code, d.line, d.message) for d in report] == []


def test_reference_article_is_among_the_samples() -> None:
    assert ROOT / "samples" / "diplomatic-times-blinken-lavrov.xml" in SAMPLES


# ----------------------------------------------------------------- locations


@pytest.mark.parametrize("path", [p for p in FIXTURE_FILES if expected_codes(p)], ids=str)
def test_columns_point_at_the_start_tag(path: Path) -> None:
    data = path.read_bytes()
    lines = data.decode("utf-8").splitlines()
    findings = rules.check_rules(parse_bytes(data), data)
    assert findings
    for finding in findings:
        assert finding.line is not None and finding.column is not None
        assert finding.xpath is not None
        name = finding.xpath.rsplit("/", 1)[-1].split("[")[0]
        assert lines[finding.line - 1][finding.column - 1 :].startswith(f"<{name}"), finding


def test_two_findings_on_one_line_get_their_own_columns() -> None:
    data = (FIXTURES / "DT214-ok-inline-text.xml").read_bytes()
    data = data.replace(
        b"<p>See <a", b'<p><mention ref="blinken"/> and <mention ref="blinken"/> <a'
    )
    findings = rules.check_rules(parse_bytes(data), data)
    text = data.decode("utf-8").splitlines()
    assert [(d.code, d.xpath) for d in findings] == [
        ("DT214", "/article/body/p[2]/mention[1]"),
        ("DT214", "/article/body/p[2]/mention[2]"),
    ]
    first, second = findings
    assert first.line == second.line
    assert first.column is not None and second.column is not None
    assert first.column < second.column
    line = text[first.line - 1]  # type: ignore[operator]
    assert line[first.column - 1 :].startswith("<mention")
    assert line[second.column - 1 :].startswith("<mention")


def test_prefixed_documents_are_located_too() -> None:
    data = b"""<d:article xmlns:d="urn:dtmarkup:1" id="a" xml:lang="en">
<d:head><d:headline>Headline</d:headline>
<d:byline><d:author ref="p">P</d:author></d:byline>
<d:dateline><d:place ref="x">X</d:place><d:date when="2021-05-19">19 May</d:date></d:dateline>
<d:entities><d:person id="p"><d:name>P</d:name></d:person>
<d:place id="x" country="IS"><d:name>X</d:name></d:place></d:entities></d:head>
<d:body><d:figure><d:image src="a.jpg" alt="A"/>
  <d:credit>AP</d:credit></d:figure></d:body></d:article>
"""
    report = validate(data)
    assert report.schema_valid is True
    [finding] = rules.check_rules(parse_bytes(data), data)
    assert (finding.code, finding.line, finding.column) == ("DT201", 8, 3)
    assert finding.xpath == "/article/body/figure/credit"
    assert finding.severity is Severity.ERROR


def test_without_source_bytes_findings_have_line_but_no_column() -> None:
    data = (FIXTURES / "DT201-credit-free-text.xml").read_bytes()
    [finding] = rules.check_rules(parse_bytes(data))
    assert finding.line == 39
    assert finding.column is None


def test_messages_name_the_offending_value() -> None:
    data = (FIXTURES / "DT202-dateline-after-published.xml").read_bytes()
    [finding] = rules.check_rules(parse_bytes(data), data)
    assert finding.message == (
        'The dateline date "2021-05-21" is later than the publication time "2021-05-19T21:30:00Z".'
    )
    assert finding.hint == CODES["DT202"].fix


# ----------------------------------------------------------------- layering


def test_rules_do_not_run_on_a_schema_invalid_document() -> None:
    data = (FIXTURES / "DT201-credit-free-text.xml").read_bytes()
    broken = data.replace(b"<headline>", b"<headline class='x'>")
    report = validate(broken)
    assert report.schema_valid is False
    assert report.codes()
    assert all(code.startswith("DT1") for code in report.codes())


def test_no_rules_skips_the_layer() -> None:
    path = FIXTURES / "DT201-credit-free-text.xml"
    assert validate(path, rules=False).codes() == set()
    assert validate(path).codes() == {"DT201"}


def test_the_compiled_rules_are_loaded_once() -> None:
    assert rules.transform() is rules.transform()


# ----------------------------------------------------------------- the Schematron file


def test_schematron_is_iso_with_the_xslt_binding() -> None:
    root = schematron().getroot()
    assert root.tag == f"{{{SCH}}}schema"
    assert root.get("queryBinding") == "xslt"
    assert {ns.get("prefix"): ns.get("uri") for ns in root.iter(f"{{{SCH}}}ns")} == {
        "dt": "urn:dtmarkup:1"
    }


def test_every_check_has_a_code_a_role_and_a_value_in_its_message() -> None:
    ids = [check.get("id") for check in checks()]
    assert len(ids) == len(set(ids)), "each code is one assert or report"
    for check in checks():
        assert check.get("role") in {"error", "warning", "info"}, check.get("id")
        assert check.find(f"{{{SCH}}}value-of") is not None, check.get("id")


def test_schematron_and_code_table_agree() -> None:
    in_schematron = {check.get("id"): check.get("role") for check in checks()}
    in_table = {code: str(CODES[code].severity) for code in RULE_CODES}
    assert in_schematron == in_table


def test_schematron_uses_no_engine_extensions() -> None:
    """Only Schematron elements and xsl:key; no function an engine may not have."""
    root = schematron().getroot()
    namespaces = {etree.QName(element).namespace for element in root.iter(etree.Element)}
    assert namespaces == {SCH, "http://www.w3.org/1999/XSL/Transform"}
    xpaths = " ".join(value for element in root.iter() for value in element.attrib.values())
    for forbidden in ("document(", "exsl", "saxon", "lxml", "unparsed-text", "system-property"):
        assert forbidden not in xpaths


def test_compiled_stylesheet_is_up_to_date() -> None:
    compiled = compile_schematron(rules.rules_path().read_bytes())
    assert rules.compiled_path().read_bytes() == compiled, "run: make rules"


def test_lxml_schematron_wrapper_agrees_with_the_compiled_rules() -> None:
    """lxml's own Schematron class compiles the .sch afresh with default settings."""
    from lxml import isoschematron

    validator = isoschematron.Schematron(schematron(), store_report=True)
    for path in FIXTURE_FILES:
        data = path.read_bytes()
        validator.validate(parse_bytes(data))
        report = validator.validation_report
        assert report is not None
        found = {
            node.get("id")
            for node in report.getroot().iter(etree.Element)
            if etree.QName(node).localname in {"failed-assert", "successful-report"}
        }
        assert found == expected_codes(path), path.name


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_document_order_ids_name_the_elements_the_full_paths_name(path: Path) -> None:
    """Both location forms of the compiled rules, and both resolvers, agree on every finding."""
    tree = parse_bytes(path.read_bytes())
    numbered = rules.transform()(tree, profile_run=False, **{rules.DOCUMENT_ORDER: "1"}).getroot()
    plain = rules.transform()(tree).getroot()
    elements = list(tree.iter(etree.Element))
    assert numbered.get(rules.ELEMENTS_ATTRIBUTE) == str(len(elements))
    assert numbered.get(rules.LAST_ID_ATTRIBUTE) == f"id{len(elements)}"
    assert plain.get(rules.ELEMENTS_ATTRIBUTE) is None
    ids = [node.get("location", "") for node in numbered.iterchildren(*rules._FINDINGS)]
    paths = [node.get("location", "") for node in plain.iterchildren(*rules._FINDINGS)]
    assert len(ids) == len(paths)
    assert bool(ids) == bool(expected_codes(path))
    index = rules._PathIndex(tree)
    for location, path_location in zip(ids, paths, strict=True):
        assert location.startswith("id") and path_location.startswith("/")
        by_id = rules._by_document_order(elements, location)
        (by_xpath,) = tree.xpath(path_location)
        assert by_id is by_xpath is index.element(path_location)


def test_path_index_resolves_unprefixed_and_attribute_steps() -> None:
    tree = etree.ElementTree(etree.fromstring(b"<a><b/><c/><b><d x='1'/></b></a>"))
    index = rules._PathIndex(tree)
    second = tree.getroot()[2]
    assert index.element("/a/b[2]") is second
    assert index.element("/a/b[2]/d/@x") is second[0]
    assert index.element("/a/b[3]") is None
    assert index.element("/z") is None
    assert index.element("not a path") is None
    assert rules._by_document_order([second], "id2") is None
    assert rules._by_document_order([second], "x1") is None


def test_a_flat_run_of_findings_is_located_exactly() -> None:
    """Findings deep in a long run of siblings: each gets its own element, line and column."""
    sample = (ROOT / "samples" / "torshavn-fisheries-wire-brief.xml").read_bytes()
    run = b"<em>t</em>" * 480 + b"<em/>" * 15
    data = sample.replace(b"<body>", b"<body><p>" + run + b"x</p>", 1)
    found = rules.check_rules(parse_bytes(data), data)
    assert [d.code for d in found] == ["DT214"] * 15
    assert [d.xpath for d in found] == [f"/article/body/p[1]/em[{n}]" for n in range(481, 496)]
    first = found[0].column
    assert first is not None
    assert [d.column for d in found] == [first + 5 * n for n in range(15)]
    assert {d.line for d in found} == {found[0].line}


def test_a_flood_of_one_rule_is_capped_with_a_count() -> None:
    """500 findings of one code: the first MAX_FINDINGS_PER_CODE in full, then one that
    counts the rest (memory and output stay bounded by the cap, not the flood)."""
    sample = (ROOT / "samples" / "torshavn-fisheries-wire-brief.xml").read_bytes()
    data = sample.replace(b"<body>", b"<body><p>" + b"<em/>" * 500 + b"x</p>", 1)
    found = rules.check_rules(parse_bytes(data), data)
    assert [d.code for d in found] == ["DT214"] * 21
    assert [d.xpath for d in found[:20]] == [f"/article/body/p[1]/em[{n}]" for n in range(1, 21)]
    assert found[20].message == "480 more findings like the ones above"
    assert found[20].line is None


def test_only_the_first_statement_of_an_agent_needs_an_introduction() -> None:
    """Statements by two organizations in turn: one introduced, one not (DT204 once)."""
    sample = (ROOT / "samples" / "torshavn-fisheries-wire-brief.xml").read_bytes()
    registry = b"".join(
        b'<organization id="org-%s" kind="government"><name>%s</name></organization>' % (n, n)
        for n in (b"a", b"b")
    )
    said = b"".join(
        b'<p>x <statement by="org-%s">y</statement>.</p>' % (b"a" if i % 2 else b"b")
        for i in range(200)
    )
    top = b'<p><mention ref="org-a">A</mention> spoke.</p>'
    data = sample.replace(b"</entities>", registry + b"</entities>", 1)
    data = data.replace(b"<body>", b"<body>" + top + said, 1)
    found = rules.check_rules(parse_bytes(data), data)
    assert [(d.code, d.xpath) for d in found if d.code == "DT204"] == [
        ("DT204", "/article/body/p[2]/statement")
    ]


# ----------------------------------------------------------------- catalogue and CLI


def test_rules_json_lists_every_code() -> None:
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert result.exit_code == 0
    listed = json.loads(result.output)
    assert [entry["code"] for entry in listed] == list(CODES)
    for entry in listed:
        info = CODES[entry["code"]]
        assert entry["severity"] == str(info.severity)
        assert entry["title"] == info.title
        assert entry["fix"] == info.fix


def test_rules_text_is_a_table_of_every_code() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["CODE", "SEVERITY", "LAYER", "TITLE"]
    assert [line.split()[0] for line in lines[1 : len(CODES) + 1]] == list(CODES)
    assert "DT204  warning   rules    Speaker or issuer not introduced" in lines


def test_rules_rejects_an_unknown_format() -> None:
    result = CliRunner().invoke(main, ["rules", "--format", "xml"])
    assert result.exit_code == 2


def test_every_code_is_documented() -> None:
    for info in CODES.values():
        for field in (info.title, info.rationale, info.bad, info.good, info.fix):
            assert field.strip(), info.code


def test_docs_rules_md_is_generated_from_the_table() -> None:
    path = rules_doc.DOC_PATH
    assert path.read_text(encoding="utf-8") == catalogue.as_markdown(), "run: make docs"
    assert rules_doc.main(["--check"]) == 0
    text = path.read_text(encoding="utf-8")
    for code in CODES:
        assert f"\n### {code}\n" in text


def run_validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "--format", "json", *args])
    return result.exit_code, result.output


def codes_in(output: str) -> list[str]:
    document = json.loads(output)
    return [d["code"] for f in document["files"] for d in f["diagnostics"]]


def test_cli_error_rule_fails_and_no_rules_passes() -> None:
    path = str(FIXTURES / "DT201-credit-free-text.xml")
    assert run_validate(path)[0] == 1
    code, output = run_validate("--no-rules", path)
    assert (code, codes_in(output)) == (0, [])


def test_cli_warnings_fail_only_with_strict() -> None:
    path = str(FIXTURES / "DT205-unused-entities.xml")
    code, output = run_validate(path)
    assert (code, codes_in(output)) == (0, ["DT205", "DT205"])
    assert run_validate("--strict", path)[0] == 1


def test_cli_select_and_ignore_codes_and_prefixes() -> None:
    path = str(FIXTURES / "DT209-empty-elements.xml")
    assert sorted(set(codes_in(run_validate(path)[1]))) == ["DT209", "DT214"]
    code, output = run_validate("--select", "DT214", path)
    assert (code, codes_in(output)) == (0, ["DT214"])
    code, output = run_validate("--ignore", "DT209", "--strict", path)
    assert (code, codes_in(output)) == (1, ["DT214"])
    code, output = run_validate("--ignore", "DT2", path)
    assert (code, codes_in(output)) == (0, [])
    code, output = run_validate("--select", "DT1", path)
    assert (code, codes_in(output)) == (0, [])


# ----------------------------------------------------------------- a second engine

_SAXON_PROGRAM = """
import json, sys
from saxonche import PySaxonProcessor
skeleton, parameters, files = json.loads(sys.stdin.read())
with PySaxonProcessor(license=False) as processor:
    xslt = processor.new_xslt30_processor()
    if skeleton:
        text = open(skeleton[0], encoding="utf-8").read()
        for step in skeleton[1:]:
            executable = xslt.compile_stylesheet(stylesheet_file=step)
            if step.endswith("iso_svrl_for_xslt1.xsl"):
                for name, value in parameters.items():
                    executable.set_parameter(name, processor.make_string_value(value))
            text = executable.transform_to_string(xdm_node=processor.parse_xml(xml_text=text))
        executable = xslt.compile_stylesheet(stylesheet_text=text)
    else:
        executable = xslt.compile_stylesheet(stylesheet_file=parameters["stylesheet"])
    print(json.dumps({f: executable.transform_to_string(source_file=f) for f in files}))
"""


def saxon_codes(skeleton: list[str], parameters: dict[str, str]) -> dict[str, set[str]]:
    """Codes per fixture when Saxon (SaxonC-HE) runs the rules, in a child process."""
    import subprocess
    import sys

    pytest.importorskip("saxonche")
    files = [str(path) for path in FIXTURE_FILES]
    result = subprocess.run(
        [sys.executable, "-c", _SAXON_PROGRAM],
        input=json.dumps([skeleton, parameters, files]),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    codes: dict[str, set[str]] = {}
    for name, svrl in json.loads(result.stdout).items():
        root = etree.fromstring(svrl.encode("utf-8"))
        codes[name] = {
            str(node.get("id"))
            for node in root.iter(etree.Element)
            if etree.QName(node).localname in {"failed-assert", "successful-report"}
        }
    return codes


def test_saxon_runs_the_shipped_stylesheet_alike() -> None:
    found = saxon_codes([], {"stylesheet": str(rules.compiled_path())})
    assert found == {str(path): expected_codes(path) for path in FIXTURE_FILES}


def test_saxon_compiles_the_schematron_with_the_iso_skeleton_alike() -> None:
    """The .sch itself, through the ISO skeleton run by Saxon instead of libxslt.

    With the parameters dtmarkup compiles with: under the skeleton's default ones
    (which also walk attribute nodes), SaxonC-HE 13.1.1 stops with an internal error
    (IllegalStateException in its LoopLifter) on the templates with long let chains.
    """
    from lxml import isoschematron

    from tools.compile_rules import SVRL_PARAMETERS

    steps = Path(isoschematron.__file__).parent / "resources" / "xsl" / "iso-schematron-xslt1"
    skeleton = [str(rules.rules_path())] + [
        str(steps / name)
        for name in ("iso_dsdl_include.xsl", "iso_abstract_expand.xsl", "iso_svrl_for_xslt1.xsl")
    ]
    parameters = {name: value.strip("'") for name, value in SVRL_PARAMETERS.items()}
    found = saxon_codes(skeleton, parameters)
    assert found == {str(path): expected_codes(path) for path in FIXTURE_FILES}


def test_unloadable_rules_exit_3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = tmp_path / "dtmarkup-1-rules.xsl"
    broken.write_bytes(b"<xsl:stylesheet")
    monkeypatch.setattr(rules, "compiled_path", lambda: broken)
    rules.transform.cache_clear()
    try:
        result = CliRunner().invoke(main, ["validate", str(FIXTURES / "DT211-ok-byline.xml")])
    finally:
        monkeypatch.undo()
        rules.transform.cache_clear()
    assert result.exit_code == 3
    assert "cannot load the dtmarkup rules" in result.output
