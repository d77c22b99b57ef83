"""NITF: export valid against IPTC's NITF 3.6 XSD, exact round trips, DTD-era quirks, and
agency copy the importer has never seen."""

from __future__ import annotations

from pathlib import Path

import pytest
from _support.iptc import (
    SAMPLES,
    assert_valid_article,
    assert_xsd_valid,
    check_golden,
    codes,
    nitf_schema,
    reference,
    texts,
)
from lxml import etree

from dtmarkup import formats
from dtmarkup import model as m
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats.dtm import load
from dtmarkup.formats.read import nitf
from dtmarkup.formats.write import nitf as nitf_write
from dtmarkup.formats.write.iptc import DTM
from dtmarkup.xml.serialize import serialize


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_exports_valid_nitf_36(path: Path) -> None:
    result = nitf_write.write(load(path))
    root = etree.fromstring(result.data)
    assert root.tag == "{http://iptc.org/std/NITF/2006-10-18/}nitf"
    assert_xsd_valid(nitf_schema(), root)


def test_reference_export_reports_exactly_what_nitf_cannot_carry() -> None:
    result = nitf_write.write(reference())
    assert [d.code for d in result.diagnostics] == ["DT320", "DT321", "DT323", "DT322"]
    assert all(d.severity == "warning" for d in result.diagnostics)
    assert result.diagnostics[0].message.startswith("2 speaker reference(s)")


def test_reference_export_names_speakers_in_quote_source() -> None:
    root = etree.fromstring(nitf_write.write(reference()).data)
    ns = {"n": nitf_write.NITF_NS}
    sources = root.xpath("//n:bq/@quote-source", namespaces=ns)
    assert sources == ["Antony J. Blinken", "Sergey Lavrov"]
    statement = root.xpath("//n:q[@class='dtmarkup-statement']", namespaces=ns)[0]
    assert statement.get("quote-source") == "U.S. Department of State"
    assert statement.get(f"{{{DTM}}}kind") == "statement"
    producer = root.xpath("//n:media-producer", namespaces=ns)[0]
    assert producer.text == "State Department photo by Ron Przysucha"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_round_trip_through_nitf_is_exact(path: Path) -> None:
    article = load(path)
    back = nitf.read(nitf_write.write(article).data, "rt.xml")
    assert back.diagnostics == ()
    assert serialize(back.article) == serialize(article)


def _strip_extensions(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for element in root.iter():
        for key in [k for k in element.attrib if k.startswith(f"{{{DTM}}}")]:
            del element.attrib[key]
    etree.cleanup_namespaces(root)
    return etree.tostring(root)


def test_plain_nitf_round_trip_keeps_the_text_and_says_what_it_lost() -> None:
    """What a NITF consumer that drops dtmarkup's extension attributes passes on."""
    article = reference()
    back = nitf.read(_strip_extensions(nitf_write.write(article).data), "plain.xml")
    assert_valid_article(back)
    assert texts(back.article) == texts(article)
    # the losses, exactly: two inline place names in the text whose country no table knows
    # are left unlinked, and the credit is re-typed from its text
    assert [d.code for d in back.diagnostics] == ["DT358", "DT350"]
    credit = next(b for b in back.article.body if isinstance(b, m.Figure)).credit
    entities = back.article.head.entities
    assert entities.name(credit.photographer) == "Ron Przysucha"
    assert entities.name(credit.source) == "State Department"
    speakers = [b.speaker for b in back.article.body if isinstance(b, m.BlockQuote)]
    assert [entities.name(s) for s in speakers] == ["Antony J. Blinken", "Sergey Lavrov"]


# ---------------------------------------------------------------------------- DTD-era quirks

DTD_ERA = b"""<?xml version="1.0" encoding="iso-8859-1"?>
<!-- an old feed -->
<!DOCTYPE nitf SYSTEM "http://example.invalid/nitf-3-1.dtd">
<nitf version="-//IPTC//DTD NITF 3.1//EN" change.date="June 14, 2002" change.time="1200">
 <head>
  <docdata><doc-id id-string="PA-123"/><date.issue norm="20151210T191044Z"/></docdata>
 </head>
 <body>
  <body.head>
   <hedline><hl1>Keane to quit international football</hl1></hedline>
   <byline>By <person>Sam Wallace</person>, <byttl>Chief Football Writer</byttl></byline>
   <dateline><location><city>Dublin</city></location></dateline>
  </body.head>
  <body.content>
   <p>Roy Keane said&nbsp;on Tuesday he would retire.</p>
   <p quote-source="Roy Keane">\xabIt is time,\xbb</p>
  </body.content>
 </body>
</nitf>"""


def test_dtd_era_nitf_imports_with_its_quirks_repaired() -> None:
    result = nitf.read(DTD_ERA, "pa.xml")
    article = assert_valid_article(result)
    assert [d.code for d in result.diagnostics] == ["DT340", "DT342", "DT355", "DT365", "DT348"]
    head = article.head
    assert head.headline == "Keane to quit international football"
    assert head.published == "2015-12-10T19:10:44Z"
    assert head.dateline.place.text == "Dublin"
    assert head.entities.get(head.dateline.place.ref) == m.Place("dublin", "IE", "Dublin")
    author = head.entities.get(head.byline.authors[0].ref)
    assert author == m.Person("sam-wallace", "Sam Wallace", "Chief Football Writer")
    assert article.body[0] == m.Paragraph(("Roy Keane said\u00a0on Tuesday he would retire.",))
    quote = article.body[1]
    assert isinstance(quote, m.Paragraph)
    assert quote.content == (m.Quote("roy-keane", ("It is time,",)),)


def test_a_doctype_with_internal_subset_is_refused_not_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><nitf><body><body.content>'
        b"<p>&b;</p></body.content></body></nitf>"
    )
    with pytest.raises(InvalidDocumentError) as caught:
        nitf.read(bomb, "bomb.xml")
    assert [d.code for d in caught.value.diagnostics] == ["DT341"]


