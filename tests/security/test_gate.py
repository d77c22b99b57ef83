"""The input gate in detail: what passes, what is refused, and where the finding points."""

from __future__ import annotations

import codecs
import io
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dtmarkup.diagnostics import Diagnostic
from dtmarkup.errors import UnreadableInputError
from dtmarkup.xml.gate import (
    DEFAULT_LIMITS,
    MAX_FINDINGS_PER_CODE,
    InputRejected,
    Limits,
    parse_bytes,
    read_source,
    source_name,
)

SAMPLES = sorted((Path(__file__).parents[2] / "samples").glob("*.xml"))


def refused(data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[Diagnostic, ...]:
    with pytest.raises(InputRejected) as caught:
        parse_bytes(data, limits)
    return caught.value.diagnostics


def where(data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[tuple[str, int | None, int | None]]:
    return [(d.code, d.line, d.column) for d in refused(data, limits)]


# --- what passes ------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples_pass_the_gate(sample: Path) -> None:
    tree = parse_bytes(sample.read_bytes())
    assert tree.getroot().tag == "{urn:dtmarkup:1}article"


@pytest.mark.parametrize(
    ("encoding", "declared"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8", None),
        ("utf-8-sig", None),
        ("utf-8-sig", "utf-8"),
        ("utf-16", "UTF-16"),
        ("utf-16", None),
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
        ("iso-8859-1", "ISO-8859-1"),
        ("iso-8859-1", "latin1"),
        ("iso-8859-15", "ISO-8859-15"),
        ("cp1252", "windows-1252"),
        ("ascii", "US-ASCII"),
    ],
)
def test_allowed_encodings(encoding: str, declared: str | None) -> None:
    text = "é" if encoding != "ascii" else "e"
    declaration = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    data = f"{declaration}<a>{text}</a>".encode(encoding)
    assert parse_bytes(data).getroot().text == text


def test_comments_and_lookalikes_are_not_refused() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!-- <!DOCTYPE x> is not a DOCTYPE here -->\n'
        b"<a><![CDATA[<!DOCTYPE a><?pi?><xi:include/>&nbsp;]]> &lt;!DOCTYPE&gt; &#160;</a>"
    )
    assert parse_bytes(data).getroot().tag == "a"


def test_xml_declaration_is_not_a_processing_instruction() -> None:
    assert parse_bytes(b'<?xml version="1.0" standalone="yes"?><a/>').getroot().tag == "a"


def test_other_xsi_attributes_pass() -> None:
    xsi = b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    assert parse_bytes(b"<a " + xsi + b' xsi:nil="true"/>').getroot().tag == "a"


def test_attributes_up_to_the_limit_pass() -> None:
    attributes = " ".join(f'a{i}="{i}"' for i in range(100)).encode()
    assert len(parse_bytes(b"<a " + attributes + b"/>").getroot().attrib) == 100


def test_nesting_up_to_256_passes() -> None:
    assert parse_bytes(b"<a>" * 256 + b"</a>" * 256).getroot().tag == "a"


def test_text_up_to_10_million_characters_passes() -> None:
    assert len(parse_bytes(b"<a>" + b"x" * 10_000_000 + b"</a>").getroot().text or "") == (
        10_000_000
    )


# --- what is refused, and where ---------------------------------------------------------------


def test_doctype_position_in_utf8_with_bom() -> None:
    assert where(b"\xef\xbb\xbf<?xml version='1.0'?>\n  <!DOCTYPE a>\n<a/>") == [("DT003", 2, 3)]


def test_doctype_in_utf16_without_bom() -> None:
    data = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE a><a/>'.encode("utf-16-be")
    assert where(data) == [("DT003", 2, 1)]


def test_doctype_after_prolog_comment_and_pi() -> None:
    data = b"<!-- c -- d -->\n<?x y?><!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>"
    assert where(data) == [("DT003", 2, 8)]


def test_encoding_finding_points_at_the_name() -> None:
    assert where(b"<?xml version='1.0' encoding='UTF-7'?><a/>") == [("DT006", 1, 31)]


def test_utf7_signature_is_refused() -> None:
    assert where(b"+/v8-<a/>") == [("DT006", 1, 1)]


def test_nul_position() -> None:
    assert where(b"<a>\n  ab\x00</a>") == [("DT008", 2, 5)]


def test_nul_in_utf16() -> None:
    assert where("<a>\x00</a>".encode("utf-16")) == [("DT008", 1, 4)]


@pytest.mark.parametrize(
    ("magic", "kind"),
    [
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"PK\x03\x04", "zip"),
        (b"BZh91AY&SY", "bzip2"),
        (b"\xfd7zXZ\x00\x00", "xz"),
        (b"\x28\xb5\x2f\xfd", "zstd"),
        (b"7z\xbc\xaf\x27\x1c", "7-zip"),
    ],
)
def test_compressed_inputs(magic: bytes, kind: str) -> None:
    (finding,) = refused(magic + b"\x00" * 32)
    assert finding.code == "DT007"
    assert kind in finding.message


