"""docs/vocabulary.md: generated from the XSD, up to date, complete and right on the facts
an editor looks up (what @speaker may point to, what a figure requires...)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tools import vocabulary_doc
from tools.vocabulary_doc import Vocabulary

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "dtmarkup" / "schema"
XSD = SCHEMA_DIR / "dtmarkup-1.xsd"
DOC = ROOT / "docs" / "vocabulary.md"
XS = "http://www.w3.org/2001/XMLSchema"
XS_NS = {"xs": XS}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return vocabulary_doc.load(XSD)


@pytest.fixture(scope="module")
def generated(vocabulary: Vocabulary) -> str:
    return vocabulary_doc.render(vocabulary)


def sections(markdown: str) -> dict[str, str]:
    """Level-3 sections (elements, simple types) by heading text."""
    found: dict[str, str] = {}
    for chunk in re.split(r"^### ", markdown, flags=re.MULTILINE)[1:]:
        heading, _, body = chunk.partition("\n")
        found[heading] = body.split("\n## ")[0]
    return found


# ---------------------------------------------------------------- the committed file


def test_committed_reference_is_what_the_generator_produces(generated: str) -> None:
    committed = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    assert committed == generated, (
        "docs/vocabulary.md is out of date with dtmarkup/schema/dtmarkup-1.xsd: "
        "run `make docs` and commit the result"
    )


# ---------------------------------------------------------------- documentation in the XSD


def undocumented(schema_files: list[Path]) -> list[str]:
    """Every xs:element and xs:attribute without a non-empty xs:documentation. A reference
    (ref=) counts as documented when it or the declaration it refers to is."""
    trees = {path: etree.parse(str(path)) for path in schema_files}
    declared: dict[tuple[str, str, str], etree._Element] = {}
    for tree in trees.values():
        target = tree.getroot().get("targetNamespace", "")
        for kind in ("element", "attribute"):
            for node in tree.getroot().findall(f"xs:{kind}", XS_NS):
                declared[(kind, target, node.get("name", ""))] = node

    def doc(node: etree._Element) -> str:
        texts = node.xpath("xs:annotation/xs:documentation//text()", namespaces=XS_NS)
        assert isinstance(texts, list)
        return "".join(str(t) for t in texts).strip()

    missing = []
    for path, tree in trees.items():
        for node in tree.iter(f"{{{XS}}}element", f"{{{XS}}}attribute"):
            kind = etree.QName(node).localname
            where = f"{path.name}:{node.sourceline} xs:{kind}"
            ref = node.get("ref")
            if ref is None:
                if not doc(node):
                    missing.append(f"{where} name={node.get('name')!r}")
                continue
            prefix, _, local = ref.rpartition(":")
            namespace = (
                "http://www.w3.org/XML/1998/namespace"
                if prefix == "xml"
                else node.nsmap.get(prefix or None, "")
            )
            target = declared.get((kind, namespace or "", local))
            if not doc(node) and (target is None or not doc(target)):
                missing.append(f"{where} ref={ref!r}")
    return missing


def test_every_element_and_attribute_of_the_schema_is_documented() -> None:
    assert undocumented([XSD, SCHEMA_DIR / "xml.xsd"]) == []


def test_an_undocumented_declaration_is_found(tmp_path: Path) -> None:
    schema = tmp_path / "s.xsd"
    schema.write_text(
        f"""<xs:schema xmlns:xs="{XS}" targetNamespace="urn:t" xmlns="urn:t">
  <xs:element name="doc">
    <xs:annotation><xs:documentation>Documented.</xs:documentation></xs:annotation>
    <xs:complexType>
      <xs:sequence><xs:element name="bare" type="xs:string"/></xs:sequence>
      <xs:attribute name="blank" type="xs:string">
        <xs:annotation><xs:documentation>  </xs:documentation></xs:annotation>
      </xs:attribute>
    </xs:complexType>
  </xs:element>
  <xs:element name="wrapper"><xs:annotation><xs:documentation>W.</xs:documentation>
    </xs:annotation><xs:complexType><xs:sequence><xs:element ref="doc"/></xs:sequence>
  </xs:complexType></xs:element>
