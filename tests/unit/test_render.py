"""Renderers: exact output pieces, the URL policy, and a hostile article rendered inert."""

from __future__ import annotations

import json
from pathlib import Path

import commonmark
import pytest
from _support.render_cases import GOLDEN, REFERENCE
from _support.strategies import articles
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from lxml import html as lxml_html

import dtmarkup
from dtmarkup import model as m
from dtmarkup.cli import main
from dtmarkup.render import render
from dtmarkup.render.html import TemplateProblem
from dtmarkup.render.markdown import escape
from dtmarkup.render.safety import Notes, clean_text, json_for_script, safe_url

HOSTILE = GOLDEN / "input" / "hostile.xml"
FULL = GOLDEN / "input" / "full.xml"


# ---------------------------------------------------------------- URL policy


@pytest.mark.parametrize(
    ("url", "image", "expected"),
    [
        ("https://example.org/a?b=1&c=2", False, "https://example.org/a?b=1&c=2"),
        ("img/photo.jpg", True, "img/photo.jpg"),
        ("#top", False, "#top"),
        ("mailto:desk@example.org", False, "mailto:desk@example.org"),
        ('https://example.org/a b"<>', False, "https://example.org/a%20b%22%3C%3E"),
        ("javascript:alert(1)", False, None),
        (" JaVa\tScRiPt:alert(1)", False, None),
        ("\x01javascript:alert(1)", False, None),
        ("java\nscript:alert(1)", False, None),
        ("vbscript:msgbox(1)", False, None),
        ("data:text/html;base64,PHNjcmlwdD4=", False, None),
        ("data:image/png;base64,iVBORw0KGgo=", True, "data:image/png;base64,iVBORw0KGgo="),
        ("data:image/png;base64,iVBORw0KGgo=", False, None),
        ("data:image/svg+xml;base64,PHN2Zz4=", True, None),
        ("file:///etc/passwd", True, None),
    ],
)
def test_safe_url(url: str, image: bool, expected: str | None) -> None:
    notes = Notes()
    assert safe_url(url, notes, image=image) == expected
    assert [d.code for d in notes.diagnostics] == ([] if expected else ["DT401"])


def test_clean_text_closes_bidi_and_replaces_forbidden_characters() -> None:
    notes = Notes()
    assert clean_text("a\u202eb\u2067c", notes) == "a\u202eb\u2067c\u2069\u202c"
    assert clean_text("x\u009b31m\ufdd0", notes) == "x\ufffd31m\ufffd"
    assert clean_text("balanced \u202eok\u202c", notes) == "balanced \u202eok\u202c"
    assert [d.code for d in notes.diagnostics] == ["DT402", "DT404"]


def test_json_for_script() -> None:
    text = json.dumps({"a": "</script><!-- & \u2028"}, ensure_ascii=False)
    safe = json_for_script(text)
    assert "<" not in safe and ">" not in safe and "&" not in safe and "\u2028" not in safe
    assert json.loads(safe) == {"a": "</script><!-- & \u2028"}


# ---------------------------------------------------------------- HTML


