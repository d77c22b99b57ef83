"""The samples: all clean, together they use the whole vocabulary, and the reference
article is the seed text word for word, with every point of its markup in place.

The last part damages the reference article programmatically (every required element and
attribute removed in turn, every reference broken or pointed at the wrong kind of
entity, every date, country, language and kind set to a bad value) and checks that each
damage is reported with the right DT1xx code.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

import dtmarkup

ROOT = Path(__file__).resolve().parents[2]
XSD = ROOT / "dtmarkup" / "schema" / "dtmarkup-1.xsd"
SAMPLES = sorted((ROOT / "samples").glob("*.xml"))
REFERENCE = ROOT / "samples" / "diplomatic-times-blinken-lavrov.xml"
SEED = ROOT.parent / "shared" / "seed" / "diplomatic-times-blinken-lavrov.txt"
NS = "urn:dtmarkup:1"
DT = {"dt": NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def parse(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(path.read_bytes(), parser).getroottree()


def one(tree: etree._ElementTree | etree._Element, xpath: str) -> etree._Element:
    found = tree.xpath(xpath, namespaces=DT)
    assert isinstance(found, list) and len(found) == 1, f"{xpath}: {found!r}"
    node = found[0]
    assert isinstance(node, etree._Element)
    return node


def all_of(tree: etree._ElementTree | etree._Element, xpath: str) -> list[etree._Element]:
    found = tree.xpath(xpath, namespaces=DT)
    assert isinstance(found, list)
    return [n for n in found if isinstance(n, etree._Element)]


def normalized(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------------- all samples


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_has_no_finding(path: Path) -> None:
    report = dtmarkup.validate(path)
    assert [f"{d.line}: {d.code} {d.message}" for d in report] == []
    assert report.valid and report.schema_valid


def test_the_promised_kinds_of_sample_exist() -> None:
    trees = {p.name: parse(p) for p in SAMPLES}
    assert len(trees) >= 6

    def having(xpath: str) -> set[str]:
        return {name for name, tree in trees.items() if tree.xpath(xpath, namespaces=DT)}

    press_release = (
        "/dt:article/dt:body/dt:statement[@kind='press-release'][@issued][count(dt:p)>=3]"
    )
    assert having(press_release), "a full press release as a block statement"
    assert having("/dt:article[count(dt:body/dt:figure)>=3]"), "a multi-photo story"
    assert having("/dt:article[count(dt:body/*)<=3][not(dt:body/dt:figure)]"), "a short brief"
    assert having("/dt:article[not(starts-with(@xml:lang, 'en'))]"), "a non-English article"
    assert having("/dt:article[@revision>=2][dt:head/dt:updated]"), "a corrected article"


# ----------------------------------------------------------------------- coverage


@functools.cache
def xsd() -> xmlschema.XMLSchema10:
    return xmlschema.XMLSchema10(str(XSD), allow="sandbox", defuse="always")


def declaration_key(decl: xmlschema.XsdElement, parent: str) -> str:
    """Names an element declaration: its name and type (anonymous types by parent)."""
    type_name = decl.type.local_name if decl.type.name else f"(in {parent})"
    return f"{decl.local_name}:{type_name}"


def attribute_name(name: str) -> str:
    return "xml:lang" if name == XML_LANG else name


def child_declarations(decl: xmlschema.XsdElement) -> dict[str, xmlschema.XsdElement]:
    if decl.type.has_simple_content() or decl.type.is_empty():
        return {}
    return {child.name: child for child in decl.type.content.iter_elements()}


def schema_declarations() -> tuple[set[str], set[str]]:
    """Every element declaration and every (declaration, attribute) pair of the XSD."""
    elements: set[str] = set()
    attributes: set[str] = set()

    def walk(decl: xmlschema.XsdElement, parent: str) -> None:
        key = declaration_key(decl, parent)
        if key in elements:
            return
        elements.add(key)
        attributes.update(f"{key}@{attribute_name(a)}" for a in decl.attributes)
        for child in child_declarations(decl).values():
            walk(child, decl.local_name)

    walk(xsd().elements["article"], "")
    return elements, attributes


def instance_declarations(
    tree: etree._ElementTree,
) -> Iterator[tuple[etree._Element, xmlschema.XsdElement, str]]:
    """Each element of a valid document with its declaration and declaration key."""

    def walk(
        element: etree._Element, decl: xmlschema.XsdElement, parent: str
    ) -> Iterator[tuple[etree._Element, xmlschema.XsdElement, str]]:
        yield element, decl, declaration_key(decl, parent)
        children = child_declarations(decl)
        for child in element.iterchildren(tag=etree.Element):
            yield from walk(child, children[child.tag], decl.local_name)

    yield from walk(tree.getroot(), xsd().elements["article"], "")


def test_samples_use_every_element_and_attribute_of_the_schema() -> None:
    elements, attributes = schema_declarations()
    assert len(elements) >= 40 and len(attributes) >= 30  # the walk itself works
    used_elements: set[str] = set()
    used_attributes: set[str] = set()
    for path in SAMPLES:
        for element, _, key in instance_declarations(parse(path)):
            used_elements.add(key)
            used_attributes.update(f"{key}@{attribute_name(a)}" for a in element.attrib)
    assert sorted(elements - used_elements) == []
    assert sorted(attributes - used_attributes) == []


@pytest.mark.parametrize(
    ("type_name", "xpath"),
    [
        ("OrganizationKind", "//dt:organization/@kind"),
        ("StatementKind", "//dt:statement/@kind"),
        ("ListKind", "//dt:list/@kind"),
    ],
)
def test_samples_use_every_enumerated_value(type_name: str, xpath: str) -> None:
    schema_tree = etree.parse(str(XSD))
    values = set(
        schema_tree.xpath(
            f"//xs:simpleType[@name='{type_name}']//xs:enumeration/@value",
            namespaces={"xs": "http://www.w3.org/2001/XMLSchema"},
        )
    )
    assert values
    used = {str(v) for p in SAMPLES for v in parse(p).xpath(xpath, namespaces=DT)}
    assert sorted(values - used) == []


# ----------------------------------------------------------------------- reference vs seed


def displayed(element: etree._Element, depth: int = 0) -> str:
    """The text as a reader sees it: quotation marks around q and statement excerpts."""
    marks = ("“", "”") if depth % 2 == 0 else ("‘", "’")
    parts = [element.text or ""]
    for child in element.iterchildren(tag=etree.Element):
        if local(child) in {"q", "statement"}:
            parts.append(marks[0] + displayed(child, depth + 1) + marks[1])
        else:
            parts.append(displayed(child, depth))
        parts.append(child.tail or "")
    return "".join(parts)


def reference_as_seed_lines(tree: etree._ElementTree) -> list[str]:
    """The reference article laid out as the seed text is: one line per block."""
    figure = one(tree, "/dt:article/dt:body/dt:figure")
    caption = displayed(one(figure, "dt:caption"))
    credit = one(figure, "dt:credit").text or ""
    author = one(tree, "//dt:byline/dt:author").text or ""
    publication = one(tree, "//dt:byline/dt:publication").text or ""
    lines = [f"{caption} (Credit: {credit})", f"By {author} {publication}"]
    for block in all_of(tree, "/dt:article/dt:body/*[not(self::dt:figure)]"):
        if local(block) == "p":
            lines.append(displayed(block))
        elif local(block) == "blockquote":
            lines.extend(f"“{displayed(p)}”" for p in all_of(block, "dt:p"))
            lines.extend("-" + displayed(a) for a in all_of(block, "dt:attribution"))
        else:
            pytest.fail(f"unexpected block <{local(block)}> in the reference article")
    return [normalized(line) for line in lines]


def test_reference_is_the_seed_word_for_word() -> None:
    if not SEED.exists():
        pytest.skip(f"seed text not found at {SEED}")
    seed = [normalized(line) for line in SEED.read_text(encoding="utf-8").splitlines()]
    seed = [line for line in seed if line]
    assert reference_as_seed_lines(parse(REFERENCE)) == seed


def test_reference_quotes_hold_no_quotation_marks() -> None:
    tree = parse(REFERENCE)
    for element in all_of(tree, "//dt:q | //dt:blockquote/dt:p | //dt:statement"):
        text = "".join(element.itertext()).strip()
        assert text[0] not in '“”"‘’«»' and text[-1] not in '“”"‘’«»', text[:40]


@pytest.fixture(scope="module")
def ref() -> etree._ElementTree:
    return parse(REFERENCE)


def entity(tree: etree._ElementTree, entity_id: str) -> etree._Element:
    return one(tree, f"/dt:article/dt:head/dt:entities/*[@id='{entity_id}']")


def name_of(tree: etree._ElementTree, entity_id: str) -> str:
    return one(entity(tree, entity_id), "dt:name").text or ""


def test_reference_head(ref: etree._ElementTree) -> None:
    root = ref.getroot()
    assert root.get(XML_LANG) == "en"
    headline = one(ref, "//dt:head/dt:headline").text or ""
    assert 0 < len(headline) <= 110 and not headline.endswith(".")
    author = one(ref, "//dt:byline/dt:author")
    assert author.text == "Gary Raynaldo"
    assert local(entity(ref, author.get("ref", ""))) == "person"
    assert name_of(ref, author.get("ref", "")) == "Gary Raynaldo"
    publication = entity(ref, one(ref, "//dt:byline/dt:publication").get("ref", ""))
    assert (local(publication), publication.get("kind")) == ("organization", "media")
    assert one(publication, "dt:name").text == "Diplomatic Times"
    place = entity(ref, one(ref, "//dt:dateline/dt:place").get("ref", ""))
    assert (local(place), place.get("country")) == ("place", "IS")
    assert one(place, "dt:name").text == "Reykjavik"
    assert one(ref, "//dt:dateline/dt:date").get("when") == "2021-05-19"
    published = one(ref, "//dt:head/dt:published").text or ""
    assert re.fullmatch(r"2021-05-19T\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)", published)


def test_reference_figure_credit(ref: etree._ElementTree) -> None:
    figure = one(ref, "/dt:article/dt:body/*[1][self::dt:figure]")
    assert one(figure, "dt:image").get("alt")
    credit = one(figure, "dt:credit")
    source = entity(ref, credit.get("source", ""))
    assert local(source) == "organization"
    assert one(source, "dt:name").text == "U.S. Department of State"
    photographer = entity(ref, credit.get("photographer", ""))
    assert local(photographer) == "person"
    assert one(photographer, "dt:name").text == "Ron Przysucha"


def test_reference_quotes_and_statement(ref: etree._ElementTree) -> None:
    quotes = all_of(ref, "/dt:article/dt:body/dt:blockquote")
    assert [name_of(ref, q.get("speaker", "")) for q in quotes] == [
        "Antony J. Blinken",
        "Sergey Lavrov",
    ]
    assert normalized("".join(one(quotes[0], "dt:attribution").itertext())) == (
        "U.S. Secretary of State Antony Blinken"
    )
    assert all_of(quotes[1], "dt:attribution") == []
    # Lavrov's quote follows the paragraph that introduces him
    before = quotes[1].getprevious()
    assert before is not None and local(before) == "p"
    assert [m.get("ref") for m in all_of(before, "dt:mention")] == ["lavrov"]
    assert (before.xpath("string()") or "").endswith("said:")  # type: ignore[union-attr]
    statement = one(ref, "//dt:statement")
    assert local(statement.getparent()) == "p"  # type: ignore[arg-type]
    assert (statement.get("by"), statement.get("kind")) == ("state-dept", "statement")
    assert local(entity(ref, "state-dept")) == "organization"
    wednesday = one(ref, "//dt:body/dt:p//dt:date[. = 'Wednesday']")
    assert wednesday.get("when") == "2021-05-19"


def test_reference_names_every_person_and_organization(ref: etree._ElementTree) -> None:
    mentioned = {str(r) for r in ref.xpath("//dt:mention/@ref", namespaces=DT)}
    expected = {"blinken", "lavrov", "biden", "putin", "navalny", "state-dept"}
    expected |= {"arctic-council", "voa", "rferl", "moscow", "washington", "reykjavik"}
    assert expected <= mentioned
    for person in all_of(ref, "//dt:entities/dt:person"):
        assert all_of(person, "dt:title"), person.get("id")
    assert {o.get("id"): o.get("kind") for o in all_of(ref, "//dt:entities/dt:organization")} == {
        "state-dept": "ministry",
        "russia-mfa": "ministry",
        "white-house": "government",
        "kremlin": "government",
        "arctic-council": "intergovernmental",
        "voa": "media",
        "rferl": "media",
        "diplomatic-times": "media",
    }
    affiliations = {
        p.get("id"): a.get("ref")
        for p in all_of(ref, "//dt:entities/dt:person")
        for a in all_of(p, "dt:affiliation")
    }
    assert affiliations["blinken"] == "state-dept"
    assert affiliations["lavrov"] == "russia-mfa"
    assert affiliations["przysucha"] == "state-dept"


# ----------------------------------------------------------------------- generated damage


@dataclass(frozen=True)
class Damage:
    name: str
    expect: frozenset[str]
    apply: Callable[[etree._ElementTree], None]


def _path(element: etree._Element) -> str:
    """A readable XPath of ``element`` that also selects it: /dt:article/dt:body/dt:p[3]."""
    steps = []
    node: etree._Element | None = element
    while node is not None:
        parent = node.getparent()
        step = f"dt:{local(node)}"
        if parent is not None and len(parent.findall(node.tag)) > 1:
            step += f"[{parent.findall(node.tag).index(node) + 1}]"
        steps.append(step)
        node = parent
    return "/" + "/".join(reversed(steps))


def _remover(xpath: str) -> Callable[[etree._ElementTree], None]:
    def apply(tree: etree._ElementTree) -> None:
        node = one(tree, xpath)
        parent = node.getparent()
        assert parent is not None
        parent.remove(node)

    return apply


def _setter(
    xpath: str, attribute: str | None, value: str | None
) -> Callable[[etree._ElementTree], None]:
    """Sets (or, with value None, removes) an attribute, or the text when attribute is None."""

    def apply(tree: etree._ElementTree) -> None:
        node = one(tree, xpath)
        if attribute is None:
            for child in list(node):
                node.remove(child)
            node.text = value
        elif value is None:
            del node.attrib[attribute]
        else:
            node.set(attribute, value)

    return apply


# Reference attributes: (element, attribute) -> kinds of entity they may point to.
REFERENCES = {
    ("author", "ref"): {"person", "organization"},
    ("publication", "ref"): {"person", "organization"},
    ("place", "ref"): {"place"},
    ("affiliation", "ref"): {"organization"},
    ("credit", "source"): {"person", "organization"},
    ("credit", "photographer"): {"person"},
    ("blockquote", "speaker"): {"person", "organization"},
    ("q", "speaker"): {"person", "organization"},
    ("statement", "by"): {"person", "organization"},
    ("mention", "ref"): {"person", "organization", "place"},
}
EXAMPLE_OF_KIND = {"person": "putin", "organization": "voa", "place": "moscow"}

BAD_VALUES: dict[str, tuple[str, ...]] = {
    "when": ("19 May 2021", "2021-02-30", "2021-05-19T21:30:00", "2021-5-19"),
    "issued": ("last Wednesday", "2021-05-19T21:30"),
    "country": ("ISL", "XX", "is", ""),
    XML_LANG: ("en_US", "", "english-language", "en-"),
    "kind": ("newspaper", ""),
    "revision": ("0", "-1", "two"),
    "schemaVersion": ("2.0", "1", "v1.0"),
    "qcode": ("11000000", "medtop:", "med top:1"),
    "width": ("0", "-1600", "1600px"),
    "height": ("0",),
    "id": ("Dt 2021 05 19", ""),
}
BAD_TEXT: dict[str, tuple[str, ...]] = {
    "published": ("2021-05-19", "2021-05-19T21:30:00", "yesterday"),
    "headline": ("", "   "),
    "name": ("",),
    "credit": ("",),
    "author": ("",),
    "keyword": ("",),
    "subject": ("",),
}


def _referenced_ids(tree: etree._ElementTree) -> set[str]:
    values: set[str] = set()
    for (element, attribute), _ in REFERENCES.items():
        values.update(str(v) for v in tree.xpath(f"//dt:{element}/@{attribute}", namespaces=DT))
    return values


def required(decl: xmlschema.XsdElement) -> bool:
    """Whether a valid parent must contain this element (not optional, not in a choice)."""
    group = decl.parent
    return bool(decl.min_occurs >= 1 and group.model == "sequence" and group.min_occurs >= 1)


def damages() -> Iterator[Damage]:
    tree = parse(REFERENCE)
    referenced = _referenced_ids(tree)
    for element, decl, _ in instance_declarations(tree):
        xpath = _path(element)
        shown = xpath.replace("dt:", "")
        name = local(element)
        parent = element.getparent()
        # 1. remove every required element that is the only one of its kind in its parent
        if parent is not None and required(decl) and len(parent.findall(element.tag)) == 1:
            # without the registry every reference dangles; without the whole head,
            # the missing head is the one finding worth reporting
            lost = name == "entities"
            expect = {"DT102"} | ({"DT108"} if lost else set())
            yield Damage(f"remove {shown}", frozenset(expect), _remover(xpath))
        # 2. remove every required attribute
        for attribute, attr_decl in decl.attributes.items():
            if attr_decl.use == "required" and attribute in element.attrib:
                entity_id = name in {"person", "organization", "place"} and attribute == "id"
                lost = entity_id and element.get("id") in referenced
                expect = {"DT103"} | ({"DT108"} if lost else set())
                yield Damage(
                    f"remove {shown}/@{attribute_name(attribute)}",
                    frozenset(expect),
                    _setter(xpath, attribute, None),
                )
        # 3. break every reference, and point it at every wrong kind of entity
        for (ref_element, ref_attribute), kinds in REFERENCES.items():
            if name != ref_element or ref_attribute not in element.attrib:
                continue
            if name == "place" and decl.attributes.get("ref") is None:
                continue
            yield Damage(
                f"dangling {shown}/@{ref_attribute}",
                frozenset({"DT108"}),
                _setter(xpath, ref_attribute, "no-such-entity"),
            )
            for kind, example in EXAMPLE_OF_KIND.items():
                if kind not in kinds:
                    yield Damage(
                        f"{kind} in {shown}/@{ref_attribute}",
                        frozenset({"DT109"}),
                        _setter(xpath, ref_attribute, example),
                    )
        # 4. bad values: dates, time zones, countries, languages, kinds, numbers, ids
        for attribute in element.attrib:
            for value in BAD_VALUES.get(attribute, ()):
                entity_id = attribute == "id" and name != "article"
                expect = {"DT105"} | ({"DT108"} if entity_id else set())
                yield Damage(
                    f"{shown}/@{attribute_name(attribute)}={value!r}",
                    frozenset(expect),
                    _setter(xpath, attribute, value),
                )
        for value in BAD_TEXT.get(name, ()):
            yield Damage(
                f"{shown} text={value!r}", frozenset({"DT105"}), _setter(xpath, None, value)
            )


DAMAGES = list(damages())


def test_damage_generator_covers_the_reference() -> None:
    names = [d.name for d in DAMAGES]
    assert len(names) == len(set(names))
    assert len(DAMAGES) >= 150
    by_code: dict[str, int] = {}
    for damage in DAMAGES:
        for code in damage.expect:
            by_code[code] = by_code.get(code, 0) + 1
    assert set(by_code) == {"DT102", "DT103", "DT105", "DT108", "DT109"}


@pytest.mark.parametrize("damage", DAMAGES, ids=[d.name for d in DAMAGES])
def test_damaged_reference_is_rejected_with_the_right_code(damage: Damage) -> None:
    tree = copy.deepcopy(parse(REFERENCE))
    damage.apply(tree)
    data = etree.tostring(tree, encoding="utf-8", xml_declaration=True)
    report = dtmarkup.validate(data)
    assert report.codes() == set(damage.expect), [f"{d.code} {d.message}" for d in report]