def test_an_external_entity_is_never_resolved() -> None:
    xxe = (
        b'<!DOCTYPE nitf SYSTEM "file:///etc/passwd"><nitf><body><body.content>'
        b"<p>&xxe;</p></body.content></body></nitf>"
    )
    with pytest.raises(InvalidDocumentError) as caught:
        nitf.read(xxe, "xxe.xml")
    assert [d.code for d in caught.value.diagnostics] == ["DT004"]


def test_not_nitf_is_refused_with_its_code() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        nitf.read(b"<rss><channel/></rss>", "feed.xml")
    assert [d.code for d in caught.value.diagnostics] == ["DT357"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<nitf><body/></nitf>", True),
        (b'<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE nitf SYSTEM "n.dtd"><nitf>', True),
        (b'<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><head/>', True),
        (b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><nitf/>', False),
        (b'<article xmlns="urn:dtmarkup:1">', False),
    ],
)
def test_sniff_looks_at_the_root_element(data: bytes, expected: bool) -> None:
    assert nitf.sniff(data) is expected


def test_detection_picks_nitf_for_an_exported_file() -> None:
    data = nitf_write.write(reference()).data
    assert formats.detect("story.xml", data).name == "nitf"


# ---------------------------------------------------------------------------- unseen copy

VARIANTS = {
    "reuters-namespaced-3.5": b"""<?xml version="1.0" encoding="UTF-8"?>
<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/" version="-//IPTC//DTD NITF 3.5//EN"
      baselang="en-GB">
 <head><title>UK inflation rises</title>
  <docdata><doc-id id-string="RTR-2024-0001"/>
   <date.issue norm="20240117T070001+0000"/><evloc city="London" iso-cc="GBR"/></docdata>
 </head>
 <body><body.head>
  <hedline><hl1>UK inflation unexpectedly rises to 4.0%</hl1></hedline>
  <byline><person>David Milliken</person><byttl>Reuters</byttl></byline>
 </body.head>
 <body.content>
  <p>LONDON, Jan 17 (Reuters) - British inflation rose unexpectedly in December.</p>
  <p><q quote-source="Jeremy Hunt">It is not going to be a straight line,</q> finance minister
  Jeremy Hunt said.</p>
  <media media-type="image"><media-reference source="https://img.example/boe.jpg"
    alternate-text="The Bank of England"/>
   <media-caption>The Bank of England in London. REUTERS/Toby Melville</media-caption>
   <media-producer>REUTERS/Toby Melville</media-producer></media>
 </body.content></body></nitf>""",
    "afp-no-byline-bq": b"""<nitf version="-//IPTC//DTD NITF 3.3//EN" baselang="fr">
 <head><docdata><date.issue norm="20230301T120000+0100"/></docdata></head>
 <body><body.head><hedline><hl1>Gr\xc3\xa8ve dans les transports</hl1></hedline>
  <distributor>AFP</distributor><dateline>PARIS, 1 mars</dateline></body.head>
 <body.content>
  <p>La gr\xc3\xa8ve se poursuit.</p>
  <bq><block><p>Nous irons jusqu'au bout.</p></block><credit>Sophie Binet</credit></bq>
  <table><tr><td>1</td></tr></table>
 </body.content></body></nitf>""",
    "dpa-caption-credit": b"""<nitf baselang="de">
 <head><docdata><date.issue norm="2022-06-01T10:00:00"/></docdata></head>
 <body><body.head><hedline><hl1>Hitze in Berlin</hl1></hedline>
  <byline>Von Anna Schmidt, dpa</byline></body.head>
 <body.content><p>Berlin (dpa) - Es wird hei\xc3\x9f.</p>
  <media media-type="image"><media-reference source="hitze.jpg"/>
   <media-caption>Menschen am See. Foto: Paul Zinken/dpa</media-caption></media>
  <media media-type="video"><media-reference source="clip.mp4"/></media>
 </body.content></body></nitf>""",
    "ap-photo-initials": b"""<nitf><head><docdata><doc-id regsrc="AP"/></docdata></head>
 <body><body.head><hedline><hl1>Storm batters coast</hl1></hedline>
  <byline>jd/mk</byline><distributor>The Associated Press</distributor></body.head>
 <body.content><p>MIAMI (AP) \xe2\x80\x94 A storm hit.</p>
  <media media-type="image"><media-reference source="storm.jpg"/>
   <media-caption>Waves crash. (AP Photo/Wilfredo Lee)</media-caption></media>
  <ul><li>Power out</li><li>Roads closed</li></ul>
 </body.content></body></nitf>""",
}

