"""Format detection for convert and render: by content, whatever the encoding."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from dtmarkup import formats
from dtmarkup.cli import main

BRIEF = Path(__file__).parents[2] / "samples" / "torshavn-fisheries-wire-brief.xml"


def utf16(data: bytes) -> bytes:
    return data.decode("utf-8").encode("utf-16")  # with a byte-order mark


@pytest.mark.parametrize("name", ["story.xml", "story.txt", "story", None])
def test_a_utf16_article_is_detected_as_dtmarkup(name: str | None) -> None:
    assert formats.detect(name, utf16(BRIEF.read_bytes())).name == "dtm"


def test_a_utf16_article_renders(tmp_path: Path) -> None:
    source = tmp_path / "brief.xml"
    source.write_bytes(utf16(BRIEF.read_bytes()))
    result = CliRunner().invoke(main, ["render", "--format", "text", str(source)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("North Atlantic mackerel talks to resume in Tórshavn")


@pytest.mark.parametrize("command", [["convert", "--to", "json"], ["render"]])
def test_compressed_input_is_refused_before_detection(command: list[str], tmp_path: Path) -> None:
    source = tmp_path / "brief.txt"  # a name that would send it to the text importer
    source.write_bytes(gzip.compress(BRIEF.read_bytes()))
    result = CliRunner().invoke(main, [*command, str(source)])
    assert result.exit_code == 1
    assert f"{source}:1:1: DT007 error: the input is a gzip-compressed file, not text" in (
        result.output
    )


@pytest.mark.parametrize(("name", "expected"), [("a.xml", "dtm"), ("a.json", "json")])
def test_a_markup_file_that_is_not_markup_is_not_read_as_plain_text(
    name: str, expected: str
) -> None:
    # Plain text is the catch-all: text no longer needs a dateline, so a stray .xml file
    # holding a path would otherwise convert "successfully" as a one-paragraph story.
    assert formats.detect(name, b"file:///etc/passwd\n").name == expected
    assert formats.detect("a.txt", b"file:///etc/passwd\n").name == "text"
    assert formats.detect(None, b"file:///etc/passwd\n").name == "text"
