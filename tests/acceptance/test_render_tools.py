"""The renderers checked with real tools: the Nu Html Checker (vnu.jar, offline on Java)
and headless Chromium. Skipped locally when a tool is missing; on CI they must run."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from _support.browser import chromium_command, png_pixels, vnu_jar
from _support.render_cases import INPUTS, REFERENCE
from _support.strategies import articles
from _support.tools import require_tool
from hypothesis import HealthCheck, given, settings
from lxml import html as lxml_html

import dtmarkup
from dtmarkup import model as m
from dtmarkup.render import render

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every test article rendered as a page, plus the reference article as a fragment
    wrapped in a minimal page of our own."""
    directory = tmp_path_factory.mktemp("html")
    written = {}
    for path in INPUTS:
        target = directory / f"{path.stem}.html"
        target.write_text(render(dtmarkup.load(path), "html").text, encoding="utf-8")
        written[path.stem] = target
    fragment = render(dtmarkup.load(REFERENCE), "html", fragment=True).text
    target = directory / "fragment-in-page.html"
    target.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>CMS page</title>'
        f"</head><body><main>\n{fragment}</main></body></html>\n",
        encoding="utf-8",
    )
    written["fragment"] = target
    return written


def test_nu_html_checker_zero_errors_zero_warnings(pages: dict[str, Path]) -> None:
    java = require_tool("java")
    jar = vnu_jar()
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--stdout", *map(str, pages.values())],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    problems = [
        f"{Path(msg.get('url', '')).name}:{msg.get('lastLine')}: {msg['type']}"
        f"/{msg.get('subType', '')}: {msg['message']}"
        for msg in messages
        if msg["type"] != "info" or msg.get("subType") == "warning"
    ]
    assert problems == []
    assert len(pages) == len(INPUTS) + 1


def test_nu_html_checker_on_generated_articles(tmp_path: Path) -> None:
    """Hypothesis-generated articles (odd text, nested links, every construct) also give
    valid HTML. Private-use characters are content the checker only warns about."""
    java = require_tool("java")
    jar = vnu_jar()
    pages: list[Path] = []

    @given(articles())
    @settings(
        max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    def generate(article: m.Article) -> None:
        page = tmp_path / f"{len(pages)}.html"
        page.write_text(render(article, "html").text, encoding="utf-8")
        pages.append(page)

    generate()
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--stdout", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    problems = [
        f"{Path(msg.get('url', '')).name}: {msg['message']}"
        for msg in json.loads(result.stdout)["messages"]
        if (msg["type"] != "info" or msg.get("subType") == "warning")
        and "Private Use Area" not in msg["message"]
        # generated text need not be NFC, and renderers never change an article's characters
        and "Normalization Form C" not in msg["message"]
    ]
    assert problems == []


def _json_ld(page: str) -> dict[str, object]:
    tree = lxml_html.document_fromstring(page)
    scripts = tree.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    data: dict[str, object] = json.loads(scripts[0].text)
    return data


def test_json_ld_of_the_reference_article() -> None:
    data = _json_ld(render(dtmarkup.load(REFERENCE), "html").text)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert str(data["headline"]).startswith("Blinken meets Lavrov in Reykjavik")
    assert data["datePublished"] == "2021-05-19T21:30:00Z"
    assert data["dateModified"] == "2021-05-19T21:30:00Z"
    assert data["dateline"] == "REYKJAVIK, May 19, 2021"
    assert data["author"] == [
        {"@type": "Person", "name": "Gary Raynaldo", "jobTitle": "Correspondent"}
    ]
    assert data["publisher"] == {"@type": "NewsMediaOrganization", "name": "Diplomatic Times"}
    [image] = data["image"]  # type: ignore[misc]
    assert image["@type"] == "ImageObject"
    assert image["creditText"] == "State Department photo by Ron Przysucha"
    assert image["copyrightHolder"] == {"@type": "Organization", "name": "U.S. Department of State"}
    assert image["creator"]["name"] == "Ron Przysucha"
    assert data["locationCreated"] == {
        "@type": "Place",
        "name": "Reykjavik",
        "address": {"@type": "PostalAddress", "addressCountry": "IS"},
    }


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_json_ld_parses_with_required_fields(path: Path) -> None:
    data = _json_ld(render(dtmarkup.load(path), "html").text)
    for key in ("headline", "datePublished", "dateModified", "dateline", "author"):
        assert data[key], key
    assert data["@type"] == "NewsArticle"


def _chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    command = chromium_command(tmp_path / "profile", *args)
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path
    )


def test_chromium_renders_the_reference_article(tmp_path: Path) -> None:
    page = tmp_path / "reference.html"
    page.write_text(render(dtmarkup.load(REFERENCE), "html").text, encoding="utf-8")
    dom = _chromium(["--dump-dom", page.as_uri()], tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    tree = lxml_html.document_fromstring(dom.stdout)
    [h1] = tree.xpath("//article//h1")
    assert h1.text_content().startswith("Blinken meets Lavrov in Reykjavik")
    assert len(tree.xpath("//article//figure[contains(@class,'dtm-figure')]/img")) == 1
    assert tree.xpath("//figure/figcaption/small[@class='dtm-credit']")[0].text_content() == (
        "Credit: State Department photo by Ron Przysucha"
    )
    quotes = tree.xpath("//article//blockquote[@data-speaker]")
    assert [q.get("data-speaker") for q in quotes] == ["blinken", "lavrov"]
    assert len(tree.xpath("//q[@data-by='state-dept']")) == 1
    assert tree.xpath("//a[@rel='author']")[0].text_content() == "Gary Raynaldo"

    shot = _chromium(["--screenshot", "--window-size=1024,900", page.as_uri()], tmp_path)
    png = tmp_path / "screenshot.png"
    assert png.exists(), shot.stderr[-2000:]
    width, channels, rows = png_pixels(png.read_bytes())
    colours = {
        row[x : x + 3] for row in rows[::7] for x in range(0, width * channels, channels * 5)
    }
    dark = sum(1 for row in rows for x in range(0, width * channels, channels) if row[x] < 100)
    # a blank page has one colour; text, rules and the quote bar give many, and dark pixels
    assert len(colours) > 20
    assert dark > 1000