VARIANT_CODES = {
    "reuters-namespaced-3.5": ["DT346", "DT350", "DT348"],
    "afp-no-byline-bq": ["DT353", "DT356", "DT344", "DT365", "DT348"],
    "dpa-caption-credit": ["DT352", "DT353", "DT350", "DT346", "DT356", "DT365", "DT348"],
    # no date anywhere: no dateline rather than the import date (DT364)
    "ap-photo-initials": ["DT344", "DT350", "DT346", "DT356", "DT355", "DT344", "DT365", "DT364"],
}


EMPTY_SHELL = b"<nitf><body><body.content><p/></body.content></body></nitf>"


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    from dtmarkup.formats.read import draft as iptc_ingest

    monkeypatch.setattr(iptc_ingest, "today", lambda: "2026-01-01")


def test_nitf_without_body_text_is_refused() -> None:
    """An empty body is not a conversion (issue 19.3): refused with DT366, not exit 0."""
    with pytest.raises(InvalidDocumentError) as caught:
        nitf.read(EMPTY_SHELL, "empty-shell.xml")
    assert [d.code for d in caught.value.diagnostics] == ["DT366"]


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_unseen_agency_nitf_imports_to_valid_dtmarkup(name: str) -> None:
    result = nitf.read(VARIANTS[name], f"{name}.xml")
    assert_valid_article(result)
    assert [d.code for d in result.diagnostics] == VARIANT_CODES[name]


def test_reuters_variant_is_typed() -> None:
    article = nitf.read(VARIANTS["reuters-namespaced-3.5"], "r.xml").article
    entities = article.head.entities
    assert entities.get(article.head.dateline.place.ref) == m.Place("london", "GB", "London")
    assert article.body[1] == m.Paragraph(
        (
            m.Quote("jeremy-hunt", ("It is not going to be a straight line,",)),
            " finance minister Jeremy Hunt said.",
        )
    )
    figure = article.body[2]
    assert isinstance(figure, m.Figure)
    assert figure.credit == m.Credit("REUTERS/Toby Melville", "reuters", "toby-melville")


def test_afp_block_quote_takes_its_speaker_from_the_credit() -> None:
    article = nitf.read(VARIANTS["afp-no-byline-bq"], "afp.xml").article
    quote = article.body[1]
    assert isinstance(quote, m.BlockQuote)
    assert article.head.entities.name(quote.speaker) == "Sophie Binet"
    assert quote.attribution == ("Sophie Binet",)
    assert article.head.byline.publication == m.EntityName("afp", "AFP")
    assert codes(nitf.read(VARIANTS["afp-no-byline-bq"], "afp.xml")) >= {"DT353"}