def test_processing_instructions_everywhere() -> None:
    data = b"<?before x?>\n<a>\n  <b><?inside y?></b>\n</a>\n<?after z?>"
    assert [(d.code, d.line, d.column, d.xpath) for d in refused(data)] == [
        ("DT012", 1, 1, "/processing-instruction()"),
        ("DT012", 3, 6, "/a/b/processing-instruction()"),
        ("DT012", 5, 1, "/processing-instruction()"),
    ]


@pytest.mark.parametrize(
    "namespace", ["http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude"]
)
def test_xinclude_in_both_namespaces(namespace: str) -> None:
    data = f'<a xmlns:x="{namespace}">\n <x:include href="b.xml"><x:fallback/></x:include></a>'
    findings = refused(data.encode())
    assert [(d.code, d.line, d.column, d.xpath) for d in findings] == [
        ("DT013", 2, 2, "/a/include"),
        ("DT013", 2, 26, "/a/include/fallback"),
    ]


def test_schema_location_hint_points_at_its_element() -> None:
    data = (
        b'<a xmlns:s="http://www.w3.org/2001/XMLSchema-instance">\n'
        b'  <b\n   s:schemaLocation="urn:x x.xsd"/></a>'
    )
    findings = refused(data)
    assert [(d.code, d.line, d.column, d.xpath) for d in findings] == [("DT014", 2, 3, "/a/b")]
    assert "xsi:schemaLocation" in findings[0].message


def test_start_tags_over_several_lines_and_several_per_line() -> None:
    data = (
        b'<a xmlns:xi="http://www.w3.org/2001/XInclude">\n'
        b'  <xi:include\n      href="one.xml"/>\n'
        b'<xi:include href="2"/><xi:include href="3"/><!-- <xi:include/> -->\n'
        b"</a>"
    )
    assert where(data) == [("DT013", 2, 3), ("DT013", 4, 1), ("DT013", 4, 23)]


def test_findings_are_capped_per_code() -> None:
    findings = refused(b"<a>" + b"<?x?>" * 500 + b"</a>")
    assert len(findings) == MAX_FINDINGS_PER_CODE + 1
    assert (
        findings[-1].message == f"{500 - MAX_FINDINGS_PER_CODE} more findings like the ones above"
    )
    assert [d.column for d in findings[:3]] == [4, 9, 14]


def test_all_policy_findings_are_reported_together() -> None:
    data = (
        b'<a xmlns:xi="http://www.w3.org/2001/XInclude"'
        b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        b' xsi:noNamespaceSchemaLocation="a.xsd"><?p?><xi:include href="x"/></a>'
    )
    assert sorted(d.code for d in refused(data)) == ["DT012", "DT013", "DT014"]


def test_libxml2_depth_limit_is_dt009() -> None:
    assert [d.code for d in refused(b"<a>" * 257 + b"</a>" * 257)] == ["DT009"]


def test_undefined_entity_position() -> None:
    assert where(b"<a>\n x &nbsp;</a>") == [("DT004", 2, 4)]


def test_malformed_is_dt001() -> None:
    (finding,) = refused(b"<a><b></a>")
    assert finding.code == "DT001"
    assert finding.message.startswith("not well-formed: ")
    assert ", line " not in finding.message


# --- limits -----------------------------------------------------------------------------------


def test_lowered_depth_limit() -> None:
    data = b"<a>" * 11 + b"</a>" * 11
    assert parse_bytes(data, Limits(max_depth=11)).getroot().tag == "a"
    findings = refused(data, Limits(max_depth=10))
    assert [(d.code, d.xpath) for d in findings] == [("DT009", "/a" + "/a" * 10)]


