"""The language server's analysis, without the protocol: settings, registry, references."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dtmarkup.cli import main
from dtmarkup.lsp import analysis

ROOT = Path(__file__).resolve().parent.parent.parent
QUOTES = ROOT / "tests/rules/DT206-quotation-marks.xml"


def test_reference_kinds_come_from_the_schema() -> None:
    kinds = analysis.reference_kinds()
    agents = frozenset({"person", "organization"})
    assert kinds[("mention", "ref")] == frozenset(analysis.KINDS)
    assert kinds[("place", "ref")] == frozenset({"place"})
    assert kinds[("affiliation", "ref")] == frozenset({"organization"})
    assert kinds[("credit", "photographer")] == frozenset({"person"})
    assert kinds[("credit", "source")] == agents
    assert kinds[("statement", "by")] == agents
    assert kinds[("q", "speaker")] == kinds[("blockquote", "speaker")] == agents


def test_the_editorial_narrowing_only_narrows() -> None:
    for key, narrowed in analysis.NARROWED.items():
        assert narrowed < analysis.reference_kinds()[key], key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<author ref="ray', ("author", "ref", "ray")),
        ("<dt:q speaker='bl", ("q", "speaker", "bl")),
        ('<credit source="x" photographer="', ("credit", "photographer", "")),
        ('<author ref="ray">Gary', None),  # in the text, not the value
        ('<author id="', None),  # not a reference
        ('<author ref="a"/> <p class="', None),
    ],
)
def test_reference_at_the_cursor(text: str, expected: tuple[str, str, str] | None) -> None:
    found = analysis.reference_at(text + 'naldo"/>', len(text))
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found.element, found.attribute, text[found.start : len(text)]) == expected


def test_registry_from_broken_text() -> None:
    text = QUOTES.read_text(encoding="utf-8").replace("</body>", "<p>unfinished <q speaker=")
    found = analysis.registry(text)
    assert sorted(found) == ["blinken", "dt", "raynaldo", "reykjavik", "state-dept"]
    assert (found["reykjavik"].kind, found["reykjavik"].detail) == ("place", "IS")
    assert found["state-dept"].describe() == (
        "**U.S. Department of State** (organization `state-dept`)\n\nministry"
    )


def test_utf16_positions() -> None:
    text = "a😀b\nc"
    starts = analysis.line_starts(text)
    assert analysis.position_of(text, starts, 2) == (0, 3)
    assert analysis.offset_of(text, starts, 0, 3) == 2
    assert analysis.utf16_column(text, starts, 1, 3) == 3
    assert analysis.position_of(text, starts, 5) == (1, 1)


def test_to_bytes_keeps_the_declared_encoding() -> None:
    assert analysis.to_bytes('<?xml version="1.0" encoding="ISO-8859-1"?><a>é€</a>') == (
        b'<?xml version="1.0" encoding="ISO-8859-1"?><a>\xe9&#8364;</a>'
    )
    assert analysis.to_bytes("<a>é</a>") == "<a>é</a>".encode()


def test_the_project_config_and_baseline_are_honoured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "articles" / "a.xml"
    article.parent.mkdir()
    shutil.copy(QUOTES, article)
    text = article.read_text(encoding="utf-8").replace(
        "Reykjavik</headline>", "Reykjavik.</headline>"
    )
    assert sorted(analysis.check(text, str(article)).codes()) == ["DT206", "DT207"]
    (tmp_path / "dtmarkup.toml").write_text('ignore = ["DT207"]\n', encoding="utf-8")
    assert sorted(analysis.check(text, str(article)).codes()) == ["DT206"]
    monkeypatch.chdir(tmp_path)
    written = CliRunner().invoke(
        main, ["validate", "--no-config", "--write-baseline", "known.json", "articles/a.xml"]
    )
    assert written.exit_code == 0, written.output
    (tmp_path / "dtmarkup.toml").write_text('baseline = "known.json"\n', encoding="utf-8")
    assert sorted(analysis.check(text, str(article)).codes()) == ["DT207"]  # not in the baseline


def test_lsp_without_pygls_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.delitem(sys.modules, "dtmarkup.lsp.server", raising=False)
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    result = CliRunner().invoke(main, ["lsp"])
    assert result.exit_code == 2
    assert "install it with: pip install 'dtmarkup[lsp]'" in result.stderr


def test_per_file_ignores_are_honoured(tmp_path: Path) -> None:
    article = tmp_path / "archive" / "old.xml"
    article.parent.mkdir()
    shutil.copy(QUOTES, article)
    text = article.read_text(encoding="utf-8")
    (tmp_path / "dtmarkup.toml").write_text(
        '[per-file-ignores]\n"archive/*.xml" = ["DT2"]\n', encoding="utf-8"
    )
    assert analysis.check(text, str(article)).codes() == set()
    assert analysis.check(text, str(tmp_path / "new.xml")).codes() == {"DT206"}