def test_html_structure_of_the_full_article() -> None:
    page = render(dtmarkup.load(FULL), "html").text
    tree = lxml_html.document_fromstring(page)
    assert tree.get("lang") == "en"
    article = tree.xpath("//main/article")[0]
    assert article.xpath("header/h1")[0].text == "Blinken and Lavrov meet in Reykjavik"
    authors = article.xpath("header/p[@class='dtm-byline']/a[@rel='author']")
    assert [(a.text, a.get("href")) for a in authors] == [
        ("Gary Raynaldo", "#dtm-entity-raynaldo"),
        ("Ann Aide", "#dtm-entity-aide"),
    ]
    assert tree.xpath("//*[@id='dtm-entity-raynaldo']")
    times = [(t.get("datetime"), t.text) for t in tree.xpath("//time")]
    assert ("2021-05-19T21:30:00Z", "2021-05-19 21:30 UTC") in times
    assert ("2021-05-20T08:00:00+02:00", "2021-05-20 08:00 UTC+02:00") in times
    assert ("2021-05-19", "Wednesday") in times
    assert all(t.get("datetime") for t in tree.xpath("//time"))
    figure = article.xpath(".//figure[@class='dtm-figure']")[0]
    credit = figure.xpath("figcaption/small[@class='dtm-credit']")[0]
    assert credit.get("data-source") == "state-dept"
    assert credit.get("data-photographer") == "przysucha"
    quote = article.xpath(".//blockquote[@class='dtm-blockquote']")[0]
    assert quote.get("data-speaker") == "blinken"
    assert quote.xpath("footer/cite")[0].text_content() == "U.S. Secretary of State Antony Blinken"
    inline_quote = article.xpath(".//q[@data-speaker='blinken']")[0]
    assert lxml_html.tostring(inline_quote, encoding="unicode", with_tail=False) == (
        '<q data-speaker="blinken">useful, and <em>candid</em></q>'
    )
    statement = article.xpath(".//q[@class='dtm-statement']")[0]
    assert (statement.get("data-by"), statement.get("data-kind"), statement.get("data-issued")) == (
        "state-dept",
        "statement",
        "2021-05-19T20:00:00Z",
    )
    mention = article.xpath(".//span[@data-ref='reykjavik']")[0]
    assert mention.get("data-entity") == "place"
    assert [e.tag for e in article.xpath(".//ol | .//ul")] == ["ol", "ul"]
    block_statement = article.xpath(".//figure[@class='dtm-statement']")[0]
    assert block_statement.get("data-kind") == "readout"
    dateline = article.xpath(".//p/span[@class='dtm-dateline']")[0]
    assert dateline.text_content() == "REYKJAVIK, May 19, 2021 — "


def test_fragment_is_only_the_article() -> None:
    text = render(dtmarkup.load(FULL), "html", fragment=True).text
    assert text.startswith('<article class="dtm-article"')
    assert "<html" not in text and "<style" not in text
    assert '<script type="application/ld+json">' in text


def _inert(page: str) -> lxml_html.HtmlElement:
    tree = lxml_html.document_fromstring(page)
    scripts = tree.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    json.loads(scripts[0].text)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in ("href", "src"):
                assert not value.strip().lower().startswith(("javascript:", "vbscript:"))
                assert not value.lower().startswith("data:") or value.startswith("data:image/png")
    assert not tree.xpath("//iframe | //object | //embed | //b | //i | //img[@onerror]")
    return tree


def test_hostile_article_renders_inert_html() -> None:
    article = dtmarkup.load(HOSTILE)
    rendering = render(article, "html")
    tree = _inert(rendering.text)
    assert tree.xpath("//h1")[0].text == (
        '</title><script>alert("h1")</script> </script><!-- {{ 7*7 }} # *x*'
    )
    assert tree.xpath("//title")[0].text == tree.xpath("//h1")[0].text
    assert [a.get("href") for a in tree.xpath("//a[not(@rel)]")] == [
        "https://example.org/a%20b?c=%22d%22"
    ]
    assert len(tree.xpath("//span[@class='dtm-link-removed']")) == 4
    assert len(tree.xpath("//img")) == 1
    assert {d.code for d in rendering.diagnostics} == {"DT401", "DT402", "DT404"}
    assert sum(d.code == "DT401" for d in rendering.diagnostics) == 6
    assert "\u009b" not in rendering.text and "\ufdd0" not in rendering.text
    ld = json.loads(tree.xpath("//script")[0].text)
    assert ld["publisher"]["name"] == '</script><script>alert("ld")</script>'
    assert ld["locationCreated"]["name"] == "Nowhere\u2028Land"


def test_hostile_model_built_directly_renders_inert() -> None:
    """Readers other than dtm (or a library caller) may hand over any strings."""
    base = dtmarkup.load(HOSTILE)
    body = (
        m.Paragraph(
            (
                m.Link(" java\tscript:alert(1)", ("a",)),
                m.Link('https://x.example/"><script>alert(1)</script>', ("b",)),
                m.Quote("mallory", ("\u202e",)),
            )
        ),
    )
    article = m.Article(base.id, "en", base.head, body)
    tree = _inert(render(article, "html").text)
    assert [a.get("href") for a in tree.xpath("//a[not(@rel)]")] == [
        "https://x.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
    ]


