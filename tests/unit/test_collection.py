"""Collections: many articles in one file, checked article by article with exact places."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dtmarkup.cli import main
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.run import plan, pool, workers
from dtmarkup.run.document import check_item, validate_bytes
from dtmarkup.run.merge import validate_collection
from dtmarkup.run.plan import Options
from dtmarkup.sources import collection as stream
from dtmarkup.sources.files import Item

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "samples" / "diplomatic-times-blinken-lavrov.xml"
NS = 'xmlns="urn:dtmarkup:1"'


def article(text: str, new_id: str) -> str:
    """The markup of an article without declaration, leading comment or namespace."""
    body = text[text.index("<article") :]
    body = body.replace(f" {NS}", "", 1)
    return body.replace('id="dt-2021-05-19-blinken-lavrov"', f'id="{new_id}"', 1)


REF = REFERENCE.read_text(encoding="utf-8")
GOOD = article(REF, "good-1")
BROKEN = article(REF, "broken-2").replace('ref="lavrov">Sergey', 'ref="nobody">Sergey', 1)
WARNED = article(REF, "warned-3").replace(
    '<credit source="state-dept" photographer="przysucha">', "<credit>", 1
)


def collection(*articles: str, attributes: str = "", between: str = "\n") -> str:
    inner = between.join(articles)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<collection {NS}{attributes}>\n{inner}\n'
        "</collection>\n"
    )


def line_of(text: str, needle: str, start: int = 0) -> int:
    return text.count("\n", 0, text.index(needle, start)) + 1


def standalone(markup: str) -> tuple[Diagnostic, ...]:
    """Findings for one article as a document of its own (starting at line 1)."""
    document = markup.replace("<article ", f"<article {NS} ", 1)
    return validate_bytes(document.encode("utf-8"), "one.xml").diagnostics


def test_findings_have_collection_lines_and_name_the_article() -> None:
    text = collection(GOOD, BROKEN, GOOD.replace("good-1", "good-3"))
    report = validate_collection(text.encode("utf-8"), "c.xml")
    start = line_of(text, 'id="broken-2"')
    expected = tuple(
        dataclasses.replace(
            d,
            line=d.line + start - 1 if d.line else None,
            xpath="/collection/article[@id='broken-2']" + (d.xpath or "")[len("/article") :],
        )
        for d in standalone(BROKEN)
    )
    assert report.diagnostics == expected
    assert report.codes() == {"DT108"}
    finding = report.diagnostics[0]
    assert finding.line == line_of(text, 'ref="nobody"')
    assert finding.xpath is not None
    assert finding.xpath.startswith("/collection/article[@id='broken-2']/body/")
    assert report.article_ids == ("good-1", "broken-2", "good-3")
    assert report.schema_valid is False
    assert not report.valid


def test_columns_on_the_articles_first_line() -> None:
    # Two articles on one line: the second one's findings keep their real columns.
    one_line = collection(GOOD.replace("\n", " "), BROKEN.replace("\n", " "), between="  ")
    report = validate_collection(one_line.encode("utf-8"), "c.xml")
    (finding,) = report.diagnostics
    line_text = one_line.splitlines()[finding.line - 1]  # type: ignore[operator]
    nobody = line_text.index('<mention ref="nobody">')
    assert finding.column == nobody + 1


def test_rules_run_per_article() -> None:
    text = collection(GOOD, WARNED)
    report = validate_collection(text.encode("utf-8"), "c.xml")
    # Without its @photographer, the credit also leaves a person unreferenced (DT205).
    assert report.codes() == {"DT201", "DT205"}
    (finding,) = [d for d in report.diagnostics if d.code == "DT201"]
    assert finding.line == line_of(text, "<credit>")
    assert finding.xpath == "/collection/article[@id='warned-3']/body/figure/credit"
    assert report.schema_valid is True
    assert validate_collection(text.encode("utf-8"), "c.xml", rules=False).codes() == set()


def test_article_without_id_is_named_by_position() -> None:
    anonymous = BROKEN.replace('id="broken-2" ', "", 1)
    report = validate_collection(collection(GOOD, anonymous).encode(), "c.xml")
    assert report.codes() == {"DT103", "DT108"}
    assert {d.xpath.split("/")[2] for d in report.diagnostics if d.xpath} == {"article[2]"}
    assert report.article_ids == ("good-1",)


def test_end_tag_inside_a_comment_does_not_end_the_article() -> None:
    tricky = GOOD.replace("<body>", "<body><!-- </article> --><![CDATA[</article>]]>", 1)
    report = validate_collection(collection(tricky, BROKEN).encode(), "c.xml")
    assert report.codes() == {"DT106", "DT108"}  # the CDATA is loose text in <body>
    assert report.article_ids == ("good-1", "broken-2")


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (collection(), {"DT102"}),
        (f"<collection {NS}/>", {"DT102"}),
        (collection(GOOD, "<extra/>"), {"DT101"}),
        (collection(GOOD, "loose words"), {"DT106"}),
        (collection(GOOD, attributes=' schemaVersion="2.0"'), {"DT105"}),
        (collection(GOOD, attributes=' lang="en"'), {"DT104"}),
        (collection(GOOD, "<?pi data?>"), {"DT012"}),
        (
            collection(GOOD).replace("<collection", "<?xml-stylesheet href='x'?><collection"),
            {"DT012"},
        ),
        (collection(GOOD) + "<!-- end --><?pi?>", {"DT012"}),
        (collection(GOOD).replace(NS, 'xmlns="urn:other"'), {"DT100"}),
        (collection(GOOD).replace("</collection>", ""), {"DT001"}),
        (collection(GOOD) + "<more/>", {"DT001"}),
        (collection(GOOD).replace("</body>", "</body", 1), {"DT001"}),
    ],
)
def test_collection_structure(text: str, codes: set[str]) -> None:
    report = validate_collection(text.encode("utf-8"), "c.xml")
    assert report.codes() == codes
    assert not report.valid


def test_doctype_is_refused_before_anything_is_read() -> None:
    text = collection(GOOD).replace(
        "<collection", '<!DOCTYPE collection [<!ENTITY x "y">]>\n<collection', 1
    )
    report = check_item(Item("c.xml", None, data=text.encode()), Options())
    assert report.codes() == {"DT003"}


def test_streamed_from_a_file_in_small_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "BLOCK", 1000)  # many refills and releases
    articles = [
        (BROKEN if n % 7 == 3 else GOOD).replace(
            'id="broken-2"' if n % 7 == 3 else 'id="good-1"', f'id="a{n}"', 1
        )
        for n in range(40)
    ]
    text = collection(*articles)
    path = tmp_path / "big.xml"
    path.write_text(text, encoding="utf-8")
    from_file = validate_collection(path, "big.xml")
    in_memory = validate_collection(text.encode("utf-8"), "big.xml")
    assert from_file == in_memory
    assert from_file.article_ids == tuple(f"a{n}" for n in range(40))
    lines = [d.line for d in from_file.diagnostics]
    assert lines == [
        line_of(text, 'ref="nobody"', text.index(f'id="a{n}"')) for n in range(40) if n % 7 == 3
    ]


def test_utf16_collection_is_refused_with_advice() -> None:
    data = collection(GOOD).replace("UTF-8", "UTF-16").encode("utf-16")
    assert stream.is_collection(data)
    report = check_item(Item("c.xml", None, data=data), Options())
    assert report.codes() == {"DT006"}
    assert "iconv" in report.diagnostics[0].message


def test_not_a_collection_passed_to_the_library() -> None:
    report = validate_collection(GOOD.encode(), "a.xml")
    assert report.codes() == {"DT100"}


def test_detection() -> None:
    assert stream.is_collection(b'<?xml version="1.0"?>\n<!-- c -->\n<collection xmlns="x">')
    assert stream.is_collection(b"\xef\xbb\xbf<dt:collection xmlns:dt='urn:dtmarkup:1'>")
    assert not stream.is_collection(REF.encode())
    assert not stream.is_collection(b"<!DOCTYPE collection><collection/>")
    assert not stream.is_collection(b"<collections/>")


def test_cli_validates_a_collection(tmp_path: Path) -> None:
    path = tmp_path / "c.xml"
    text = collection(GOOD, BROKEN)
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--no-config", "--jobs", "1", str(path)])
    assert result.exit_code == 1
    line = line_of(text, 'ref="nobody"')
    first = result.output.splitlines()[0]
    assert first.startswith(f"{path}:{line}:")
    assert "DT108 error" in first
    assert "[/collection/article[@id='broken-2']/body/" in first


def test_collection_over_the_size_cap_is_streamed_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dtmarkup.xml import gate as parse

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("an oversized collection must not be read whole")

    monkeypatch.setattr(parse, "DEFAULT_MAX_BYTES", 1000)
    monkeypatch.setattr(parse, "read_source", refuse)
    path = tmp_path / "big.xml"
    path.write_text(collection(GOOD, BROKEN), encoding="utf-8")
    report = check_item(Item(str(path), path), Options())
    assert report.codes() == {"DT108"}
    assert report.article_ids == ("good-1", "broken-2")


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_workers_give_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    if start == "spawn":  # as on macOS and Windows: articles and the check are pickled
        monkeypatch.setattr(workers, "_can_fork", lambda: False)
    monkeypatch.setattr(plan, "PARALLEL_FROM", 0)
    monkeypatch.setattr(plan, "CHUNK_BYTES", 20_000)  # several chunks
    monkeypatch.setattr(plan, "default_jobs", lambda: 2)  # two workers on any machine
    chunks: list[int] = []
    pooled_run = pool.run

    def spy(*args: Any, **kwargs: Any) -> Any:
        chunks.append(kwargs["jobs"])
        return pooled_run(*args, **kwargs)

    monkeypatch.setattr(pool, "run", spy)
    articles = [
        (BROKEN if n % 5 == 2 else WARNED if n % 5 == 4 else GOOD).replace('id="', f'id="n{n}-', 1)
        for n in range(30)
    ]
    path = tmp_path / "c.xml"
    path.write_text(collection(*articles, "<extra/>"), encoding="utf-8")
    single = validate_collection(path, "c.xml", jobs=1)
    pooled = validate_collection(path, "c.xml", jobs=2)
    assert pooled == single
    assert chunks == [2]  # the collection's articles went through the process pool
    assert single.codes() == {"DT101", "DT108", "DT201", "DT205"}
    assert len(single.article_ids) == 30


def test_the_library_checks_a_collection_article_by_article_as_the_cli_does(
    tmp_path: Path,
) -> None:
    import dtmarkup

    path = tmp_path / "c.xml"
    path.write_text(collection(GOOD, BROKEN, WARNED), encoding="utf-8")
    from_library = dtmarkup.validate(path, name="c.xml")
    from_cli = check_item(Item("c.xml", path), Options(jobs=1))
    assert from_library == from_cli
    assert from_library.article_ids == ("good-1", "broken-2", "warned-3")
    assert {d.xpath.split("/")[2] for d in from_library if d.xpath} >= {"article[@id='broken-2']"}


def test_utf16_is_what_the_gate_takes_for_utf16() -> None:
    """BOM-less UTF-16 without a declaration is not UTF-16 to the parser (DT008 as an
    article): it is not a collection either, so the two cannot disagree."""
    text = collection(GOOD).split("?>", 1)[1]
    assert not stream.is_collection(text.encode("utf-16-le"))
    assert not stream.is_collection(text.encode("utf-16-be"))
    assert stream.is_collection(b"\xff\xfe" + text.encode("utf-16-le"))
    assert stream.is_collection(collection(GOOD).encode("utf-16-be"))  # <?xml as UTF-16


def test_a_long_declaration_does_not_hide_the_collections_encoding() -> None:
    for declaration in (
        '<?xml version="1.' + "0" * 5000 + '" encoding="UTF-7"?>',
        '<?xml version="1.0"' + " " * 300 + 'encoding="UTF-7"?>',
        '<?xml version="encoding=\'UTF-8\'" encoding="UTF-7"?>',
    ):
        text = declaration + collection(GOOD).split("?>", 1)[1]
        report = validate_collection(text.encode(), "c.xml")
        assert [(d.code, d.line, d.column) for d in report.diagnostics] == [("DT006", 1, 1)]
        assert "'UTF-7'" in report.diagnostics[0].message