</xs:schema>""",
        encoding="utf-8",
    )
    assert undocumented([schema]) == [
        "s.xsd:5 xs:element name='bare'",
        "s.xsd:6 xs:attribute name='blank'",
    ]


# ---------------------------------------------------------------- completeness


def test_every_declared_element_and_attribute_name_is_in_the_reference(
    vocabulary: Vocabulary, generated: str
) -> None:
    tree = etree.parse(str(XSD))
    element_names = {n.get("name") for n in tree.iter(f"{{{XS}}}element") if n.get("name")}
    attribute_names = {n.get("name") for n in tree.iter(f"{{{XS}}}attribute") if n.get("name")}
    assert {node.name for node in vocabulary.elements} == element_names
    documented = {a.name for node in vocabulary.elements for a in node.attributes}
    assert documented == attribute_names | {"xml:lang"}
    headings = set(sections(generated))
    for name in element_names:
        assert any(h == f"`{name}`" or h.startswith(f"`{name}` (in ") for h in headings), name


def test_reading_order_and_sections(vocabulary: Vocabulary) -> None:
    titles = [title for title, _, _ in vocabulary.sections]
    assert titles == [
        "Root elements",
        "`head` and its contents",
        "`body` and its contents",
        "Inline elements",
    ]
    names = [[n.name for n in nodes] for _, _, nodes in vocabulary.sections]
    assert names[0] == ["article", "collection"]
    assert names[1][:5] == ["head", "headline", "subheadline", "byline", "author"]
    assert names[2][:4] == ["body", "p", "h2", "figure"]
    assert names[3] == ["mention", "em", "strong", "a", "q", "statement"]


def test_every_internal_link_points_to_a_heading(generated: str) -> None:
    anchors: set[str] = set()
    used: dict[str, int] = {}
    for line in generated.splitlines():
        heading = re.match(r"#{1,6} (.*)", line)
        if heading is None:
            continue
        slug = re.sub(r"[^\w\- ]", "", heading.group(1).replace("`", "").lower())
        slug = slug.strip().replace(" ", "-")
        count = used.get(slug, 0)
        used[slug] = count + 1
        anchors.add(f"{slug}-{count}" if count else slug)
    links = set(re.findall(r"\]\(#([^)]+)\)", generated))
    assert len(links) > 40
    assert links - anchors == set()


# ---------------------------------------------------------------- concrete facts


def test_blockquote_speaker_must_point_to_a_person_or_an_organization(
    vocabulary: Vocabulary, generated: str
) -> None:
    blockquote = vocabulary.element("blockquote")
    assert [(r.attribute, r.name, r.refer) for r in blockquote.references] == [
        ("speaker", "quoteSpeakerRef", "agentId")
    ]
    assert (
        "- `@speaker` must be the id of a [`person`](#person) or an "
        "[`organization`](#organization) (keyref `quoteSpeakerRef`, key `agentId`)."
    ) in sections(generated)["`blockquote`"]


def test_figure_requires_image_and_credit_caption_optional(generated: str) -> None:
    figure = sections(generated)["`figure`"]
    rows = re.findall(r"^\| \[`(\w+)`\]\(#\w+\) \| ([^|]+) \|", figure, flags=re.MULTILINE)
    assert rows == [("image", "required"), ("caption", "optional"), ("credit", "required")]


def test_occurrences_of_children(generated: str) -> None:
    parts = sections(generated)
    assert "| [`author`](#author) | required, repeatable |" in parts["`byline`"]
    assert "| [`publication`](#publication) | optional |" in parts["`byline`"]
    assert "**Content:** one or more of these elements, in any order:" in parts["`entities`"]
    assert "**Content:** any number of these elements, in any order:" in parts["`body`"]
    assert "**Content:** text mixed with any number of these elements" in parts["`p`"]
    assert "**Content:** empty (attributes only)." in parts["`image`"]
    assert "**Content:** text, of type [`Text`](#text)." in parts["`headline`"]


def test_attributes_with_use_types_and_values(generated: str) -> None:
    parts = sections(generated)
    assert "| `speaker` | [`EntityId`](#entityid) | required |" in parts["`blockquote`"]
    assert (
        "| `issued` | [`DateOrTimeStamp`](#dateortimestamp) | optional |"
        in (parts["`statement` (in body)"])
    )
    assert (
        "Allowed values: `statement`, `press-release`, `readout`, `communique`, "
        "`transcript`, `remarks`."
    ) in parts["`statement` (in body)"]
    place = parts["`place` (in entities)"]
    assert "Allowed values: ISO 3166-1 alpha-2 code (249 values)." in place
    assert "`AD`" not in generated
    assert (
        "| `xml:lang` | restriction of `xs:language` | required | The language"
        in (parts["`article`"])
    )


def test_same_name_different_elements_are_told_apart(vocabulary: Vocabulary) -> None:
    dateline_place = vocabulary.element("place", parent="dateline")
    entity_place = vocabulary.element("place", parent="entities")
    assert [r.refer for r in dateline_place.references] == ["placeId"]
    assert [a.name for a in entity_place.attributes] == ["id", "country"]
    block = vocabulary.element("statement", parent="body")
    inline = vocabulary.element("statement", parent="p")
    assert (block.type_name, inline.type_name) == ("BlockStatement", "InlineStatement")
    assert [r.name for r in block.references] == ["statementIssuerRef"]
    assert [r.name for r in inline.references] == ["statementIssuerRef"]
    assert [p.name for p in vocabulary.element("p").parents] == [
        "body",
        "blockquote",
        "statement",
    ]


def test_every_keyref_selects_an_element_and_points_to_the_right_kinds(
    vocabulary: Vocabulary,
) -> None:
    keys = {c.name: c for c in vocabulary.constraints if c.kind == "key"}
    targets = {
        c.name: (
            sorted(n.name for n in c.elements),
            c.attribute,
            sorted(n.name for n in keys[c.refer or ""].elements),
        )
        for c in vocabulary.constraints
        if c.kind == "keyref"
    }
    agent = ["organization", "person"]
    assert targets == {
        "authorRef": (["author"], "ref", agent),
        "publicationRef": (["publication"], "ref", agent),
        "datelinePlaceRef": (["place"], "ref", ["place"]),
        "affiliationRef": (["affiliation"], "ref", ["organization"]),
        "creditSourceRef": (["credit"], "source", agent),
        "creditPhotographerRef": (["credit"], "photographer", ["person"]),
        "quoteSpeakerRef": (["blockquote", "q"], "speaker", agent),
        "statementIssuerRef": (["statement", "statement"], "by", agent),
        "mentionRef": (["mention"], "ref", ["organization", "person", "place"]),
    }


# ---------------------------------------------------------------- other schemas


def write_schema(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "t.xsd"
    path.write_text(
        f'<xs:schema xmlns:xs="{XS}" xmlns="urn:t" xmlns:t="urn:t" targetNamespace="urn:t" '
        f'elementFormDefault="qualified">{body}</xs:schema>',
        encoding="utf-8",
    )
    return path


def test_an_unprefixed_keyref_selector_matches_nothing_and_the_reference_says_so(
    tmp_path: Path,
) -> None:
    path = write_schema(
        tmp_path,
        """<xs:element name="doc"><xs:complexType><xs:sequence>
             <xs:element name="thing" maxOccurs="unbounded"><xs:complexType>
               <xs:attribute name="id" type="xs:string"/></xs:complexType></xs:element>
             <xs:element name="use"><xs:complexType>
               <xs:attribute name="to" type="xs:string"/></xs:complexType></xs:element>
           </xs:sequence></xs:complexType>
           <xs:key name="thingId"><xs:selector xpath="t:thing"/><xs:field xpath="@id"/></xs:key>
           <xs:keyref name="good" refer="t:thingId">
             <xs:selector xpath="t:use"/><xs:field xpath="@to"/></xs:keyref>
           <xs:keyref name="bad" refer="t:thingId">
             <xs:selector xpath="use"/><xs:field xpath="@to"/></xs:keyref>
         </xs:element>""",
    )
    vocabulary = vocabulary_doc.load(path)
    selected = {c.name: [n.name for n in c.elements] for c in vocabulary.constraints}
    assert selected == {"thingId": ["thing"], "good": ["use"], "bad": []}
    text = vocabulary_doc.render(vocabulary)
    assert "| `bad` | **no element** | `@to` |" in text
    assert "- `@to` must be the id of a [`thing`](#thing) (keyref `good`, key `thingId`)." in text


def test_a_nested_content_model_is_printed_as_a_structure(tmp_path: Path) -> None:
    path = write_schema(
        tmp_path,
        """<xs:element name="doc"><xs:complexType>
             <xs:choice maxOccurs="unbounded">
               <xs:sequence><xs:element name="a" type="xs:string"/>
                 <xs:element name="b" type="xs:string" minOccurs="0"/></xs:sequence>
               <xs:element name="c" type="xs:string" minOccurs="2" maxOccurs="3"/>
             </xs:choice></xs:complexType></xs:element>""",
    )
    doc = sections(vocabulary_doc.generate(path))["`doc`"]
    assert (
        "**Content:** these elements, as follows:\n\n"
        "- one of (required, repeatable):\n"
        "  - in this order (required):\n"
        "    - [`a`](#a) (required)\n"
        "    - [`b`](#b) (optional)\n"
        "  - [`c`](#c) (2 to 3 times)\n"
    ) in doc
    assert "| [`a`](#a) | optional, repeatable |" in doc
    assert "| [`c`](#c) | at least 0 times |" not in doc
    assert "| [`c`](#c) | optional, repeatable |" in doc


def test_documentation_text_is_escaped_for_markdown() -> None:
    assert vocabulary_doc.escape("a <b> [c] | d_e @ref xs:date") == (
        r"a \<b\> \[c\] \| d\_e `@ref` `xs:date`"
    )


# ---------------------------------------------------------------- command line


def test_main_writes_only_when_the_text_changes(tmp_path: Path, generated: str) -> None:
    target = tmp_path / "vocabulary.md"
    assert vocabulary_doc.main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == generated
    target.write_text(generated, encoding="utf-8")
    stamp = target.stat().st_mtime_ns
    assert vocabulary_doc.main([str(target)]) == 0
    assert target.stat().st_mtime_ns == stamp
    assert vocabulary_doc.main(["--check"]) == 2


def test_validation_never_imports_the_generator() -> None:
    sample = next((ROOT / "samples").glob("*.xml"))
    code = (
        "import sys, dtmarkup, dtmarkup.cli\n"
        f"dtmarkup.validate({str(sample)!r})\n"
        "print('tools.vocabulary_doc' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "False\n"