def test_user_template_overrides_and_stays_escaped(tmp_path: Path) -> None:
    (tmp_path / "news.css").write_text("body { color: rebeccapurple; }\n")
    (tmp_path / "entities.html.j2").write_text("<footer>{{ head.headline }}</footer>\n")
    page = render(dtmarkup.load(HOSTILE), "html", template_dir=tmp_path).text
    assert "rebeccapurple" in page
    assert "<footer>&lt;/title&gt;&lt;script&gt;" in page
    _inert(page)


def test_broken_template_is_a_template_problem(tmp_path: Path) -> None:
    (tmp_path / "page.html.j2").write_text("{% if %}\n")
    with pytest.raises(TemplateProblem, match=r"page.html.j2:1"):
        render(dtmarkup.load(FULL), "html", template_dir=tmp_path)
    (tmp_path / "page.html.j2").write_text("{{ no_such_variable }}\n")
    with pytest.raises(TemplateProblem, match="no_such_variable"):
        render(dtmarkup.load(FULL), "html", template_dir=tmp_path)


# ---------------------------------------------------------------- Markdown


def test_markdown_escape() -> None:
    assert escape("a *b* [c](d) <e> # & `f` _g_ \\") == (
        "a \\*b\\* \\[c\\](d) \\<e\\> \\# \\& \\`f\\` \\_g\\_ \\\\"
    )


def test_hostile_markdown_is_read_as_text_by_a_commonmark_parser() -> None:
    text = render(dtmarkup.load(HOSTILE), "markdown").text
    tree = lxml_html.fragment_fromstring(commonmark.commonmark(text), create_parent="div")
    assert [h.tag for h in tree.xpath("//h1|//h2|//h3|//h4|//h5|//h6")] == ["h1"]
    assert tree.xpath("//h1")[0].text_content() == (
        '</title><script>alert("h1")</script> </script><!-- {{ 7*7 }} # *x*'
    )
    assert not tree.xpath("//script | //b | //i | //ul | //code | //html")
    assert [a.get("href") for a in tree.xpath("//a")] == ["https://example.org/a%20b?c=%22d%22"]
    assert [i.get("src")[:22] for i in tree.xpath("//img")] == ["data:image/png;base64,"]
    assert len(tree.xpath("//ol")) == 0  # "1. not ordered" stays a paragraph
    assert len(tree.xpath("//blockquote")) == 1
    assert [e.tag for e in tree.xpath("//em")] == ["em"] * 3  # the three credit lines only


def test_markdown_of_the_full_article() -> None:
    text = render(dtmarkup.load(FULL), "markdown").text
    lines = text.splitlines()
    assert lines[0] == "# Blinken and Lavrov meet in Reykjavik"
    assert "By Gary Raynaldo and Ann Aide · DIPLOMATIC TIMES" in lines
    assert (
        "![Blinken and Lavrov shake hands](<https://example.org/img/blinken-lavrov.jpg>)" in lines
    )
    assert "> — U.S. Secretary of State Antony Blinken" in lines
    assert "1. Arctic cooperation" in lines
    assert "2. Ukraine \\& *Navalny*" in lines
    assert "## Deep **concerns**" in lines
    lead = next(line for line in lines if line.startswith("**REYKJAVIK"))
    assert lead.startswith("**REYKJAVIK, May 19, 2021** — Secretary of State Antony J. Blinken")
    assert "“useful, and *candid*”" in lead


# ---------------------------------------------------------------- text


def test_text_wire_printout_of_the_reference_article() -> None:
    text = render(dtmarkup.load(REFERENCE), "text").text
    paragraphs = text.split("\n\n")
    assert paragraphs[1] == "By Gary Raynaldo DIPLOMATIC TIMES"
    lead = next(p for p in paragraphs if p.startswith("REYKJAVIK"))
    assert lead.startswith("REYKJAVIK, May 19, 2021 (Diplomatic Times) — Secretary of State")
    assert max(len(line) for line in text.splitlines()) <= 72
    assert "    — U.S. Secretary of State Antony Blinken" in paragraphs


