"""The model: XML -> model -> XML is lossless (C14N), model -> XML -> model is identity."""

from __future__ import annotations

from pathlib import Path

import pytest
from _support.strategies import articles
from hypothesis import HealthCheck, given, settings

import dtmarkup
from dtmarkup import model as m
from dtmarkup.check import validate_tree
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.xml.build import build
from dtmarkup.xml.gate import parse_bytes
from dtmarkup.xml.serialize import canonical, serialize

ROOT = Path(__file__).resolve().parents[2]
INPUTS = sorted((ROOT / "tests" / "golden" / "input").glob("*.xml"))
SAMPLES = sorted((ROOT / "samples").glob("*.xml"))


@pytest.mark.parametrize("path", INPUTS + SAMPLES, ids=lambda p: p.name)
def test_xml_model_xml_is_lossless(path: Path) -> None:
    data = path.read_bytes()
    article = dtmarkup.load(path)
    written = dtmarkup.dump(article)
    assert canonical(parse_bytes(written)) == canonical(parse_bytes(data))
    assert dtmarkup.load(written) == article


@given(articles())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_model_xml_model_is_identity(article: m.Article) -> None:
    tree = parse_bytes(serialize(article))
    report = validate_tree(tree, "<generated>", rules=False)
    assert report.diagnostics == ()
    assert build(tree) == article


def test_full_article_model() -> None:
    article = dtmarkup.load(ROOT / "tests/golden/input/full.xml")
    assert article.id == "dt-2021-05-19-full"
    assert article.revision == 2
    assert article.head.dateline == m.Dateline(
        m.EntityName("reykjavik", "REYKJAVIK"), m.DateRef("2021-05-19", "May 19, 2021")
    )
    assert article.head.entities.name("state-dept") == "U.S. Department of State"
    first = article.body[1]
    assert first == m.Paragraph(
        (
            m.Mention("blinken", "Secretary of State Antony J. Blinken"),
            " met ",
            m.DateRef("2021-05-19", "Wednesday"),
            " with ",
            m.Mention("lavrov", "Sergey Lavrov"),
            ". He said the talks were ",
            m.Quote("blinken", ("useful, and ", m.Emphasis(("candid",)))),
            ".",
        )
    )
    lists = [b for b in article.body if isinstance(b, m.ListBlock)]
    assert [x.kind for x in lists] == ["ordered", None]


def test_whitespace_and_comments() -> None:
    data = (
        (ROOT / "tests/golden/input/full.xml")
        .read_bytes()
        .replace(
            b'<p><mention ref="blinken">Secretary',
            b'<p>  \n\t<!-- note -->  <mention ref="blinken">Secretary',
        )
    )
    article = dtmarkup.load(data)
    paragraph = article.body[1]
    assert isinstance(paragraph, m.Paragraph)
    assert paragraph.content[0] == "  \n\t  "


def test_load_refuses_invalid_document_with_findings() -> None:
    data = (
        (ROOT / "tests/golden/input/full.xml")
        .read_bytes()
        .replace(b'<q speaker="blinken">', b'<q speaker="nobody">')
    )
    with pytest.raises(InvalidDocumentError) as info:
        dtmarkup.load(data)
    assert {d.code for d in info.value.diagnostics} == {"DT108"}


def test_load_refuses_malformed_document() -> None:
    with pytest.raises(InvalidDocumentError) as info:
        dtmarkup.load(b"<article")
    assert [d.code for d in info.value.diagnostics] == ["DT001"]


def test_normalize_and_plain_text() -> None:
    assert m.normalize(("a", "", "b", m.Mention("x", "X"), "", "c")) == (
        "ab",
        m.Mention("x", "X"),
        "c",
    )
    assert m.plain_text(("He said ", m.Quote("x", ("hi ", m.Strong(("there",)))))) == (
        "He said hi there"
    )