def test_lowered_text_limit_applies_to_text_and_attributes() -> None:
    assert parse_bytes(b"<a b='12345'>12345</a>", Limits(max_text=5)).getroot().text == "12345"
    assert [d.code for d in refused(b"<a>123456</a>", Limits(max_text=5))] == ["DT010"]
    assert [d.code for d in refused(b"<a><b c='123456'/></a>", Limits(max_text=5))] == ["DT010"]


def test_lowered_attribute_limit() -> None:
    assert [d.code for d in refused(b"<a x='1' y='2'/>", Limits(max_attributes=1))] == ["DT011"]


def test_size_limit_counts_bytes() -> None:
    assert parse_bytes(b"<a/>", Limits(max_bytes=4)).getroot().tag == "a"
    assert [d.code for d in refused(b"<a/> ", Limits(max_bytes=4))] == ["DT005"]


@pytest.mark.parametrize(
    "limits",
    [
        {"max_bytes": 0},
        {"max_depth": 0},
        {"max_depth": 257},
        {"max_text": 10_000_001},
        {"max_attributes": 0},
    ],
)
def test_limits_that_cannot_be_honoured(limits: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="Limits"):
        Limits(**limits)


# --- reading ----------------------------------------------------------------------------------


class CountingStream(io.RawIOBase):
    """An endless stream that returns short reads, like a pipe, and counts what it gave."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = min(len(buffer), 7)
        buffer[:size] = b"x" * size
        self.given += size
        return size


def test_read_source_stops_one_chunk_past_the_limit() -> None:
    stream = CountingStream()
    with pytest.raises(InputRejected) as caught:
        read_source(stream, Limits(max_bytes=100))  # type: ignore[arg-type]
    assert [d.code for d in caught.value.diagnostics] == ["DT005"]
    assert stream.given <= 101 + 7


def test_read_source_reads_short_reads_to_the_end() -> None:
    class Short(io.RawIOBase):
        def __init__(self) -> None:
            self.left = b"<a>short reads</a>"

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            chunk, self.left = self.left[:3], self.left[3:]
            buffer[: len(chunk)] = chunk
            return len(chunk)

    assert read_source(Short()) == b"<a>short reads</a>"  # type: ignore[arg-type]


def test_a_string_is_a_path_never_xml(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInputError):
        read_source("<a/>")
    with pytest.raises(UnreadableInputError):
        read_source("http://127.0.0.1:9/article.xml")


def test_a_directory_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInputError):
        read_source(tmp_path)


def test_a_text_stream_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="binary mode"):
        read_source(io.StringIO("<a/>"))  # type: ignore[arg-type]


def test_source_names(tmp_path: Path) -> None:
    assert source_name(tmp_path / "a.xml") == str(tmp_path / "a.xml")
    assert source_name(b"<a/>") == "<bytes>"
    assert source_name(io.BytesIO(b"")) == "<stream>"


def test_a_path_with_a_nul_is_unreadable() -> None:
    with pytest.raises(UnreadableInputError):
        read_source("article\x00.xml")


def test_running_out_of_memory_is_dt005(monkeypatch: pytest.MonkeyPatch) -> None:
    from lxml import etree

    def exhausted(data: bytes, parser: object) -> None:
        raise MemoryError

    monkeypatch.setattr(etree, "fromstring", exhausted)
    assert [d.code for d in refused(b"<a/>")] == ["DT005"]


def test_an_importer_may_permit_pis_and_hints_only() -> None:
    from dtmarkup.xml.gate import PERMISSIBLE

    data = (
        b'<?xml-stylesheet href="x.xsl"?><nitf'
        b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        b' xsi:noNamespaceSchemaLocation="nitf.xsd"><?pi?></nitf>'
    )
    assert [d.code for d in refused(data)] == ["DT012", "DT014", "DT012"]
    assert parse_bytes(data, permit=PERMISSIBLE).getroot().tag == "nitf"
    with_xinclude = data.replace(b"<?pi?>", b'<i xmlns="http://www.w3.org/2001/XInclude"/>')
    with pytest.raises(InputRejected) as caught:
        parse_bytes(with_xinclude, permit=PERMISSIBLE)
    assert [d.code for d in caught.value.diagnostics] == ["DT013"]
    with pytest.raises(ValueError, match="DT013"):
        parse_bytes(data, permit={"DT013"})


def _in_thread(function: Callable[[], bytes]) -> bytes | None:
    """The result of ``function``, or None if it is still blocked after 10 s."""
    result: list[bytes] = []
    worker = threading.Thread(target=lambda: result.append(function()), daemon=True)
    worker.start()
    worker.join(10)
    return result[0] if result else None


def test_a_named_pipe_without_writer_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "article.xml"
    os.mkfifo(fifo)
    assert _in_thread(lambda: read_source(fifo)) == b""


def test_a_named_pipe_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "article.xml"
    os.mkfifo(fifo)
    # A writer that has the pipe open before we read: opening for writing needs a reader,
    # so a second, idle reader lets it open first.
    idle = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    writer = os.open(fifo, os.O_WRONLY)
    os.write(writer, b"<a>")

    def finish() -> None:
        time.sleep(0.2)
        os.write(writer, b"</a>")
        os.close(writer)

    threading.Thread(target=finish, daemon=True).start()
    try:
        assert _in_thread(lambda: read_source(fifo)) == b"<a></a>"
    finally:
        os.close(idle)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_document_head_is_utf8_whatever_the_encoding(encoding: str) -> None:
    from dtmarkup.xml.gate import document_head

    text = '<?xml version="1.0" encoding="UTF-16"?><article xmlns="urn:dtmarkup:1">é'
    head = document_head(text.encode(encoding), size=60)
    assert head.startswith(b"<?xml")
    assert b"urn:dtmarkup:1" in document_head(text.encode(encoding))
    assert len(head) <= 62


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x1f\x8b\x08\x00", "DT007"),
        (b"PK\x03\x04", "DT007"),
        ("x".encode("utf-32"), "DT006"),
        (b"+/v8-", "DT006"),
    ],
)
def test_refuse_binary(data: bytes, code: str) -> None:
    from dtmarkup.xml.gate import refuse_binary

    with pytest.raises(InputRejected) as caught:
        refuse_binary(data)
    assert [d.code for d in caught.value.diagnostics] == [code]


def test_refuse_binary_lets_text_through() -> None:
    from dtmarkup.xml.gate import refuse_binary

    for data in (b"REYKJAVIK, May 19 (DT) -", "Zürich".encode("utf-16"), b"{}", b""):
        refuse_binary(data)


def test_errors_libxml2_does_not_fail_on_are_refused_too() -> None:
    """Found by the atheris harness: after a processing instruction, libxml2 logs the
    invalid namespace URI "}" as an error but lxml builds the tree ('{}}article') anyway;
    the policy pass then crashed on it. The gate reads the parser's error log."""
    data = (
        b'<?l?><!----><article xmlns="}" x=""><head><headline></headline><byline>'
        b'<author f=""></author><publication f=""></publication></byline><dateline>'
        b"</dateline><published></published><updated></updated><subjects>"
        b'<subject q=""></subject></subjects><entities><person d=""><name></name></person>'
        b'<organization d=""><name></name></organization><organization d=""><name></name>'
        b'</organization><place d="" c=""></place></entities></head><body><p>'
        b'<mention f=""></mention><date n=""></date><mention r=""></mention>'
        b'<mention f=""></mention></p><statement d=""><p><mention r=""></mention>'
        b'<mention f=""></mention></p><statement n="" d=""><p><?xmlT?></p></statement>'
        b"<p></p></statement><p></p></body></article>"
    )
    (finding,) = refused(data)
    assert (finding.code, finding.line, finding.column) == ("DT001", 1, 31)
    assert finding.message == "not well-formed: xmlns: '}' is not a valid URI"


