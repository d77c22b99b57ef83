"""Shared by the NITF, NewsML-G2 and ninjs tests: IPTC's schemas from ../shared/external
(skipping cleanly when absent), and the checks every imported article must pass."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import dtmarkup
from dtmarkup import model as m
from dtmarkup.formats.base import ReadResult
from dtmarkup.formats.dtm import load
from dtmarkup.xml.serialize import serialize

REPO = Path(__file__).resolve().parents[2]
EXTERNAL = REPO.parent / "shared" / "external"
SAMPLES = sorted((REPO / "samples").glob("*.xml"))
REFERENCE = REPO / "samples" / "diplomatic-times-blinken-lavrov.xml"


def external(*parts: str) -> Path:
    """A path under ../shared/external; the test is skipped when it is not there."""
    path = EXTERNAL.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared/external is absent)")
    return path


def external_files(folder: str, pattern: str) -> list[Path]:
    """Files for parametrization; empty (so the test is skipped) when absent."""
    base = EXTERNAL / "samples" / folder
    return sorted(base.glob(pattern)) if base.is_dir() else []


def external_params(cases: list[tuple[object, ...]], *, width: int = 2) -> list[Any]:
    """``cases`` (each ending with a Path) as pytest params named by the file; when the
    external samples are absent, one explicitly skipped param that says so, never an
    empty parameter set."""
    if cases:
        return [pytest.param(*case, id=Path(str(case[-1])).name) for case in cases]
    reason = f"{EXTERNAL / 'samples'} is absent: the real agency samples live in ../shared"
    return [
        pytest.param(
            *([None] * width), id="no-external-samples", marks=pytest.mark.skip(reason=reason)
        )
    ]


@functools.cache
def _xsd(*parts: str) -> etree.XMLSchema:
    # IPTC's own schema files, read from disk by lxml (trusted, local, offline)
    return etree.XMLSchema(etree.parse(str(external(*parts))))


def nitf_schema() -> etree.XMLSchema:
    return _xsd("schemas", "nitf", "nitf-3-6.xsd")


def newsml_schema() -> etree.XMLSchema:
    return _xsd("schemas", "newsml-g2", "NewsML-G2_2.35-spec-All-Power.xsd")


def assert_xsd_valid(schema: etree.XMLSchema, element: etree._Element) -> None:
    ok = schema.validate(element)
    assert ok, [str(error) for error in schema.error_log][:5]


@functools.cache
def _ninjs_validator() -> Any:
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

    folder = external("schemas", "ninjs")
    schema = json.loads((folder / "ninjs-schema_3.1.json").read_text(encoding="utf-8"))
    geojson = json.loads((folder / "GeoJSON-schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resources(
        [
            ("https://geojson.org/schema/GeoJSON.json", Resource.from_contents(geojson)),
            (schema["$id"], Resource.from_contents(schema)),
        ]
    )
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def ninjs_errors(document: object) -> list[str]:
    """Every way ``document`` fails IPTC's ninjs 3.1 JSON Schema (offline)."""
    return [
        f"/{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _ninjs_validator().iter_errors(document)
    ]


def assert_valid_article(result: ReadResult) -> m.Article:
    """The imported article serializes to a document dtmarkup.validate accepts."""
    data = serialize(result.article)
    report = dtmarkup.validate(data, name="imported")
    errors = [(d.code, d.message) for d in report.diagnostics if d.severity == "error"]
    assert report.valid, errors
    return result.article


def codes(result: Any) -> set[str]:
    return {d.code for d in result.diagnostics}


def reference() -> m.Article:
    return load(REFERENCE)


def texts(article: m.Article) -> dict[str, object]:
    """What every round trip must keep: headline, byline, dateline, paragraph texts,
    figures with credits, quotation texts."""
    head = article.head
    blocks: list[str] = []
    quotes: list[str] = []
    figures: list[tuple[str, str, str]] = []

    def collect(content: tuple[object, ...]) -> None:
        for item in content:
            if isinstance(item, m.Quote | m.InlineStatement):
                quotes.append(m.plain_text(item.content))
                collect(item.content)
            elif isinstance(item, m.Emphasis | m.Strong | m.Link):
                collect(item.content)

    for block in article.body:
        if isinstance(block, m.Paragraph | m.Heading):
            blocks.append(m.plain_text(block.content))
            collect(block.content)
        elif isinstance(block, m.BlockQuote | m.BlockStatement):
            for paragraph in block.paragraphs:
                blocks.append(m.plain_text(paragraph.content))
                quotes.append(m.plain_text(paragraph.content))
                collect(paragraph.content)
        elif isinstance(block, m.ListBlock):
            blocks.extend(m.plain_text(item) for item in block.items)
        elif isinstance(block, m.Figure):
            caption = m.plain_text(block.caption) if block.caption else ""
            figures.append((block.image.src, caption, block.credit.text))
    return {
        "headline": head.headline,
        "byline": [a.text for a in head.byline.authors],
        "publication": head.byline.publication.text if head.byline.publication else None,
        "dateline": (head.dateline.place.text, head.dateline.date.text),
        "blocks": blocks,
        "figures": figures,
        "quotes": quotes,
    }


GOLDEN = REPO / "tests" / "golden"


def check_golden(folder: str, name: str, data: bytes, update: bool) -> Path:
    """Compare ``data`` with tests/golden/<folder>/<name>; rewrite it with --update-golden."""
    path = GOLDEN / folder / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"{path} is missing: run pytest --update-golden and review the diff"
    assert path.read_bytes() == data, f"{path} differs: run pytest --update-golden if intended"
    return path
