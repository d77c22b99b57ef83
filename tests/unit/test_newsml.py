"""NewsML-G2: a 2.35 newsItem valid against IPTC's XSD (its NITF body valid against the
NITF XSD), an exact round trip, and newsItems from elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from _support.iptc import (
    SAMPLES,
    assert_valid_article,
    assert_xsd_valid,
    check_golden,
    newsml_schema,
    nitf_schema,
    reference,
)
from lxml import etree

from dtmarkup import formats
from dtmarkup import model as m
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats.dtm import load
from dtmarkup.formats.read import newsml
from dtmarkup.formats.write import newsml as newsml_write
from dtmarkup.formats.write import newsml_package
from dtmarkup.xml.serialize import serialize

G2 = {"g": newsml_write.G2_NS}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_exports_a_valid_newsitem(path: Path) -> None:
    root = etree.fromstring(newsml_write.write(load(path)).data)
    assert_xsd_valid(newsml_schema(), root)
    (body,) = root.xpath("g:contentSet/g:inlineXML/*", namespaces=G2)
    assert_xsd_valid(nitf_schema(), etree.fromstring(etree.tostring(body)))


def test_reference_content_meta() -> None:
    result = newsml_write.write(reference())
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
    back = newsml.read(newsml_write.write(article).data, "rt.xml")
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
    assert [d.code for d in result.diagnostics] == ["DT354", "DT365", "DT348"]
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
        b"<sent>2023-01-01T10:06:00Z</sent></header><itemSet>"
        + inner.replace(b' xmlns="http://iptc.org/std/nar/2006-10-01/"', b"")
        + inner.replace(b' xmlns="http://iptc.org/std/nar/2006-10-01/"', b"")
        + b"</itemSet></newsMessage>"
    )
    result = newsml.read(message, "message.xml")
    assert_valid_article(result)
    assert [d.code for d in result.diagnostics] == ["DT354", "DT361", "DT365", "DT348"]


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
    assert formats.detect("item.xml", newsml_write.write(reference()).data).name == "newsml"
    assert formats.detect("item.xml", XHTML_ITEM).name == "newsml"


# ---------------------------------------------------------------------------- agency quirks
# Written for these tests after the habits of real feeds: an XHTML body with a page header
# and a dateline span, a creator given as a login name, a newsMessage wrapper (dpa style);
# inlineXML typed "xhtml/xml" with un-namespaced HTML, headings inside paragraphs, unknown
# elements, empty by/slugline (STT style).

DPA_STYLE = """<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <header><sent>2023-03-02T09:15:00+01:00</sent><origin>feed</origin></header>
 <itemSet>
  <newsItem guid="urn:newsml:example-agentur.de:20230302:230302-99-1" version="1"
 standard="NewsML-G2" standardversion="2.23" conformance="power" xml:lang="de">
   <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:ea">
<name>Example Agentur GmbH</name></provider>
    <versionCreated>2023-03-02T09:14:58+01:00</versionCreated><pubStatus qcode="stat:usable"/>
    <edNote role="x:closing">ea xyz</edNote></itemMeta>
   <contentMeta><urgency>4</urgency><located><name>Hamburg</name></located>
    <creator qcode="ea-ad:meier.jan"><name>meier.jan</name></creator>
    <subject qcode="eacountry:1" type="cpnat:geoArea"><name>Deutschland</name></subject>
    <subject qcode="medtop:20000822"><name>Fußball</name></subject>
    <keyword rank="1">Hafen</keyword>
    <headline rank="1">Hafen meldet Rekord beim Umschlag</headline>
    <dateline>Hamburg (ea) - </dateline><creditline>ea</creditline><language tag="de"/>
</contentMeta>
   <contentSet><inlineXML contenttype="application/xhtml+xml">
    <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Hafen</title></head><body>
     <header><ul class="slugline"><li class="subject">Wirtschaft</li>
<li class="keyword">Hafen</li></ul>
      <time class="publicationDate"
 data-datetime="2023-03-02T09:14:58+01:00">02.03.2023 09:14</time>
      <h1>Hafen meldet Rekord beim Umschlag</h1></header>
     <section class="main"><p>
<span class="dateline">Hamburg <span class="credit">(ea)</span> - </span>Der Hafen hat so
 viele Container umgeschlagen wie nie.</p>
      <p>«Wir sind sehr zufrieden», sagte die Sprecherin.</p></section>
    </body></html></inlineXML></contentSet>
  </newsItem>
 </itemSet>
</newsMessage>
"""

STT_STYLE = """<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"
 xmlns:x="http://example.invalid/ext" guid="urn:newsml:example.fi:20171219:1"
 standard="NewsML-G2" standardversion="2.12" x:formatversion="1.1" version="4" xml:lang="fi-FI">