def test_local_names_survive_odd_namespaces() -> None:
    from dtmarkup.xml.names import local_name

    assert local_name("{}}article") == "article"
    assert local_name("{urn:dtmarkup:1}p") == "p"
    assert local_name("p") == "p"


# --- issue 18.1: the screen reads the XML declaration whatever its length ---------------------

_UTF7_DOCTYPE = b"\n+ADw-!DOCTYPE a +AFs- +ADw-!ENTITY x +ACI-y+ACI-+AD4- +AF0-+AD4-\n<a>&x;</a>"


@pytest.mark.parametrize(
    ("declaration", "line", "column"),
    [
        (b'<?xml version="1.0" encoding="UTF-7"?>', 1, 31),
        (b'<?xml version="1.' + b"0" * 10_000 + b'" encoding="UTF-7"?>', 1, 10_030),
        (b'<?xml version="1.0"' + b" " * 300 + b'encoding="UTF-7"?>', 1, 330),
        (b'<?xml version="1.0"' + b"\t\r\n" * 300 + b'encoding="UTF-7"?>', 301, 11),
        (b'<?xml version="encoding=\'UTF-8\'" encoding="UTF-7"?>', 1, 44),
        (b"<?xml encoding='UTF-7'?>", 1, 17),
    ],
)
def test_a_long_declaration_does_not_hide_its_encoding(
    declaration: bytes, line: int, column: int
) -> None:
    assert where(declaration + _UTF7_DOCTYPE) == [("DT006", line, column)]