def test_dpa_caption_credit_is_split_from_the_caption() -> None:
    article = nitf.read(VARIANTS["dpa-caption-credit"], "dpa.xml").article
    figure = next(b for b in article.body if isinstance(b, m.Figure))
    assert figure.caption == ("Menschen am See.",)
    assert figure.credit == m.Credit("Paul Zinken/dpa", "dpa", "paul-zinken")
    assert article.head.published == "2022-06-01T10:00:00Z"
    assert [a.text for a in article.head.byline.authors] == ["Anna Schmidt"]
    assert article.head.byline.publication == m.EntityName("dpa", "dpa")


# ---------------------------------------------------------------------------- credit lines


@pytest.mark.parametrize(
    ("caption", "rest", "credit"),
    [
        ("Bål. Foto: Amit Sharma / AP / NTB", "Bål.", "Amit Sharma / AP / NTB"),
        (
            "A trader. (Photo by Spencer Platt/Getty Images)",
            "A trader.",
            "Photo by Spencer Platt/Getty Images",
        ),
        ("Biden speaks. (AP Photo/Evan Vucci)", "Biden speaks.", "AP Photo/Evan Vucci"),
        ("Near Edirne, Turkey. (DHA via AP, File)", "Near Edirne, Turkey.", "DHA via AP, File"),
        ("Leaders meet in Paris (France).", "Leaders meet in Paris (France).", None),
        ("The tides, captured on film.", "The tides, captured on film.", None),
    ],
)
def test_split_caption(caption: str, rest: str, credit: str | None) -> None:
    from dtmarkup.formats.read.credits import split_caption

    assert split_caption(caption) == (rest, credit)


@pytest.mark.parametrize(
    ("text", "photographer", "sources"),
    [
        ("Amit Sharma / AP / NTB", "Amit Sharma", ("AP", "NTB")),
        ("Photo by Spencer Platt/Getty Images", "Spencer Platt", ("Getty Images",)),
        ("AP Photo/Evan Vucci", "Evan Vucci", ("AP",)),
        ("DHA via AP, File", None, ("DHA", "AP")),
        ("State Department photo by Ron Przysucha", "Ron Przysucha", ("State Department",)),
        ("REUTERS/Toby Melville", "Toby Melville", ("REUTERS",)),
        ("Karl Melander/TT", "Karl Melander", ("TT",)),
        ("ASSOCIATED PRESS", None, ("ASSOCIATED PRESS",)),
        ("Foto: Heiko Junge / NTB scanpix", "Heiko Junge", ("NTB scanpix",)),
    ],
)
def test_parse_credit(text: str, photographer: str | None, sources: tuple[str, ...]) -> None:
    from dtmarkup.formats.read.credits import parse_credit

    parts = parse_credit(text)
    assert (parts.photographer, parts.sources) == (photographer, sources)


@pytest.mark.parametrize(
    ("byline", "names", "publication"),
    [
        ("By BERNARD CONDON", [("BERNARD CONDON", True)], None),
        ("Von Christian Hollmann, dpa", [("Christian Hollmann", True)], "dpa"),
        ("NTB-AFP-DPA", [("NTB", False), ("AFP", False), ("DPA", False)], None),
        (
            "Paulo Santalucia and Frances d'Emilio",
            [("Paulo Santalucia", True), ("Frances d'Emilio", True)],
            None,
        ),
        ("gr/bp", [], None),
        (
            "Av Kari Nordmann og Ola Hansen, NTB",
            [("Kari Nordmann", True), ("Ola Hansen", True)],
            "NTB",
        ),
    ],
)
def test_parse_byline(byline: str, names: list[tuple[str, bool]], publication: str | None) -> None:
    from dtmarkup.formats.read.credits import parse_byline

    found, trailing = parse_byline(byline)
    assert [(n.text, n.is_person) for n in found] == names
    assert trailing == publication


WRONG_REFERENCES = b"""<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"
  xmlns:dtm="urn:dtmarkup:extensions" baselang="en"><head><docdata><doc-id id-string="x"/>
  <date.issue norm="20240101T000000Z"/>
  <identified-content>
   <location dtm:id="oslo">Oslo<country iso-cc="NO"/></location>
   <person dtm:id="Bad ID!">Eve</person>
   <org dtm:id="acme" dtm:kind="nonsense">Acme</org>
  </identified-content></docdata></head>
 <body><body.head><hedline><hl1>Wrong kinds</hl1></hedline>
  <byline><person dtm:ref="oslo">Oslo</person></byline>
  <distributor><org dtm:ref="oslo">Oslo</org></distributor>
  <dateline><location dtm:ref="acme">Acme</location></dateline></body.head>
 <body.content>
  <p><q quote-source="Acme" dtm:speaker="oslo">Hi</q> and
   <person dtm:ref="nobody">Nobody</person></p>
  <media media-type="image"><media-reference source="a.jpg"/>
   <media-producer dtm:source="oslo" dtm:photographer="acme">Acme</media-producer></media>
 </body.content></body></nitf>"""