<itemMeta><itemClass qcode="ninat:text"/><provider literal="EX"/>
<versionCreated>2017-12-19T11:16:43+02:00</versionCreated>
<firstCreated>2017-12-19T10:33:04+02:00</firstCreated><pubStatus qcode="stat:usable"/></itemMeta>
<contentMeta><contentCreated>2017-12-19T10:33:04+02:00</contentCreated>
<located type="loctyp:City"><name>Tampere</name></located>
<infoSource qcode="src:1"><name>EX</name></infoSource><slugline/><dateline>Tampere</dateline><by/>
<description role="drol:summary"/>
<headline>Kaupunki avasi uuden kirjaston</headline><creditline>EX–</creditline></contentMeta>
<contentSet><inlineXML contenttype="xhtml/xml"><html><body><p>Kaupunki avasi kirjaston.</p><p/><p>
<h3>Väliotsikko</h3></p><p>Kirjasto on auki <Company>Yhtiö</Company> tiloissa.</p>
<p>&amp;quot;Tervetuloa&amp;quot;, sanoi johtaja.</p></body></html></inlineXML></contentSet>
</newsItem>
"""


def test_dpa_style_message() -> None:
    result = newsml.read(DPA_STYLE.encode(), "dpa.xml")
    article = assert_valid_article(result)
    assert [d.code for d in result.diagnostics] == [
        "DT363",
        "DT344",
        "DT353",
        "DT344",
        "DT365",
        "DT348",
    ]
    assert article.head.dateline.place.text == "Hamburg"
    assert article.head.entities.get("hamburg") == m.Place("hamburg", "DE", "Hamburg")
    assert article.head.keywords == ("Hafen",)
    assert [m.plain_text(b.content) for b in article.body if isinstance(b, m.Paragraph)] == [
        "Hamburg (ea) - Der Hafen hat so viele Container umgeschlagen wie nie.",
        "«Wir sind sehr zufrieden», sagte die Sprecherin.",
    ]


def test_stt_style_item() -> None:
    result = newsml.read(STT_STYLE.encode(), "stt.xml")
    article = assert_valid_article(result)
    assert [d.code for d in result.diagnostics] == ["DT359", "DT344", "DT365"]
    assert article.lang == "fi-FI"
    assert article.body[1] == m.Heading(("Väliotsikko",))
    assert article.head.published == "2017-12-19T10:33:04+02:00"
    assert article.head.updated == "2017-12-19T11:16:43+02:00"


# ---------------------------------------------------------------------------- package


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_exports_a_valid_package(path: Path) -> None:
    article = load(path)
    root = etree.fromstring(newsml_package.write(article).data)
    assert_xsd_valid(newsml_schema(), root)
    figures = [b for b in article.body if isinstance(b, m.Figure)]
    classes = root.xpath("g:itemSet/*/g:itemMeta/g:itemClass/@qcode", namespaces=G2)
    assert classes == ["ninat:composite", "ninat:text"] + ["ninat:picture"] * len(figures)
    refs = root.xpath("g:itemSet/g:packageItem//g:itemRef/@residref", namespaces=G2)
    guids = root.xpath("g:itemSet/g:newsItem/@guid", namespaces=G2)
    assert refs == guids


def test_reference_picture_item() -> None:
    root = etree.fromstring(newsml_package.write(reference()).data)
    (picture,) = root.xpath("g:itemSet/g:newsItem[2]", namespaces=G2)

    def one(path: str) -> str:
        (value,) = picture.xpath(path, namespaces=G2)
        return str(value)

    assert one("g:contentMeta/g:creator[@role='crol:photographer']/g:name/text()") == (
        "Ron Przysucha"
    )
    assert one("g:contentMeta/g:creditline/text()") == "State Department photo by Ron Przysucha"
    assert one("g:contentSet/g:remoteContent/@width") == "1600"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_round_trip_through_a_package_is_exact(path: Path) -> None:
    article = load(path)
    back = newsml.read(newsml_package.write(article).data, "rt.xml")  # reads like any message
    assert back.diagnostics == ()
    assert serialize(back.article) == serialize(article)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_golden_newsml(path: Path, update_golden: bool) -> None:
    article = load(path)
    item = check_golden("newsml", path.name, newsml_write.write(article).data, update_golden)
    package = check_golden(
        "newsml-package", path.name, newsml_package.write(article).data, update_golden
    )
    for golden in (item, package):
        assert_xsd_valid(newsml_schema(), etree.fromstring(golden.read_bytes()))
