"""sources/sniff.py: the one byte-level reader of a document's first bytes."""

from __future__ import annotations

import codecs

import pytest

from dtmarkup.sources import sniff


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF16_LE + "<a/>".encode("utf-16-le"), ("utf-16-le", 2)),
        (codecs.BOM_UTF16_BE + "<a/>".encode("utf-16-be"), ("utf-16-be", 2)),
        ("<?xml version='1.0'?><a/>".encode("utf-16-le"), ("utf-16-le", 0)),
        ("<?xml version='1.0'?><a/>".encode("utf-16-be"), ("utf-16-be", 0)),
        # Without a byte-order mark or a declaration, libxml2 does not read UTF-16.
        ("<a/>".encode("utf-16-le"), None),
        ("<collection/>".encode("utf-16-be"), None),
        (b"<a/>", None),
        (b"\xef\xbb\xbf<a/>", None),
    ],
)
def test_utf16_is_what_the_parser_takes_for_utf16(
    data: bytes, expected: tuple[str, int] | None
) -> None:
    assert sniff.utf16(data) == expected


def test_head_transcodes_utf16_and_drops_byte_order_marks() -> None:
    text = '<?xml version="1.0"?><article xmlns="urn:dtmarkup:1">é</article>'
    assert sniff.head(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == text.encode()
    assert sniff.head(text.encode("utf-16-be")) == text.encode()
    assert sniff.head(b"\xef\xbb\xbf" + text.encode()) == text.encode()
    assert sniff.head(text.encode(), size=5) == b"<?xml"
    assert sniff.head(b"\xff\xfe\x00\xd8<\x00") == "\ufffd<".encode()  # lone surrogate


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<?xml version="1.0" encoding="UTF-8"?><a/>', [("UTF-8", 30)]),
        (b"<?xml version='1.0' encoding='latin1' ?><a/>", [("latin1", 30)]),
        (b'<?xml version="1.0"?><a encoding="x"/>', []),  # after the declaration
        (b'<a encoding="x"/>', []),
        (b'<?xml-stylesheet encoding="x"?><a/>', []),  # not the declaration
        # However long the declaration: issue 18.1.
        (b'<?xml version="1.' + b"0" * 5000 + b'" encoding="UTF-7"?>', [("UTF-7", 5029)]),
        (b'<?xml version="1.0"' + b" \n" * 5000 + b'encoding="UTF-7"?>', [("UTF-7", 10029)]),
        # Every encoding= in the declaration counts, even inside another value.
        (
            b'<?xml version="encoding=\'UTF-8\'" encoding="UTF-7"?>',
            [("UTF-8", 25), ("UTF-7", 43)],
        ),
        (b'<?xml encoding="UTF-7"', [("UTF-7", 16)]),  # no version, no end
    ],
)
def test_declared_encodings_read_the_whole_declaration(
    data: bytes, expected: list[tuple[str, int]]
) -> None:
    assert sniff.declared_encodings(data) == expected


def test_declared_encoding_after_a_byte_order_mark() -> None:
    assert sniff.declared_encoding(b'\xef\xbb\xbf<?xml version="1.0" encoding="cp1252"?>') == (
        "cp1252"
    )
    assert sniff.declared_encoding(b"<a/>") is None


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("UTF-8", True),
        ("utf8", True),
        ("UTF-16", True),
        ("latin1", True),
        ("windows-1252", True),
        ("US-ASCII", True),
        ("UTF-7", False),
        ("UTF-32", False),
        ("cp500", False),  # EBCDIC
        ("no-such-encoding", False),
        ("utf\x008", False),
    ],
)
def test_allowed_encoding(name: str, allowed: bool) -> None:
    assert sniff.allowed_encoding(name) is allowed


@pytest.mark.parametrize(
    ("data", "end", "doctype"),
    [
        (b"<a/>", 0, -1),
        (b'<?xml version="1.0"?>\n<!-- c -->\n<?pi x?>\n<a/>', 42, -1),
        (b"\xef\xbb\xbf<a/>", 3, -1),
        (b"<!DOCTYPE a><a/>", None, 0),
        (b"<!---->\n<!doctype a><a/>", None, 8),
        (b"<!-- unfinished", None, -1),
        (b"<![CDATA[x]]><a/>", None, -1),
    ],
)
def test_prolog_end_and_doctype(data: bytes, end: int | None, doctype: int) -> None:
    assert sniff.prolog_end(data) == end
    start = 3 if data.startswith(sniff.UTF8_BOM) else 0
    assert sniff.doctype(data, start) == doctype


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b'<?xml version="1.0"?><nitf version="3.6"/>', "nitf"),
        (b"<!DOCTYPE nitf SYSTEM 'x'>\n<nitf/>", "nitf"),
        (b"<!-- c --><g2:newsItem xmlns:g2='x'/>", "newsItem"),
        ("<?xml version='1.0'?><nitf/>".encode("utf-16-le"), "nitf"),
        (codecs.BOM_UTF16_BE + "<nitf/>".encode("utf-16-be"), "nitf"),
        (b"<!-- unfinished <nitf/>", None),
        (b"{}", None),
    ],
)
def test_root_name(data: bytes, name: str | None) -> None:
    assert sniff.root_name(data) == name