def test_extension_references_of_the_wrong_kind_are_not_trusted() -> None:
    result = nitf.read(WRONG_REFERENCES, "wrong.xml")
    article = assert_valid_article(result)
    entities = article.head.entities
    assert entities.get("acme") == m.Organization("acme", "other", "Acme")
    assert isinstance(entities.get(article.head.byline.authors[0].ref), m.Person)
    quote = article.body[0].content[0]  # type: ignore[union-attr]
    assert isinstance(quote, m.Quote)
    assert quote.speaker == "acme"


NTB_STYLE = """<nitf baselang="nb-NO" version="-//IPTC//DTD NITF 3.6//EN"><head>
<title>Faktasjekk: Nei</title>
 <docdata><date.issue norm="2020-09-07T14:45:26"/><doc-id id-string="ex-123_4" regsrc="NTB"/>
<key-list key="ex-123"/>
 <evloc state-prov="Norge" county-dist="Norge"/></docdata>
<pubdata date.publication="20200907T144527"/></head>
<body><body.head><hedline><hl1>Faktasjekk: Nei, det stemmer ikke</hl1></hedline>
<byline>Kari Holm / Sjekk.no</byline>
 <distributor><org>NTB</org></distributor><dateline>Oslo</dateline></body.head>
<body.content><p class="lead" lead="true">Nei, det stemmer ikke.</p><hl2>P&#229;stand</hl2>
 <p quote-source="Facebook-innlegg">&#171;Dette er sant&#187;</p>
<p>BILDE: <a href="http://img.example/x.jpg">Dokumentet.</a></p>
 <media media-type="image"><media-reference mime-type="image/jpeg" source="AbC123"/>
<media-caption> Foto: NTB / Scanpix, montasje av Sjekk.no</media-caption></media>
</body.content></body></nitf>
"""


def test_ntb_style_nitf() -> None:
    """key-list/@key, quote-source on a paragraph, a byline 'Name / Site.no', a caption that
    is only a credit line, times without zone."""
    result = nitf.read(NTB_STYLE.encode("utf-8"), "ntb.xml")
    article = assert_valid_article(result)
    assert [d.code for d in result.diagnostics] == ["DT352", "DT352", "DT350", "DT365", "DT348"]
    head = article.head
    assert [a.text for a in head.byline.authors] == ["Kari Holm"]
    assert head.byline.publication == m.EntityName("sjekk-no", "Sjekk.no")
    assert article.body[2] == m.Paragraph((m.Quote("facebook-innlegg", ("Dette er sant",)),))
    figure = article.body[4]
    assert isinstance(figure, m.Figure)
    assert figure.caption is None
    assert figure.credit == m.Credit("NTB / Scanpix, montasje av Sjekk.no", "ntb", None)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_golden_nitf(path: Path, update_golden: bool) -> None:
    golden = check_golden("nitf", path.name, nitf_write.write(load(path)).data, update_golden)
    assert_xsd_valid(nitf_schema(), etree.fromstring(golden.read_bytes()))


def test_uris_are_made_acceptable_to_xs_any_uri() -> None:
    data = (
        b"<nitf><body><body.head><hedline><hl1>X</hl1></hedline><byline>By Ann Lee</byline>"
        b'<dateline>Oslo</dateline></body.head><body.content><p>t <a href="http://x.example/'
        b'a b?c=&lt;d>">l</a></p><media media-type="image"><media-reference source=" pics/'
        b'\xc3\xa4 y&quot;.jpg "/><media-producer>Ann Lee/NTB</media-producer></media>'
        b"</body.content></body></nitf>"
    )
    article = assert_valid_article(nitf.read(data, "uris.xml"))
    link = article.body[0].content[1]  # type: ignore[union-attr]
    assert isinstance(link, m.Link)
    assert link.href == "http://x.example/a%20b?c=%3Cd%3E"
    figure = article.body[1]
    assert isinstance(figure, m.Figure)
    assert figure.image.src == "pics/\u00e4%20y%22.jpg"