def test_text_uses_the_language_quotation_marks() -> None:
    text = render(dtmarkup.load(FULL), "text").text
    assert "“useful, and candid”" in text
    german = dtmarkup.load(FULL)
    german = m.Article(german.id, "de", german.head, german.body)
    assert "„useful, and candid“" in render(german, "text").text


def test_hostile_text_has_no_control_characters() -> None:
    text = render(dtmarkup.load(HOSTILE), "text").text
    assert not any(0x80 <= ord(c) <= 0x9F or (ord(c) < 0x20 and c != "\n") for c in text)


# ---------------------------------------------------------------- CLI


def test_cli_render_formats_and_findings(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "page.html"
    result = runner.invoke(main, ["render", str(HOSTILE), "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"{HOSTILE}: DT401 warning: link 'javascript:alert(1)'" in result.stderr
    again = runner.invoke(main, ["render", str(HOSTILE), "-o", str(out)])
    assert again.exit_code == 2
    assert "DT021" in again.stderr
    text = runner.invoke(main, ["render", str(FULL), "--format", "text"])
    assert text.exit_code == 0
    assert text.stdout.startswith("Blinken and Lavrov meet in Reykjavik\n")


def test_cli_render_from_json(tmp_path: Path) -> None:
    as_json = tmp_path / "a.json"
    runner = CliRunner()
    assert (
        runner.invoke(main, ["convert", str(FULL), "--to", "json", "-o", str(as_json)]).exit_code
        == 0
    )
    result = runner.invoke(main, ["render", str(as_json), "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout == render(dtmarkup.load(FULL), "markdown").text


def test_cli_render_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    (tmp_path / "page.html.j2").write_text("{% if %}")
    broken = runner.invoke(main, ["render", str(FULL), "--template", str(tmp_path)])
    assert broken.exit_code == 1
    assert "DT403 error" in broken.stderr
    usage = runner.invoke(main, ["render", str(FULL), "--format", "text", "--fragment"])
    assert usage.exit_code == 2
    invalid = tmp_path / "bad.xml"
    invalid.write_bytes(FULL.read_bytes().replace(b'speaker="blinken"', b'speaker="nobody"'))
    refused = runner.invoke(main, ["render", str(invalid)])
    assert refused.exit_code == 1
    assert "DT108" in refused.stderr


# ---------------------------------------------------------------- properties


@given(articles())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_article_renders_inert_in_every_format(article: m.Article) -> None:
    page = render(article, "html").text
    tree = _inert(page)
    assert tree.xpath("//h1")[0].text_content() == clean_text(article.head.headline, Notes())
    fragment = render(article, "html", fragment=True).text
    assert fragment.count("<script") == 1
    markdown = render(article, "markdown").text
    parsed = commonmark.Parser().parse(markdown)
    kinds = {node.t for node, entering in parsed.walker() if entering}
    assert not kinds & {"html_inline", "html_block", "code", "code_block", "thematic_break"}
    headings = [
        node.level for node, entering in parsed.walker() if entering and node.t == "heading"
    ]
    assert headings[:1] == [1] and headings.count(1) == 1
    text = render(article, "text").text
    assert text.endswith("\n")
    assert not any(0x80 <= ord(c) <= 0x9F for c in text)


def test_cli_writes_into_a_named_pipe_without_replacing_it(tmp_path: Path) -> None:
    """-o a pipe (with --force, DT023 without): the data goes into it, the node stays."""
    import os
    import stat
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = CliRunner().invoke(
        main, ["render", str(FULL), "--format", "text", "-o", str(pipe), "--force"]
    )
    reader.join(timeout=30)
    assert result.exit_code == 0
    assert received[0].startswith(b"Blinken and Lavrov meet in Reykjavik\n")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_unsafe_url_findings_say_where() -> None:
    rendering = render(dtmarkup.load(HOSTILE), "html")
    where = {d.message.split("'")[1]: d.xpath for d in rendering.diagnostics if d.code == "DT401"}
    assert where["javascript:alert(1)"] == "/article/body/p[1]/a[1]"
    assert where["javascript:alert(5)"] == "/article/body/figure[1]/image"
