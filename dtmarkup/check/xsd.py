"""The schema layer: XSD 1.0 validation through libxml2, with findings as DT1xx codes.

libxml2's messages are precise but written for schema authors ("Element '{urn:dtmarkup:1}p',
attribute 'class': The attribute 'class' is not allowed."). Each one is translated into a
stable code and a sentence an editor understands, located by line, column and XPath.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from lxml import etree

from dtmarkup.check import cap
from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic
from dtmarkup.errors import SchemaLoadError
from dtmarkup.xml.locate import NodePaths, SourceLocator
from dtmarkup.xml.names import NS, XML_NS, local_name

NAMESPACE = NS
XS = "http://www.w3.org/2001/XMLSchema"
ROOT_NAMES = ("article", "collection")
SCHEMA_FILE = "dtmarkup-1.xsd"

_KEY_KINDS = {
    "entityId": frozenset({"person", "organization", "place"}),
    "agentId": frozenset({"person", "organization"}),
    "personId": frozenset({"person"}),
    "organizationId": frozenset({"organization"}),
    "placeId": frozenset({"place"}),
}
_KEY_MEANING = {
    "entityId": "an entity (person, organization or place)",
    "agentId": "a person or an organization",
    "personId": "a person",
    "organizationId": "an organization",
    "placeId": "a place",
}

# Friendly descriptions of the values a datatype accepts, by attribute or element name.
_EXPECTED_VALUE = {
    "country": "an ISO 3166-1 alpha-2 country code such as IS, US or RU",
    "lang": "a BCP 47 language tag such as en, nb-NO or sr-Latn-RS",
    "when": "a date (2021-05-19) or a date-time with a time zone (2021-05-19T18:00:00Z)",
    "issued": "a date (2021-05-19) or a date-time with a time zone (2021-05-19T18:00:00Z)",
    "published": "a date-time with a time zone, e.g. 2021-05-19T18:00:00Z",
    "updated": "a date-time with a time zone, e.g. 2021-05-19T18:00:00Z",
    "qcode": "a qualified code: scheme, colon, code, e.g. medtop:11000000",
    "schemaVersion": "a dtmarkup 1.x version such as 1.0",
    "revision": "a positive whole number",
    "width": "a positive whole number of pixels",
    "height": "a positive whole number of pixels",
    "src": "a URI; percent-encode spaces and characters such as [ ] { } | (as %20...)",
    "href": "a URI; percent-encode spaces and characters such as [ ] { } | (as %20...)",
}
_ID_ATTRIBUTES = {"ref", "speaker", "by", "source", "photographer"}
_ENTITY_ID = "an id of lower-case letters, digits and hyphens starting with a letter"


def schema_path() -> str:
    """The installed copy of the schema, for other tools (xmllint, Oxygen...)."""
    return str(resources.files("dtmarkup") / "schema" / SCHEMA_FILE)


@dataclass(frozen=True, slots=True)
class KeyRef:
    """An xs:keyref of the schema: which attribute of which elements must point where."""

    selector: str
    attribute: str
    refer: str


@dataclass(frozen=True, slots=True)
class CompiledSchema:
    xsd: etree.XMLSchema
    keyrefs: dict[str, KeyRef]
    vocabulary: frozenset[str]
    """Every element name the vocabulary declares."""
    enumerations: dict[str, tuple[str, ...]]
    """Enumerated simple types, by the attribute name that uses them (except country)."""
    required_children: dict[str, frozenset[str]]
    """For each element name, the child elements its content sequence requires."""


@functools.cache
def schema() -> CompiledSchema:
    """The compiled schema: built once per process, on first use."""
    path = schema_path()
    try:
        with open(path, "rb") as handle:
            document = etree.parse(handle, etree.XMLParser(no_network=True), base_url=path)
        xsd = etree.XMLSchema(document)
    except (OSError, etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        raise SchemaLoadError(f"cannot load the dtmarkup schema {path}: {exc}") from exc
    ns = {"xs": XS}
    keyrefs = {
        node.get("name", ""): KeyRef(
            selector=node.find("xs:selector", ns).get("xpath", ""),  # type: ignore[union-attr]
            attribute=node.find("xs:field", ns).get("xpath", "").lstrip("@"),  # type: ignore[union-attr]
            refer=node.get("refer", ""),
        )
        for node in document.iterfind(".//xs:keyref", ns)
    }
    vocabulary = frozenset(str(n) for n in document.xpath("//xs:element/@name", namespaces=ns))
    enumerations = {
        "kind@organization": _enum(document, "OrganizationKind"),
        "kind@statement": _enum(document, "StatementKind"),
        "kind@list": _enum(document, "ListKind"),
    }
    return CompiledSchema(xsd, keyrefs, vocabulary, enumerations, _required_children(document))


def _required_children(document: etree._ElementTree) -> dict[str, frozenset[str]]:
    """Element name -> names of the children its xs:sequence requires (minOccurs >= 1)."""
    ns = {"xs": XS}
    by_type: dict[str, frozenset[str]] = {}
    for complex_type in document.iterfind(".//xs:complexType", ns):
        names = frozenset(
            str(child.get("name"))
            for child in complex_type.iterfind("xs:sequence/xs:element", ns)
            if child.get("minOccurs", "1") != "0"
        )
        by_type[complex_type.get("name") or str(id(complex_type))] = names
    required: dict[str, set[str]] = {}
    for element in document.iterfind(".//xs:element[@name]", ns):
        type_name = element.get("type")
        inline = element.find("xs:complexType", ns)
        key = type_name if type_name else (str(id(inline)) if inline is not None else "")
        required.setdefault(str(element.get("name")), set()).update(by_type.get(key, ()))
    return {name: frozenset(children) for name, children in required.items()}


def _enum(document: etree._ElementTree, type_name: str) -> tuple[str, ...]:
    values = document.xpath(
        f"//xs:simpleType[@name='{type_name}']//xs:enumeration/@value", namespaces={"xs": XS}
    )
    return tuple(str(v) for v in values)


def check_schema(tree: etree._ElementTree, data: bytes | None = None) -> list[Diagnostic]:
    """All DT1xx findings for ``tree``; ``data`` (the source bytes) gives columns."""
    root = tree.getroot()
    locator = SourceLocator(data, tree.docinfo.encoding)
    if etree.QName(root).namespace != NAMESPACE or local_name(root) not in ROOT_NAMES:
        return [_wrong_root(root, locator)]
    compiled = schema()
    if compiled.xsd.validate(tree):
        return []
    translator = _Translator(tree, compiled, locator)
    findings: list[Diagnostic] = []
    seen: set[tuple[str, str | None, str]] = set()
    for entry in compiled.xsd.error_log:
        finding = translator.translate(entry)
        if finding is None:
            continue
        key = (finding.code, finding.xpath, finding.message)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    # An element that holds markup where only text is allowed also "has an empty value":
    # that second message is a consequence, not a second problem.
    misplaced = {f.xpath for f in findings if f.code == "DT101" and f.xpath}
    return _capped([f for f in findings if not (f.code == "DT105" and f.xpath in misplaced)])


def _capped(findings: list[Diagnostic]) -> list[Diagnostic]:
    """At most MAX_FINDINGS_PER_CODE findings per code, then one that counts the rest."""
    kept, summaries = cap.per_code(findings, lambda finding: finding.code)
    return kept + summaries


def _wrong_root(root: etree._Element, locator: SourceLocator) -> Diagnostic:
    namespace = etree.QName(root).namespace
    found = f"<{local_name(root)}>" + (
        f' in namespace "{namespace}"' if namespace else " with no namespace"
    )
    line, column = locator.position(root)
    return diagnostic(
        "DT100",
        f'the root element is {found}; expected <article xmlns="{NAMESPACE}">',
        line=line,
        column=column,
        xpath="/" + local_name(root),
    )


_QNAME = re.compile(r"\{[^}]*\}")
_MESSAGE_ELEMENT = re.compile(r"Element '([^']+)'")
_EXPECTED = re.compile(r"Expected is (?:one of )?\( ([^)]*) \)")
_ATTRIBUTE = re.compile(r"attribute '([^']+)'")
_KEY_SEQUENCE = re.compile(
    r"key-sequence \['(.*)'\] (?:of keyref|in (?:key|unique))[^']*'\{[^}]*\}([^']+)'"
)


class _Translator:
    """Turns one libxml2 schema error into a Diagnostic."""

    def __init__(
        self, tree: etree._ElementTree, compiled: CompiledSchema, locator: SourceLocator
    ) -> None:
        self.tree = tree
        self.root = tree.getroot()
        self.compiled = compiled
        self.locator = locator
        self._referrers: dict[str, dict[str, list[etree._Element]]] = {}
        self._paths = NodePaths(self.root)
        self._by_line: dict[tuple[str, int | None], etree._Element] | None = None
        """Per keyref selector: attribute value -> elements carrying it, not yet reported."""

    def translate(self, entry: etree._LogEntry) -> Diagnostic | None:
        """The finding for ``entry``, or None when it only restates another finding."""
        element = self._element(entry)
        message = entry.message
        kind = entry.type_name
        if kind == "SCHEMAV_CVC_IDC":
            return self._identity(entry, element)
        if element is None:
            return self._at(None, "DT110", _readable(message), entry.line)
        name = f"<{local_name(element)}>"
        if kind == "SCHEMAV_ELEMENT_CONTENT":
            return self._content(element, message)
        if kind == "SCHEMAV_CVC_TYPE_3_1_2":
            child = next((c for c in element if isinstance(c.tag, str)), None)
            inner = f"<{local_name(child)}>" if child is not None else "markup"
            return self._at(
                element, "DT101", f"{name} holds plain text only; {inner} is not allowed in it"
            )
        if kind == "SCHEMAV_CVC_COMPLEX_TYPE_4":
            attribute = _attribute_name(_first(_ATTRIBUTE, message))
            return self._at(
                element, "DT103", f"{name} is missing the required attribute @{attribute}"
            )
        if kind.startswith("SCHEMAV_CVC_COMPLEX_TYPE_3_2"):
            attribute = _attribute_name(_first(_ATTRIBUTE, message))
            return self._at(element, "DT104", f"{name} does not allow the attribute @{attribute}")
        if kind == "SCHEMAV_CVC_COMPLEX_TYPE_2_3" or kind == "SCHEMAV_CVC_COMPLEX_TYPE_2_1":
            advice = "wrap its loose text in <p>" if name == "<body>" else "remove the loose text"
            return self._at(element, "DT106", f"{name} holds only elements; {advice}")
        if "DATATYPE" in kind or "_VALID" in kind or "FACET" in kind:
            return self._value(element, message)
        return self._at(element, "DT110", _readable(message.split(": ", 1)[-1]))

    # -- locating ---------------------------------------------------------------------

    def _element(self, entry: etree._LogEntry) -> etree._Element | None:
        if entry.path:
            found = self._paths.element(entry.path)
            return found if found is not None else self._element_on_line(entry)
        return None

    def _element_on_line(self, entry: etree._LogEntry) -> etree._Element | None:
        """The element libxml2 names in ``entry``'s message, found by its line."""
        match = _MESSAGE_ELEMENT.match(entry.message)
        if not match:
            return None
        if self._by_line is None:
            self._by_line = {}
            for element in self.root.iter(etree.Element):
                self._by_line.setdefault((str(element.tag), element.sourceline), element)
        return self._by_line.get((match.group(1), entry.line))

    def _at(
        self, element: etree._Element | None, code: str, message: str, line: int | None = None
    ) -> Diagnostic:
        if element is None:
            return diagnostic(code, message, line=line, column=None, xpath=None)
        line, column = self.locator.position(element)
        return diagnostic(
            code, message, line=line, column=column, xpath=self.locator.xpath(element)
        )

    # -- structure --------------------------------------------------------------------

    def _content(self, element: etree._Element, message: str) -> Diagnostic:
        expected = [
            _QNAME.sub("", item.strip())
            for item in _first(_EXPECTED, message).split(",")
            if item.strip()
        ]
        listed = _names(expected)
        name = local_name(element)
        if "Missing child element" in message:
            present = {local_name(child) for child in element}
            missing = sorted(
                set(expected) & self.compiled.required_children.get(name, frozenset()) - present
            )
            if missing:
                return self._at(element, "DT102", f"<{name}> is missing {_names(missing, 'and')}")
            return self._at(
                element, "DT102", f"<{name}> is incomplete: expected {listed} at its end"
            )
        parent = element.getparent()
        where = f"<{local_name(parent)}>" if parent is not None else "the document"
        if name not in self.compiled.vocabulary or etree.QName(element).namespace != NAMESPACE:
            return self._at(
                element,
                "DT101",
                f"unknown element <{name}> in {where}"
                + (f"; expected {listed}" if expected else ""),
            )
        later = {local_name(sibling) for sibling in element.itersiblings()} | {name}
        if expected and not later & set(expected):
            return self._at(element, "DT102", f"{where} is missing {listed} before <{name}>")
        previous = element.getprevious()
        while previous is not None and not isinstance(previous.tag, str):
            previous = previous.getprevious()
        if not expected and previous is not None:
            before = local_name(previous)
            if before == name:
                return self._at(
                    element, "DT101", f"{where} allows only one <{name}>; remove this one"
                )
            return self._at(
                element,
                "DT101",
                f"<{name}> is out of order in {where}: it cannot follow <{before}>; "
                f"move it before <{before}>",
            )
        return self._at(
            element,
            "DT101",
            f"unexpected element <{name}> in {where}"
            + (f"; expected {listed} here" if expected else "; nothing more is allowed here"),
        )

    # -- values -----------------------------------------------------------------------

    def _value(self, element: etree._Element, message: str) -> Diagnostic:
        name = local_name(element)
        attribute = _first(_ATTRIBUTE, message)
        if attribute:
            attr_name = _QNAME.sub("", attribute)
            qualified = f"{{{XML_NS}}}lang" if attr_name == "lang" else attribute
            value = element.get(qualified, element.get(attr_name, ""))
            what = f"@{'xml:' if attr_name == 'lang' else ''}{attr_name} of <{name}>"
            expected = self._expected(attr_name, name)
        else:
            value = element.text or ""
            what = f"<{name}>"
            expected = self._expected(name, name)
        if not value.strip() and not expected.startswith("one of"):
            return self._at(element, "DT105", f"{what} is empty; expected {expected}")
        return self._at(
            element, "DT105", f"{what} has the invalid value {value!r}; expected {expected}"
        )

    def _expected(self, field: str, element_name: str) -> str:
        enumerated = self.compiled.enumerations.get(f"{field}@{element_name}")
        if enumerated:
            return "one of " + ", ".join(enumerated)
        if field in _ID_ATTRIBUTES or (field == "id" and element_name != "article"):
            return _ENTITY_ID
        if field == "id":
            return "an article id of letters, digits and . _ : - (at most 200 characters)"
        return _EXPECTED_VALUE.get(field, "non-empty text")

    # -- references -------------------------------------------------------------------

    def _identity(
        self, entry: etree._LogEntry, element: etree._Element | None
    ) -> Diagnostic | None:
        match = _KEY_SEQUENCE.search(entry.message)
        if not match:
            # "Not all fields ... evaluate to a node" / "No precomputed value": an entity
            # whose @id is missing or invalid, already reported as DT103 or DT105.
            return None
        value, constraint = match.group(1), match.group(2)
        if "Duplicate" in entry.message:
            return self._at(
                element,
                "DT107",
                f"the entity id {value!r} is used more than once in the registry",
                entry.line,
            )
        keyref = self.compiled.keyrefs.get(constraint)
        if keyref is None:
            return self._at(element, "DT110", _QNAME.sub("", entry.message), entry.line)
        target = self._referrer(keyref, value, entry.line)
        if target is None:
            target = element
        meaning = _KEY_MEANING.get(keyref.refer, "an entity")
        where = (
            f"@{keyref.attribute} of <{local_name(target)}>"
            if target is not None
            else "a reference"
        )
        existing = self.root.xpath(
            "dt:head/dt:entities/*[@id=$v]", namespaces={"dt": NAMESPACE}, v=value
        )
        if isinstance(existing, list) and existing and isinstance(existing[0], etree._Element):
            kind = local_name(existing[0])
            if kind in _KEY_KINDS.get(keyref.refer, frozenset()):
                # libxml2 stops collecting keys once <head> is structurally broken; the
                # reference is fine and the structural finding says what is wrong.
                return None
            return self._at(
                target,
                "DT109",
                f"{where} points to {value!r}, which is {_a(kind)}; it must be {meaning}",
                entry.line,
            )
        return self._at(
            target,
            "DT108",
            f"{where} points to {value!r}, which is not in the registry (head/entities); "
            f"it must be {meaning}",
            entry.line,
        )

    def _referrer(self, keyref: KeyRef, value: str, line: int) -> etree._Element | None:
        """The element whose reference failed: libxml2 gives only its line.

        Each element is handed out once, so that the same bad value used many times on
        one line gives one finding per element. The index is built once per keyref.
        """
        key = keyref.selector + "@" + keyref.attribute
        index = self._referrers.get(key)
        if index is None:
            index = {}
            found = self.root.xpath(keyref.selector, namespaces={"dt": NAMESPACE})
            for element in found if isinstance(found, list) else []:
                if isinstance(element, etree._Element):
                    index.setdefault(element.get(keyref.attribute, ""), []).append(element)
            self._referrers[key] = index
        candidates = index.get(value, [])
        for position, candidate in enumerate(candidates):
            if candidate.sourceline == line:
                return candidates.pop(position)
        return candidates.pop(0) if candidates else None


def _a(word: str) -> str:
    """``word`` with its indefinite article: "an organization", "a person"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _attribute_name(raw: str) -> str:
    """An attribute as the document spells it: ``{http://www.w3.org/XML/1998/namespace}lang``
    (libxml2's Clark name) is ``xml:lang``; other namespaces are dropped."""
    return _QNAME.sub("", raw.replace(f"{{{XML_NS}}}", "xml:"))


def _readable(message: str) -> str:
    """A libxml2 message with Clark names written as the document writes them."""
    return _QNAME.sub("", message.replace(f"{{{XML_NS}}}", "xml:")).strip()


def _first(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return match.group(1) if match else ""


def _names(names: list[str], joiner: str = "or") -> str:
    tags = [f"<{n}>" for n in names]
    if len(tags) <= 1:
        return "".join(tags) or "nothing more"
    if joiner == "and":
        return ", ".join(tags[:-1]) + " and " + tags[-1]
    return "one of " + ", ".join(tags)
