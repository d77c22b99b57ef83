"""The JSON form: lossless round trips, its JSON Schema, and the reader's findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _support.strategies import articles
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

import dtmarkup
from dtmarkup import formats
from dtmarkup import model as m
from dtmarkup.cli import main
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats import json as dtjson
from dtmarkup.xml.gate import parse_bytes
from dtmarkup.xml.serialize import canonical

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "samples").glob("*.xml")) + sorted(
    (ROOT / "tests" / "golden" / "input").glob("*.xml")
)
FULL = ROOT / "tests" / "golden" / "input" / "full.xml"


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(dtjson.schema())


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_cli_round_trip_is_exact(path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    as_json = tmp_path / "a.json"
    back = tmp_path / "b.xml"
    first = runner.invoke(main, ["convert", str(path), "--to", "json", "-o", str(as_json)])
    assert (first.exit_code, first.output) == (0, "")
    second = runner.invoke(
        main, ["convert", str(as_json), "--from", "json", "--to", "dtm", "-o", str(back)]
    )
    assert (second.exit_code, second.output) == (0, "")
    assert canonical(parse_bytes(back.read_bytes())) == canonical(parse_bytes(path.read_bytes()))
    # --from is detected from the content when omitted
    third = runner.invoke(main, ["convert", str(as_json), "--to", "dtm"])
    assert third.exit_code == 0
    assert third.stdout_bytes == back.read_bytes()
    assert (
        list(Draft202012Validator(dtjson.schema()).iter_errors(json.loads(as_json.read_text())))
        == []
    )


@given(articles())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_model_json_model_is_identity(article: m.Article) -> None:
    assert dtjson.read(dtjson.write(article).data, rules=False).article == article


def _full() -> dict[str, object]:
    return dtjson.to_json(dtmarkup.load(FULL))


def _codes(data: object) -> list[tuple[str, str | None]]:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    with pytest.raises(InvalidDocumentError) as info:
        dtjson.read(raw)
    return [(d.code, d.xpath) for d in info.value.diagnostics]


def test_shape_of_the_json_form() -> None:
    data = _full()
    assert data["format"] == "dtmarkup-1"
    body = data["body"]
    assert isinstance(body, list)
    assert body[1]["content"][6] == {
        "type": "q",
        "speaker": "blinken",
        "content": ["useful, and ", {"type": "em", "content": ["candid"]}],
    }
    assert body[0]["credit"] == {
        "text": "State Department photo by Ron Przysucha",
        "source": "state-dept",
        "photographer": "przysucha",
    }


def test_syntax_error_has_line_and_column() -> None:
    with pytest.raises(InvalidDocumentError) as info:
        dtjson.read(b'{\n  "format": "dtmarkup-1",\n  "id": "a1",\n}')
    [d] = info.value.diagnostics
    assert (d.code, d.line, d.column) == ("DT301", 4, 1)


def test_nan_and_other_encodings_are_refused() -> None:
    assert _codes(b'{"revision": NaN}') == [("DT301", None)]
    assert _codes('{"id": "é"}'.encode("latin-1")) == [("DT301", None)]


def test_duplicate_key() -> None:
    assert _codes(b'{"id": "a", "id": "b"}') == [("DT302", None)]


def test_schema_findings_point_at_the_member() -> None:
    data = _full()
    data["body"][1]["content"][6]["content"][1]["content"] = [  # type: ignore[index]
        {"type": "q", "speaker": "lavrov", "content": []}
    ]
    del data["head"]["headline"]  # type: ignore[attr-defined]
    data["body"][2]["content"].append({"type": "mention", "ref": "blinken"})  # type: ignore[index]
    assert _codes(data) == [
        ("DT303", "/body/1/content/6/content/1/content/0/type"),
        ("DT303", "/body/2/content/2"),
        ("DT303", "/head"),
    ]


def test_character_xml_cannot_hold() -> None:
    data = _full()
    data["head"]["headline"] = "Talks\u0007 end"  # type: ignore[index]
    assert _codes(data) == [("DT304", "/head/headline")]


def test_references_are_checked_by_kind() -> None:
    data = _full()
    data["body"][1]["content"][6]["speaker"] = "reykjavik"  # type: ignore[index]
    data["head"]["dateline"]["place"]["ref"] = "blinken"  # type: ignore[index]
    data["body"][1]["content"][0]["ref"] = "nobody"  # type: ignore[index]
    assert sorted(_codes(data), key=str) == [
        ("DT305", "/body/1/content/0/ref"),
        ("DT305", "/body/1/content/6/speaker"),
        ("DT305", "/head/dateline/place/ref"),
    ]


def test_xsd_is_the_last_word() -> None:
    data = _full()
    data["head"]["dateline"]["date"]["when"] = "2021-02-30"  # type: ignore[index]
    assert _codes(data) == [("DT105", "/article/head/dateline/date")]


def test_detection() -> None:
    xml = FULL.read_bytes()
    as_json = dtjson.write(dtmarkup.load(xml)).data
    assert formats.detect("a.txt", xml).name == "dtm"
    assert formats.detect("a.xml", as_json).name == "json"
    assert formats.detect("a.json", b"[]").name == "json"


def test_cli_invalid_json_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "dtmarkup-1"}')
    result = CliRunner().invoke(main, ["convert", str(bad), "--to", "dtm"])
    assert result.exit_code == 1
    assert f"{bad}:1:1: DT303 error: at /: 'id' is a required property [/]" in result.stderr


def test_cli_unknown_format_exit_2() -> None:
    result = CliRunner().invoke(main, ["convert", str(FULL), "--to", "docx"])
    assert result.exit_code == 2
    assert "unknown format 'docx'; known formats: dtm, json" in result.stderr


def test_cli_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    out.write_text("keep")
    runner = CliRunner()
    result = runner.invoke(main, ["convert", str(FULL), "--to", "json", "-o", str(out)])
    assert result.exit_code == 2
    assert "DT021" in result.stderr
    assert out.read_text() == "keep"
    forced = runner.invoke(main, ["convert", str(FULL), "--to", "json", "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert json.loads(out.read_text())["id"] == "dt-2021-05-19-full"
    onto_input = runner.invoke(
        main, ["convert", str(out), "--to", "json", "-o", str(out), "--force"]
    )
    assert onto_input.exit_code == 2
    assert "DT020" in onto_input.stderr


def test_cli_missing_input_exit_4(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "nope.xml"), "--to", "json"])
    assert result.exit_code == 4
    assert "DT002" in result.stderr


def test_positions_of_json_values() -> None:
    from dtmarkup.formats.json_positions import positions

    text = '{\n  "a": [1, {"b~/c": "x\\"y"}],\n  "d": null\n}'
    assert positions(text) == {
        "/": (1, 1),
        "/a": (2, 8),
        "/a/0": (2, 9),
        "/a/1": (2, 12),
        "/a/1/b~0~1c": (2, 21),
        "/d": (3, 8),
    }


def test_findings_carry_line_and_column() -> None:
    text = dtjson.dumps(dtmarkup.load(FULL)).replace(
        '"speaker": "blinken"', '"speaker": "reykjavik"', 1
    )
    with pytest.raises(InvalidDocumentError) as info:
        dtjson.read(text.encode())
    [d] = info.value.diagnostics
    line = next(i for i, x in enumerate(text.splitlines(), 1) if '"speaker": "reykjavik"' in x)
    assert (d.code, d.line, d.column) == (
        "DT305",
        line,
        text.splitlines()[line - 1].index('"reyk') + 1,
    )


def test_deepest_nesting_the_gate_allows_survives_every_step() -> None:
    """256 levels of elements pass the gate (DT009); readers, writers and renderers must
    not run out of stack on them."""
    from dtmarkup.model import deep_recursion
    from dtmarkup.render import render

    depth = 253  # article/body/h2 + 253 em = 256 levels
    deep = b"<em>" * depth + b"x" + b"</em>" * depth
    data = FULL.read_bytes().replace(
        b"<h2>Deep <strong>concerns</strong></h2>", b"<h2>" + deep + b"</h2>"
    )
    article = dtmarkup.load(data)
    for fmt in ("html", "markdown", "text"):
        assert render(article, fmt).text.endswith("\n")
    written = dtjson.write(article).data
    with deep_recursion():
        assert dtjson.read(written).article == article
        assert dtmarkup.load(dtmarkup.dump(article)) == article


def test_json_nested_too_deeply() -> None:
    node: object = "x"
    for _ in range(300):
        node = {"type": "em", "content": [node]}
    data = _full()
    data["body"][2]["content"] = [node]  # type: ignore[index]
    assert _codes(data) == [("DT306", None)]


def test_json_deeper_than_the_gate_allows_is_refused_with_the_gate_code() -> None:
    """257 levels of elements in the XML form: refused as the gate refuses the XML (DT009)."""
    node: object = "x"
    for _ in range(254):  # article/body/h2 + 254 em = 257 levels
        node = {"type": "em", "content": [node]}
    data = _full()
    data["body"][2] = {"type": "h2", "content": [node]}  # type: ignore[index]
    found = _codes(data)
    assert len(found) == 1 and found[0][0] == "DT009"
    assert str(found[0][1]).startswith("/article/body/h2/em/em/")


def test_tree_limits_are_the_gates_limits() -> None:
    from lxml import etree

    from dtmarkup.sources.limits import Limits
    from dtmarkup.xml.gate import tree_limits

    root = etree.fromstring(b'<a><b x="123456">ok<c/>1234567</b><d>123456</d></a>')
    found = tree_limits(root, Limits(max_text=5, max_depth=2, max_attributes=1))
    assert [(d.code, d.xpath, d.message) for d in found] == [
        ("DT010", "/a/b", "a text node or attribute value is longer than 5 characters"),
        ("DT009", "/a/b/c", "elements are nested more than 2 levels deep"),
    ]
    assert tree_limits(root, Limits(max_text=7)) == []


def test_positions_keep_only_the_wanted_pointers() -> None:
    from dtmarkup.formats.json_positions import positions

    text = '{\n  "a": [1, {"b~/c": "x\\"y"}],\n  "d": null\n}'
    assert positions(text, {"/d", "/a/1", "/zz"}) == {"/a/1": (2, 12), "/d": (3, 8)}
    assert positions("[\n" + "0,\n" * 1000 + "0]", {"/1000", "/0"}) == {
        "/0": (2, 1),
        "/1000": (1002, 1),
    }


def test_a_huge_wrong_value_is_not_quoted_in_full() -> None:
    found = _codes(b"[" + b"0," * 100_000 + b"0]")
    assert found == [("DT303", "/")]
    with pytest.raises(InvalidDocumentError) as info:
        dtjson.read(b"[" + b"0," * 100_000 + b"0]")
    (finding,) = info.value.diagnostics
    full = "[" + ", ".join(["0"] * 100_001) + "] is not of type 'object'"
    assert finding.message == f"at /: {full[:150]} … {full[-150:]}"
    assert (finding.line, finding.column) == (1, 1)
