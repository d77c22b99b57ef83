"""The collection scanner against a conforming XML parser (issues 12.2, 18.3, 12.10).

Rule: no collection is reported valid that lxml (libxml2, the gate's settings) rejects,
and nothing taken from the input is spliced back into XML text raw.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from lxml import etree

from dtmarkup.run.document import validate_bytes
from dtmarkup.run.merge import validate_collection

SAMPLES = Path(__file__).parents[2] / "samples"
OPEN = b'<collection xmlns="urn:dtmarkup:1">'


def _article(name: str = "torshavn-fisheries-wire-brief.xml") -> bytes:
    """A valid sample article without its XML declaration and leading comments."""
    data = (SAMPLES / name).read_bytes()
    return data[data.index(b"<article") :].strip()


def _collection(*articles: bytes, open_tag: bytes = OPEN, sep: bytes = b"\n") -> bytes:
    return open_tag + sep + sep.join(articles) + sep + b"</collection>\n"


def _lxml_accepts(data: bytes) -> bool:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return False
    return True


def test_the_valid_collection_is_valid() -> None:
    data = _collection(_article(), _article())
    report = validate_bytes(data, "c.xml")
    assert report.valid, report.diagnostics


@pytest.mark.parametrize(
    "declaration",
    [
        b"""xmlns:z='urn:z" xml:lang="en'""",
        b"""xmlns:z='urn:z"  xml:lang="en" x="'""",
        b"""xmlns:z="urn:z&quot; xml:lang=&quot;en" """,
        b"""xmlns:z='urn:z&#34; xml:lang=&#34;en'""",
    ],
)
def test_a_quote_in_a_root_declaration_injects_nothing(declaration: bytes) -> None:
    article = _article().replace(b' xml:lang="en"', b"", 1)
    assert b"xml:lang" not in article.split(b">", 1)[0]
    alone = validate_bytes(article, "a.xml")
    assert not alone.valid
    open_tag = b'<collection xmlns="urn:dtmarkup:1" ' + declaration + b">"
    data = _collection(article, open_tag=open_tag)
    report = validate_bytes(data, "c.xml")
    assert not report.valid
    if _lxml_accepts(data):
        assert report.codes() == alone.codes()
    else:  # libxml2 refuses the declaration itself (a quote is no URI character)
        assert report.codes() == {"DT001"}


def test_namespaces_reach_the_articles_decoded_and_escaped() -> None:
    # The default namespace declared with a character reference: the article is in it.
    open_tag = b'<collection xmlns="urn:dtmarkup&#58;1">'
    article = _article().replace(b' xmlns="urn:dtmarkup:1"', b"", 1)
    report = validate_bytes(_collection(article, open_tag=open_tag), "c.xml")
    assert report.valid, report.diagnostics


@pytest.mark.parametrize(
    ("between", "code"),
    [
        (b"</x>", "DT001"),
        (b"</article>", "DT001"),
        (b"</head>", "DT001"),
        (b"<!-- a -- b -->", "DT001"),
        (b"\xff", "DT001"),
    ],
)
def test_what_lies_between_articles_is_read_by_a_parser(between: bytes, code: str) -> None:
    second = between + b"\n" + _article()
    data = _collection(_article(), second)
    assert not _lxml_accepts(data)
    report = validate_bytes(data, "c.xml")
    assert not report.valid
    assert code in report.codes()
    finding = next(d for d in report.diagnostics if d.code == code)
    assert finding.line == data[: data.index(second)].count(b"\n") + 1


def test_an_element_left_open_between_articles() -> None:
    data = _collection(_article(), b"<x>\n" + _article())
    report = validate_bytes(data, "c.xml")
    assert "DT001" in report.codes()
    finding = next(d for d in report.diagnostics if d.code == "DT001")
    assert finding.line == data.count(b"\n")  # where </collection> meets the open <x>


def test_junk_after_the_root_and_a_bad_root_tag() -> None:
    article = _article()
    assert "DT001" in validate_bytes(_collection(article) + b"</x>", "c.xml").codes()
    bad_root = b'<collection xmlns="urn:dtmarkup:1" a="1" a="2">'
    report = validate_bytes(_collection(article, open_tag=bad_root), "c.xml")
    assert report.codes() == {"DT001"}


FRAGMENTS = [
    b"</x>",
    b"</article>",
    b"</collection>",
    b"<collection>",
    b"<!-- -- -->",
    b"<!--",
    b"-->",
    b"<![CDATA[x]]>",
    b"]]>",
    b"&",
    b"&amp;",
    b"&#0;",
    b"<",
    b">",
    b"\xff",
    b"\xc3",
    b"<?pi x?>",
    b"<x>",
    b"<x/>",
    b'"',
    b"'",
    b"=",
    b"<!DOCTYPE x>",
    b"xmlns:a='b\" c=\"d'",
    b" a='1'",
    b"\x00",
]


def _mutants(seed: int, count: int) -> list[bytes]:
    base = _collection(_article(), _article("torshavn-fisheries-wire-brief.xml"))
    random.seed(seed)
    tags = [m.start() for m in re.finditer(rb"[<>\s]", base)]
    # Half the edits where the scanner, not the gate, reads: around the root's tags and
    # between articles.
    edges = [m.start() for m in re.finditer(rb"<article|</article>\s|</collection>|>\n", base)]
    edges += [m.end() for m in re.finditer(rb"</article>|<collection|\"urn:dtmarkup:1\"", base)]
    tags += edges * max(1, len(tags) // len(edges))
    found = []
    for _ in range(count):
        data = bytearray(base)
        for _ in range(1):
            at = random.choice(tags)
            choice = random.random()
            if choice < 0.7:
                data[at:at] = random.choice(FRAGMENTS)
            elif choice < 0.85:
                del data[at : at + random.randint(1, 3)]
            else:
                data[at : at + 1] = random.choice(FRAGMENTS)
        found.append(bytes(data))
    return found


@pytest.mark.parametrize("seed", range(6))
def test_no_mutant_lxml_rejects_is_reported_valid(seed: int) -> None:
    wrong = []
    rejected = 0
    for mutant in _mutants(seed, 60):
        if _lxml_accepts(mutant):
            continue
        rejected += 1
        if validate_bytes(mutant, "c.xml", rules=False).valid:
            wrong.append(mutant)
    assert rejected > 20
    assert wrong == []


def test_articles_on_one_line_are_placed_by_column() -> None:
    article = re.sub(rb"\s*\n\s*", b" ", _article())
    broken = article.replace(b"<head>", b"<head><bogus/>", 1)
    data = _collection(article, article, broken, sep=b"")
    assert data.count(b"\n") == 1
    report = validate_collection(data, "c.xml", rules=False)
    [finding] = [d for d in report.diagnostics if d.code.startswith("DT1")]
    assert finding.line == 1
    assert finding.column == len(data[: data.index(b"<bogus/>")].decode()) + 1  # characters


def test_a_stray_end_tag_after_many_articles_is_placed() -> None:
    tiny = b'<article id="a" xml:lang="en">\n<head/>\n</article>'
    data = _collection(*[tiny] * 400, b"</x>", *[tiny] * 3)
    report = validate_collection(data, "c.xml", rules=False)
    [finding] = [d for d in report.diagnostics if d.code == "DT001"]
    assert finding.line == data[: data.index(b"</x>")].count(b"\n") + 1
