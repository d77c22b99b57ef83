"""NewsML-G2: a 2.35 newsItem valid against IPTC's XSD (its NITF body valid against the
NITF XSD), an exact round trip, and newsItems from elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from iptc_support import (
    SAMPLES,
    assert_valid_article,
    assert_xsd_valid,
    newsml_schema,
    nitf_schema,
    reference,
)
from lxml import etree

from dtmarkup import formats
from dtmarkup import model as m
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats import newsml
from dtmarkup.formats.dtm import load
from dtmarkup.xml.serialize import serialize

G2 = {"g": newsml.G2_NS}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_exports_a_valid_newsitem(path: Path) -> None:
    root = etree.fromstring(newsml.write(load(path)).data)
    assert_xsd_valid(newsml_schema(), root)
    (body,) = root.xpath("g:contentSet/g:inlineXML/*", namespaces=G2)
    assert_xsd_valid(nitf_schema(), etree.fromstring(etree.tostring(body)))


def test_reference_content_meta() -> None:
    result = newsml.write(reference())
    assert [d.code for d in result.diagnostics] == ["DT320", "DT321", "DT323", "DT322"]
    root = etree.fromstring(result.data)

    def one(path: str) -> str:
        values = root.xpath(path, namespaces=G2)
        assert len(values) == 1, path
        return str(values[0])

    assert one("g:contentMeta/g:creator[@role='crol:writer']/g:name/text()") == "Gary Raynaldo"
    assert one("g:contentMeta/g:contributor[@role='crol:photographer']/@literal") == "przysucha"
    assert one("g:contentMeta/g:located/g:name/text()") == "Reykjavik"
    assert one("g:contentMeta/g:located/g:broader/@qcode") == "iso3166-1a2:IS"
    assert one("g:contentMeta/g:dateline/text()") == "REYKJAVIK, May 19, 2021"
    assert one("g:contentMeta/g:creditline/text()") == "DIPLOMATIC TIMES"
    assert one("g:contentMeta/g:language/@tag") == "en"
    assert one("g:contentMeta/g:subject/@qcode") == "medtop:11000000"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_round_trip_through_newsml_is_exact(path: Path) -> None:
    article = load(path)
    back = newsml.read(newsml.write(article).data, "rt.xml")
    assert back.diagnostics == ()
    assert serialize(back.article) == serialize(article)


XHTML_ITEM = b"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet href="item.xsl"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://iptc.org/std/nar/2006-10-01/ NewsML-G2.xsd"
  guid="urn:newsml:stt.fi:20230101:101" version="2" standard="NewsML-G2"
  standardversion="2.29" xml:lang="fi">
 <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:STT"/>
  <versionCreated>2023-01-01T10:05:00+0200</versionCreated>
  <firstCreated>2023-01-01T10:00:00+02:00</firstCreated></itemMeta>
 <contentMeta>
  <located qcode="city:HEL"><name>Helsinki</name></located>
  <creator><name>Liisa Virtanen</name></creator>
  <subject qcode="medtop:11000000"><name>politiikka</name></subject>
  <headline>Hallitus esitteli budjetin</headline>
  <dateline>HELSINKI (STT) - </dateline>
 </contentMeta>
 <contentSet><inlineXML contenttype="application/xhtml+xml">
  <html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>
   <h1>Hallitus esitteli budjetin</h1>
   <p>Hallitus esitteli <strong>tiistaina</strong> budjettinsa.</p>
   <blockquote><p>Talous kasvaa.</p></blockquote>
  </body></html>
 </inlineXML></contentSet>
</newsItem>"""


def test_xhtml_in_inline_xml_imports() -> None:
    result = newsml.read(XHTML_ITEM, "stt.xml")
    article = assert_valid_article(result)
    assert [d.code for d in result.diagnostics] == ["DT354", "DT348"]
    head = article.head
    assert article.id == "urn:newsml:stt.fi:20230101:101"
    assert article.revision == 2
    assert head.published == "2023-01-01T10:00:00+02:00"
    assert head.updated == "2023-01-01T10:05:00+02:00"
    assert head.entities.get(head.dateline.place.ref) == m.Place("helsinki", "FI", "Helsinki")
    assert head.dateline.place.text == "HELSINKI"
    assert article.body == (
        m.Paragraph(("Hallitus esitteli ", m.Strong(("tiistaina",)), " budjettinsa.")),
        m.Paragraph(("Talous kasvaa.",)),
    )


def test_news_message_imports_its_first_text_item() -> None:
    inner = XHTML_ITEM.split(b"?>", 2)[2]
    message = (
        b'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header>'
        b"<sent>2023-01-01T10:06:00Z</sent></header><itemSet>" + inner.replace(
            b' xmlns="http://iptc.org/std/nar/2006-10-01/"', b""
        ) + inner.replace(b' xmlns="http://iptc.org/std/nar/2006-10-01/"', b"") +
        b"</itemSet></newsMessage>"
    )  # fmt: skip
    result = newsml.read(message, "message.xml")
    assert_valid_article(result)
    assert [d.code for d in result.diagnostics] == ["DT361", "DT354", "DT348"]


PICTURE_ITEM = b"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:pic:1"
  standard="NewsML-G2" standardversion="2.35" xml:lang="en-US">
 <itemMeta><itemClass qcode="ninat:picture"/><provider qcode="nprov:GETTY"/>
  <versionCreated>2022-05-01T12:00:00Z</versionCreated></itemMeta>
 <contentMeta>
  <creator role="crol:photographer"><name>Spencer Platt</name></creator>
  <creditline>Getty Images</creditline>
  <headline>Traders work on the floor</headline>
  <description role="drol:caption">Traders at the NYSE. (Photo by Spencer Platt/Getty
   Images)</description>
 </contentMeta>
 <contentSet><remoteContent href="http://example.com/p/1_small.jpg" width="300"/>
  <remoteContent href="http://example.com/p/1.jpg" width="3000"/></contentSet>
</newsItem>"""


def test_picture_item_becomes_an_article_with_one_figure() -> None:
    result = newsml.read(PICTURE_ITEM, "pic.xml")
    article = assert_valid_article(result)
    (figure,) = article.body
    assert isinstance(figure, m.Figure)
    assert figure.image.src == "http://example.com/p/1.jpg"
    assert figure.credit == m.Credit("Spencer Platt/Getty Images", "getty-images", "spencer-platt")
    assert "DT360" in {d.code for d in result.diagnostics}


def test_a_package_is_refused_with_its_code() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        newsml.read(b'<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>', "p.xml")
    assert [d.code for d in caught.value.diagnostics] == ["DT357"]


def test_detection_picks_newsml() -> None:
    assert formats.detect("item.xml", newsml.write(reference()).data).name == "newsml"
    assert formats.detect("item.xml", XHTML_ITEM).name == "newsml"
