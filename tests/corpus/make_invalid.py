"""Regenerate the damaged variants of the reference article in tests/corpus/invalid/.

Each fixture is samples/diplomatic-times-blinken-lavrov.xml with ONE damage, a first line
announcing the codes the validator must report, and a second line saying what is broken.
Run it after changing the reference article, then review the diff:

    .venv/bin/python tests/corpus/make_invalid.py

It writes only the files it names; hand-written fixtures in the same folder are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REFERENCE = HERE.parent.parent / "samples" / "diplomatic-times-blinken-lavrov.xml"
OUT = HERE / "invalid"


def _base() -> str:
    """The reference without its XML declaration and comment: the expect line comes first."""
    return REFERENCE.read_text(encoding="utf-8").split("-->\n", 1)[1]


def make(
    name: str,
    codes: str,
    what: str,
    pattern: str,
    repl: str,
    count: int = 1,
    flags: int = 0,
    raw: Callable[[str], bytes] | None = None,
) -> None:
    """Write fixture ``name``: the reference with ``pattern`` replaced ``count`` times."""
    doc, n = re.subn(pattern, repl, _base(), count=count, flags=flags)
    if n != count:
        raise SystemExit(f"{name}: the pattern matched {n} times, not {count}")
    text = f"<!-- expect: {codes} -->\n<!-- {what} -->\n" + doc
    data = text.encode() if raw is None else raw(text)
    (OUT / f"{name}.xml").write_bytes(data)


def edit(name: str, old: str, new: str) -> None:
    """A second damage step on an already written fixture (used to reference an entity)."""
    path = OUT / f"{name}.xml"
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{name}: {old!r} not found")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main() -> None:
    # DT0xx: the input gate
    make(
        "DT001-unclosed-element",
        "DT001",
        "not well-formed: <em> opened in a paragraph and never closed",
        r"and the importance of cooperation",
        "and the <em>importance of cooperation",
    )
    make(
        "DT001-mismatched-end-tag",
        "DT001",
        "not well-formed: <caption> closed by </p>",
        r"May 19, 2021</date>\.</caption>",
        "May 19, 2021</date>.</p>",
    )
    make(
        "DT001-unescaped-ampersand",
        "DT001",
        "not well-formed: a bare & in text",
        r"<mention ref=\"voa\">VOA</mention> and",
        '<mention ref="voa">VOA</mention> & ',
    )
    make(
        "DT001-unquoted-attribute",
        "DT001",
        "not well-formed: an attribute value without quotes",
        r'<blockquote speaker="lavrov">',
        "<blockquote speaker=lavrov>",
    )
    make(
        "DT003-doctype",
        "DT003",
        "a DOCTYPE declaration (harmless, but never allowed)",
        r"^",
        '<!DOCTYPE article SYSTEM "dtmarkup.dtd">\n',
    )
    make(
        "DT003-external-entity",
        "DT003",
        "an XXE attempt: a DOCTYPE declaring an external entity used in the text",
        r"^",
        '<!DOCTYPE article [\n  <!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n',
    )
    edit(
        "DT003-external-entity",
        "the Secretary of State. And as",
        "the Secretary of State. &secret; And as",
    )
    make(
        "DT003-billion-laughs",
        "DT003",
        "an entity-expansion bomb in the internal subset",
        r"^",
        "<!DOCTYPE article [\n"
        + "".join(
            f'  <!ENTITY lol{i} "' + (f"&lol{i - 1};" * 10 if i else "lol") + '">\n'
            for i in range(10)
        )
        + "]>\n",
    )
    edit("DT003-billion-laughs", "<keyword>diplomacy</keyword>", "<keyword>&lol9;</keyword>")
    make(
        "DT004-undefined-entity",
        "DT004",
        "an HTML entity (&nbsp;) that XML does not define",
        r"Secretary of State <mention ref=\"blinken\">Antony J. Blinken</mention> met",
        'Secretary of State&nbsp;<mention ref="blinken">Antony J. Blinken</mention> met',
    )
    make(
        "DT006-invalid-utf8",
        "DT006",
        "bytes that are not UTF-8 (a Latin-1 encoded name, no encoding declared)",
        r"Reykjavik</name>",
        "Reykjavík</name>",
        raw=lambda t: t.encode().replace("Reykjavík".encode(), "Reykjavík".encode("latin-1")),
    )

    # DT100
    make(
        "DT100-wrong-root",
        "DT100",
        "the root element is <story>, not <article>",
        r"<article xmlns=\"urn:dtmarkup:1\"",
        '<story xmlns="urn:dtmarkup:1"',
    )
    edit("DT100-wrong-root", "</article>", "</story>")
    make(
        "DT100-no-namespace",
        "DT100",
        "<article> without the dtmarkup namespace",
        r" xmlns=\"urn:dtmarkup:1\"",
        "",
    )
    make(
        "DT100-wrong-namespace",
        "DT100",
        "<article> in a namespace of a future major version",
        r"xmlns=\"urn:dtmarkup:1\"",
        'xmlns="urn:dtmarkup:2"',
    )

    # DT101
    make(
        "DT101-unknown-element-in-body",
        "DT101",
        "an HTML-style <para> in the body",
        r"<p>The Russian Foreign Affairs Minister(.*?)</p>",
        r"<para>The Russian Foreign Affairs Minister\1</para>",
        flags=re.S,
    )
    make(
        "DT101-unknown-inline-element",
        "DT101",
        "an HTML <b> inside a paragraph",
        r"and the importance of cooperation",
        "and the <b>importance</b> of cooperation",
    )
    make(
        "DT101-wrong-order-in-head",
        "DT101",
        "<published> before <dateline>",
        r"(    <dateline>.*?</dateline>\n)(    <published>.*?</published>\n)",
        r"\2\1",
        flags=re.S,
    )
    make(
        "DT101-credit-before-caption",
        "DT101",
        "a figure's credit before its caption",
        r"(      <caption>.*?</caption>\n)(      <credit .*?</credit>\n)",
        r"\2\1",
        flags=re.S,
    )
    make(
        "DT101-second-headline",
        "DT101",
        "two headlines",
        r"(    <headline>.*?</headline>\n)",
        r"\1\1",
    )
    make(
        "DT101-element-in-headline",
        "DT101",
        "markup inside the headline, which is plain text",
        r"<headline>Blinken meets",
        "<headline><em>Blinken</em> meets",
    )
    make(
        "DT101-foreign-element",
        "DT101",
        "an element from another namespace in the body",
        r"(    <p>The Russian)",
        r'    <x:note xmlns:x="urn:example:notes">check quote</x:note>\n\1',
    )

    # DT102
    make(
        "DT102-figure-without-credit",
        "DT102",
        "a figure with no credit",
        r"      <credit .*?</credit>\n",
        "",
    )
    make(
        "DT102-missing-headline",
        "DT102",
        "a head with no headline",
        r"    <headline>.*?</headline>\n",
        "",
    )
    make(
        "DT102-dateline-without-date",
        "DT102",
        "a dateline with no date (the dateline itself is optional since 1.1)",
        r"      <date when=\"2021-05-19\">May 19, 2021</date>\n    </dateline>",
        "    </dateline>",
    )
    make(
        "DT102-missing-body",
        "DT102",
        "an article with no body",
        r"  <body>.*</body>\n",
        "",
        flags=re.S,
    )
    make(
        "DT102-blockquote-without-paragraph",
        "DT102",
        "a blockquote holding only its attribution",
        r"      <p>I’m pleased.*?</p>\n",
        "",
        flags=re.S,
    )
    make(
        "DT102-person-without-name",
        "DT102",
        "a registry person with a title but no name",
        r"        <name>Aleksey Navalny</name>\n",
        "",
    )
    make(
        "DT102-byline-without-author",
        "DT102",
        "a byline naming only the publication",
        r"      <author ref=\"raynaldo\">Gary Raynaldo</author>\n",
        "",
    )

    # DT103
    make(
        "DT103-statement-without-by",
        "DT103",
        "an inline statement with no issuer",
        r'<statement by="state-dept" kind="statement">',
        '<statement kind="statement">',
    )
    make(
        "DT103-blockquote-without-speaker",
        "DT103",
        "Lavrov's blockquote with no speaker",
        r'<blockquote speaker="lavrov">',
        "<blockquote>",
    )
    make(
        "DT103-mention-without-ref",
        "DT103",
        "a mention that does not say whom it names",
        r'<mention ref="navalny">',
        "<mention>",
    )
    make(
        "DT103-article-without-lang", "DT103", "an article without xml:lang", r' xml:lang="en"', ""
    )
    make(
        "DT103-place-without-country",
        "DT103",
        "a registry place without its country",
        r'<place id="moscow" country="RU">',
        '<place id="moscow">',
    )
    make(
        "DT103-image-without-src",
        "DT103",
        "an image that does not say where the picture is",
        r'<image src="[^"]*"\s+',
        "<image ",
    )
    make(
        "DT103-organization-without-kind",
        "DT103",
        "an organization without its kind",
        r'<organization id="voa" kind="media">',
        '<organization id="voa">',
    )

    # DT104
    make(
        "DT104-unexpected-attribute",
        "DT104",
        "an HTML class attribute on a paragraph",
        r"    <p>The Russian",
        '    <p class="lead">The Russian',
    )
    make(
        "DT104-title-on-image",
        "DT104",
        "an attribute the image element does not define",
        r'height="1067"/>',
        'height="1067" title="Blinken and Lavrov"/>',
    )
    make(
        "DT104-foreign-attribute",
        "DT104",
        "an attribute from another namespace on a paragraph",
        r"    <p>The Russian",
        '    <p xmlns:x="urn:example:styles" x:class="lead">The Russian',
    )

    # DT105
    make(
        "DT105-bad-date",
        "DT105",
        "a dateline date written as text",
        r'<date when="2021-05-19">May 19, 2021</date>\n    </dateline>',
        '<date when="19 May 2021">May 19, 2021</date>\n    </dateline>',
    )
    make(
        "DT105-impossible-date",
        "DT105",
        "February 30th",
        r'<date when="2021-05-19">Wednesday</date>',
        '<date when="2021-02-30">Wednesday</date>',
    )
    make(
        "DT105-published-without-zone",
        "DT105",
        "a published time without a time zone",
        r"<published>2021-05-19T21:30:00Z</published>",
        "<published>2021-05-19T21:30:00</published>",
    )
    make(
        "DT105-bad-country",
        "DT105",
        "an alpha-3 country code",
        r'<place id="reykjavik" country="IS">',
        '<place id="reykjavik" country="ISL">',
    )
    make(
        "DT105-unassigned-country",
        "DT105",
        "a well-formed but unassigned country code",
        r'<place id="ukraine" country="UA">',
        '<place id="ukraine" country="XX">',
    )
    make(
        "DT105-lowercase-country",
        "DT105",
        "a lower-case country code",
        r'<place id="moscow" country="RU">',
        '<place id="moscow" country="ru">',
    )
    make(
        "DT105-bad-language",
        "DT105",
        "a POSIX locale instead of a BCP 47 tag",
        r' xml:lang="en"',
        ' xml:lang="en_US"',
    )
    make(
        "DT105-empty-headline",
        "DT105",
        "an empty headline",
        r"<headline>.*?</headline>",
        "<headline></headline>",
    )
    make(
        "DT105-whitespace-headline",
        "DT105",
        "a headline of spaces only",
        r"<headline>.*?</headline>",
        "<headline>   </headline>",
    )
    make(
        "DT105-bad-organization-kind",
        "DT105",
        "an organization kind the vocabulary does not define",
        r'<organization id="voa" kind="media">',
        '<organization id="voa" kind="broadcaster">',
    )
    make(
        "DT105-bad-statement-kind",
        "DT105",
        "a statement kind the vocabulary does not define",
        r'kind="statement">',
        'kind="tweet">',
    )
    make(
        "DT105-zero-revision",
        "DT105",
        "revision 0 (revisions count from 1)",
        r'revision="1"',
        'revision="0"',
    )
    make(
        "DT105-bad-schema-version",
        "DT105",
        "a schemaVersion of another major version",
        r'schemaVersion="1.0"',
        'schemaVersion="2.0"',
    )
    make(
        "DT105-bad-qcode",
        "DT105",
        "a subject code without its scheme",
        r'qcode="medtop:11000000"',
        'qcode="11000000"',
    )
    make(
        "DT105-negative-image-width",
        "DT105",
        "a negative image width",
        r'width="1600"',
        'width="-1600"',
    )
    make(
        "DT105-bad-article-id",
        "DT105",
        "an article id with spaces",
        r'id="dt-2021-05-19-blinken-lavrov"',
        'id="Blinken Lavrov 19 May"',
    )
    make(
        "DT105-empty-credit",
        "DT105",
        "a credit with attributes but no display text",
        r">State Department photo by Ron Przysucha</credit>",
        "></credit>",
    )

    # DT106
    make(
        "DT106-text-in-body",
        "DT106",
        "a sentence written straight into the body, outside any paragraph",
        r"    <p>(The Russian Foreign Affairs Minister was thankful for the meeting with the "
        r"U\.S\. Secretary of State\.) Before",
        r"    \1\n    <p>Before",
    )
    make(
        "DT106-text-in-blockquote",
        "DT106",
        "text before the paragraph of a blockquote",
        r'<blockquote speaker="lavrov">\n',
        '<blockquote speaker="lavrov">\n      Lavrov said:\n',
    )
    make(
        "DT106-text-in-image",
        "DT106",
        "a caption written inside the (empty) image element",
        r'height="1067"/>',
        'height="1067">Blinken and Lavrov</image>',
    )

    # DT107
    make(
        "DT107-duplicate-entity-id",
        "DT107",
        "two people with the id blinken",
        r'(      <person id="lavrov">)',
        '      <person id="blinken">\n        <name>Anthony Blinken</name>\n      </person>\n\\1',
    )
    make(
        "DT107-id-shared-across-kinds",
        "DT107",
        "an organization and a person with the same id",
        r'(      <organization id="voa")',
        '      <organization id="lavrov" kind="other">\n'
        "        <name>Lavrov Foundation</name>\n"
        "      </organization>\n\\1",
    )

    # DT108
    make(
        "DT108-dangling-speaker",
        "DT108",
        "a blockquote speaker that is not in the registry (typo)",
        r'<blockquote speaker="lavrov">',
        '<blockquote speaker="lavrof">',
    )
    make(
        "DT108-dangling-mention",
        "DT108",
        "a mention of an entity that is not in the registry",
        r'<mention ref="navalny">',
        '<mention ref="alexei-navalny">',
    )
    make(
        "DT108-dangling-issuer",
        "DT108",
        "a statement issuer that is not in the registry",
        r'<statement by="state-dept"',
        '<statement by="state-department"',
    )
    make(
        "DT108-dangling-photographer",
        "DT108",
        "a photographer who is not in the registry",
        r'photographer="przysucha"',
        'photographer="ron-przysucha"',
    )
    make(
        "DT108-dangling-credit-source",
        "DT108",
        "a credit source that is not in the registry",
        r'source="state-dept"',
        'source="ap"',
    )
    make(
        "DT108-dangling-author",
        "DT108",
        "a byline author who is not in the registry",
        r'<author ref="raynaldo">',
        '<author ref="gary-raynaldo">',
    )
    make(
        "DT108-dangling-affiliation",
        "DT108",
        "an affiliation to an organization that is not in the registry",
        r'<affiliation ref="russia-mfa">',
        '<affiliation ref="mid-russia">',
    )
    make(
        "DT108-dangling-dateline-place",
        "DT108",
        "a dateline place that is not in the registry",
        r'<place ref="reykjavik">',
        '<place ref="reykjavik-is">',
    )

    # DT109
    make(
        "DT109-speaker-is-a-place",
        "DT109",
        "a blockquote spoken by Moscow (a place)",
        r'<blockquote speaker="lavrov">',
        '<blockquote speaker="moscow">',
    )
    make(
        "DT109-photographer-is-an-organization",
        "DT109",
        "a photographer that is an organization",
        r'photographer="przysucha"',
        'photographer="state-dept"',
    )
    make(
        "DT109-dateline-place-is-a-person",
        "DT109",
        "a dateline place that is a person",
        r'<place ref="reykjavik">',
        '<place ref="raynaldo">',
    )
    make(
        "DT109-issuer-is-a-place",
        "DT109",
        "a statement issued by a place",
        r'<statement by="state-dept"',
        '<statement by="washington"',
    )
    make(
        "DT109-affiliation-is-a-person",
        "DT109",
        "an affiliation that points at a person",
        r'<affiliation ref="kremlin">',
        '<affiliation ref="putin">',
    )
    make(
        "DT109-credit-source-is-a-place",
        "DT109",
        "a credit source that is a place",
        r'source="state-dept"',
        'source="washington"',
    )
    make(
        "DT109-author-is-a-place",
        "DT109",
        "a byline author that is a place",
        r'<author ref="raynaldo">',
        '<author ref="reykjavik">',
    )

    # DT110
    make(
        "DT110-xsi-nil",
        "DT110",
        "xsi:nil on an element that is not nillable",
        r"    <p>The Russian",
        '    <p xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true">The Russian',
    )

    make(
        "DT008-control-character",
        "DT008",
        "a control character (U+0001) pasted into a paragraph",
        r"the margins of the",
        "the margins of\u0001 the",
    )
    make(
        "DT009-nesting-too-deep",
        "DT009",
        "emphasis nested 300 levels deep",
        r"deep concerns",
        "<em>" * 300 + "deep concerns" + "</em>" * 300,
    )
    make(
        "DT011-too-many-attributes",
        "DT011",
        "a paragraph with 150 attributes",
        r"    <p>The Russian",
        "    <p " + " ".join(f'a{i}="{i}"' for i in range(150)) + ">The Russian",
    )
    make(
        "DT012-processing-instruction",
        "DT012",
        "a stylesheet processing instruction",
        r"^",
        '<?xml-stylesheet type="text/xsl" href="https://example.org/render.xsl"?>\n',
    )
    make(
        "DT013-xinclude",
        "DT013",
        "an XInclude in the body",
        r"(    <p>The Russian)",
        r'    <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="other.xml"/>\n\1',
    )
    make(
        "DT014-schema-location-hint",
        "DT014",
        "an xsi:schemaLocation hint on the root",
        r' xml:lang="en"',
        ' xml:lang="en" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="urn:dtmarkup:1 https://example.org/dtmarkup-1.xsd"',
    )
    make(
        "DT105-malformed-image-uri",
        "DT105",
        "an image URI that is not a URI (an unclosed IPv6 literal): every engine must reject it",
        r'src="https://media\.diplomatictimes\.example/[^"]*"',
        'src="http://[::1/blinken-lavrov.jpg"',
    )


if __name__ == "__main__":
    main()