def test_a_long_declaration_does_not_hide_its_encoding_in_utf16() -> None:
    declaration = '<?xml version="1.0"' + " " * 300 + 'encoding="UTF-7"?><a/>'
    data = codecs.BOM_UTF16_LE + declaration.encode("utf-16-le")
    assert where(data) == [("DT006", 1, 330)]


def test_a_huge_encoding_name_is_shown_cut_short() -> None:
    (finding,) = refused(b'<?xml version="1.0" encoding="' + b"x" * 100_000 + b'"?><a/>')
    assert finding.code == "DT006"
    assert "'" + "x" * 60 + "…'" in finding.message
    assert len(finding.message) < 200


@pytest.mark.parametrize(
    "data",
    [
        "<article xmlns='urn:dtmarkup:1'/>".encode("utf-16-le"),
        "<collection xmlns='urn:dtmarkup:1'><article/></collection>".encode("utf-16-le"),
        "<collection xmlns='urn:dtmarkup:1'><article/></collection>".encode("utf-16-be"),
    ],
    ids=["article", "collection-le", "collection-be"],
)
def test_bom_less_utf16_without_a_declaration_is_one_finding_whatever_the_root(
    data: bytes,
) -> None:
    """Without a byte-order mark or declaration the parser reads UTF-8 with NUL bytes:
    DT008 as an article and as a collection alike (they used to disagree: DT006)."""
    from dtmarkup import validate

    report = validate(data)
    assert [(d.code, d.line) for d in report.diagnostics] == [("DT008", 1)]


def test_too_many_elements_are_refused_before_parsing() -> None:
    """A few hundred KB of empty tags: refused by counting, nothing parsed (DT015)."""
    sample = (
        Path(__file__).parents[2] / "samples" / "torshavn-fisheries-wire-brief.xml"
    ).read_bytes()
    data = sample.replace(b"<body>", b"<body><p>" + b"<em/>" * 60_000 + b"x</p>", 1)
    with pytest.raises(InputRejected) as refused:
        parse_bytes(data)
    assert [d.code for d in refused.value.diagnostics] == ["DT015"]
    assert parse_bytes(data, Limits(max_elements=70_000, max_children=70_000)).getroot() is not None


def test_the_element_count_ignores_end_tags_comments_and_declarations() -> None:
    body = b"<p>x</p><!-- c --><?pi x?>" * 3
    data = b'<?xml version="1.0"?><article xmlns="urn:dtmarkup:1">' + body + b"</article>"
    with pytest.raises(InputRejected) as refused:
        parse_bytes(data, Limits(max_elements=3))
    assert [d.code for d in refused.value.diagnostics] == ["DT015"]
    with pytest.raises(InputRejected) as policy:  # four elements pass the count
        parse_bytes(data, Limits(max_elements=4))
    assert "DT015" not in {d.code for d in policy.value.diagnostics}


def test_too_many_children_of_one_element_are_refused() -> None:
    """20,000 sibling paragraphs with a schema error each: refused (DT016) before the schema
    layer, whose error places would cost quadratic time."""
    sample = (SAMPLES[0].parent / "torshavn-fisheries-wire-brief.xml").read_bytes()
    data = sample.replace(b"<body>", b"<body>" + b'<p class="x">y</p>' * 20_000, 1)
    with pytest.raises(InputRejected) as refused:
        parse_bytes(data)
    (finding,) = refused.value.diagnostics
    assert finding.code == "DT016"
    assert finding.xpath == "/article/body"
    assert parse_bytes(data, Limits(max_children=30_000)).getroot() is not None


def test_children_are_not_counted_in_a_small_document() -> None:
    data = b'<article xmlns="urn:dtmarkup:1">' + b"<p>x</p>" * 5 + b"</article>"
    with pytest.raises(InputRejected) as refused:
        parse_bytes(data, Limits(max_children=4))
    assert [d.code for d in refused.value.diagnostics] == ["DT016"]
    assert parse_bytes(data, Limits(max_children=5)).getroot() is not None
