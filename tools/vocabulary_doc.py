"""Generate docs/vocabulary.md, the element-by-element reference, from the XSD.

The schema's xs:documentation is the one source of the reference, so the reference cannot
drift from what validators enforce. This module walks the content models from the root
elements and renders, for every element: what it means, where it may appear, what it
contains, its attributes and the references it carries (from the xs:keyref declarations).
It is a build tool (``make docs``); the validation path never imports it.

Usage: ``python -m tools.vocabulary_doc [OUTPUT]`` (standard output without OUTPUT).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

from lxml import etree

XS = "http://www.w3.org/2001/XMLSchema"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SCHEMA_FILE = "dtmarkup-1.xsd"
ROOTS = ("article", "collection")
# Enumerations longer than this are summarised instead of listed.
LONG_ENUMERATION = 20
# What a summarised enumeration is, by simple type name.
ENUMERATION_SUMMARIES = {"CountryCode": "ISO 3166-1 alpha-2 code"}

Name = tuple[str, str]  # (namespace URI, local name)
_PARTICLES = ("sequence", "choice", "all", "group", "element", "any")
_COMPOSITORS: dict[str, Literal["sequence", "choice", "all"]] = {
    "sequence": "sequence",
    "choice": "choice",
    "all": "all",
}
_CONSTRAINTS: dict[str, Literal["key", "keyref", "unique"]] = {
    "key": "key",
    "keyref": "keyref",
    "unique": "unique",
}


def default_schema_path() -> Path:
    """The XSD shipped in the package (the file ``dtmarkup schema --path`` prints)."""
    return Path(str(resources.files("dtmarkup") / "schema" / SCHEMA_FILE))


# ---------------------------------------------------------------------------- schema set


def _parse(path: Path) -> etree._Element:
    """Parse a schema file we ship: still without entities, DTDs or network access."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    return etree.fromstring(path.read_bytes(), parser)


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname


def _xs_children(node: etree._Element, *names: str) -> list[etree._Element]:
    """Children in the XSD namespace, optionally only those with the given local names."""
    found = []
    for child in node.iterchildren(etree.Element):
        qname = etree.QName(child)
        if qname.namespace == XS and (not names or qname.localname in names):
            found.append(child)
    return found


def documentation(node: etree._Element) -> str:
    """The xs:documentation of a schema component, whitespace collapsed ('' when none)."""
    texts = []
    for annotation in _xs_children(node, "annotation"):
        for doc in _xs_children(annotation, "documentation"):
            texts.append(" ".join("".join(doc.itertext()).split()))
    return " ".join(text for text in texts if text)


class SchemaSet:
    """The global components of a schema and of the local schemas it imports."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tables: dict[str, dict[Name, etree._Element]] = {
            kind: {}
            for kind in (
                "element",
                "attribute",
                "complexType",
                "simpleType",
                "group",
                "attributeGroup",
            )
        }
        self.documents: list[etree._Element] = []
        self.root = self._load(path)
        self.target = self.root.get("targetNamespace", "")

    def _load(self, path: Path) -> etree._Element:
        root = _parse(path)
        self.documents.append(root)
        namespace = root.get("targetNamespace", "")
        for child in _xs_children(root):
            kind = _local(child)
            name = child.get("name")
            if name is not None and kind in self.tables:
                self.tables[kind][(namespace, name)] = child
            location = child.get("schemaLocation")
            if kind in ("import", "include") and location:
                if "://" in location or location.startswith("/"):
                    raise ValueError(f"{path.name}: will not load the remote schema {location}")
                self._load(path.parent / location)
        return root

    def resolve(self, node: etree._Element, qname: str) -> Name:
        """A QName written in the schema (type="xs:string") as (namespace, local name)."""
        prefix, _, local = qname.rpartition(":")
        if prefix == "xml":
            return (XML_NS, local)
        namespace = node.nsmap.get(prefix or None)
        if namespace is None:
            if prefix:
                raise ValueError(f"undeclared prefix in {qname!r} (line {node.sourceline})")
            namespace = ""
        return (namespace, local)

    def lookup(self, kind: str, node: etree._Element, qname: str) -> etree._Element:
        name = self.resolve(node, qname)
        try:
            return self.tables[kind][name]
        except KeyError:
            raise ValueError(f"no {kind} named {qname!r} (line {node.sourceline})") from None


# ---------------------------------------------------------------------------- model


@dataclass(frozen=True, slots=True)
class Occurs:
    """How often a particle may occur; high None means unbounded."""

    low: int
    high: int | None

    def words(self) -> str:
        if (self.low, self.high) == (1, 1):
            return "required"
        if (self.low, self.high) == (0, 1):
            return "optional"
        if (self.low, self.high) == (1, None):
            return "required, repeatable"
        if (self.low, self.high) == (0, None):
            return "optional, repeatable"
        if self.high is None:
            return f"at least {self.low} times"
        return f"{self.low} to {self.high} times"


@dataclass(frozen=True, slots=True)
class TypeRef:
    """A simple type: named (name) or anonymous (node, the xs:simpleType)."""

    name: Name | None
    node: etree._Element | None = None


@dataclass(eq=False)
class Particle:
    """A content-model particle, with group references already expanded."""

    kind: Literal["element", "sequence", "choice", "all", "any"]
    occurs: Occurs
    items: list[Particle] = field(default_factory=list)
    element: ElementNode | None = None
    documentation: str = ""


@dataclass(eq=False)
class Content:
    kind: Literal["empty", "text", "elements", "mixed", "any"]
    particle: Particle | None = None
    text_type: TypeRef | None = None


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str  # as written in documents: "id", "xml:lang"
    type: TypeRef
    required: bool
    documentation: str
    default: str | None = None


@dataclass(frozen=True, slots=True)
class Constraint:
    """An xs:key or xs:keyref: which attribute of which elements, resolved on the graph."""

    kind: Literal["key", "keyref", "unique"]
    name: str
    refer: str | None  # the key a keyref points to
    selector: str
    attribute: str
    owner: ElementNode
    elements: tuple[ElementNode, ...]
    documentation: str


@dataclass(eq=False)
class ElementNode:
    """One element of the vocabulary: a local name with one type (declarations of the
    same name and type in several places are one element with several parents)."""

    name: str
    namespace: str
    type_name: str | None
    declaration: etree._Element
    content: Content = field(default_factory=lambda: Content("empty"))
    attributes: list[Attribute] = field(default_factory=list)
    # (parent, documentation of the declaration there); parent None for a root.
    contexts: list[tuple[ElementNode | None, str]] = field(default_factory=list)
    parents: list[ElementNode] = field(default_factory=list)
    references: list[Constraint] = field(default_factory=list)
    heading: str = ""

    def children(self) -> list[ElementNode]:
        found: list[ElementNode] = []
        for particle in _walk(self.content.particle):
            if particle.element is not None and particle.element not in found:
                found.append(particle.element)
        return found

    @property
    def is_root(self) -> bool:
        return any(parent is None for parent, _ in self.contexts)


@dataclass(frozen=True, slots=True)
class SimpleType:
    name: str
    node: etree._Element
    documentation: str


@dataclass
class Vocabulary:
    namespace: str
    version: str
    schema_name: str
    sections: list[tuple[str, str, list[ElementNode]]]  # (title, intro, elements)
    simple_types: list[SimpleType]
    constraints: list[Constraint]
    schema: SchemaSet

    @property
    def elements(self) -> list[ElementNode]:
        return [node for _, _, nodes in self.sections for node in nodes]

    def element(self, name: str, parent: str | None = None) -> ElementNode:
        """The element called name (and, if given, appearing in an element called parent)."""
        matches = [
            node
            for node in self.elements
            if node.name == name and (parent is None or any(p.name == parent for p in node.parents))
        ]
        if len(matches) != 1:
            raise KeyError(f"{len(matches)} elements match {name!r} in {parent!r}")
        return matches[0]


def _walk(particle: Particle | None) -> Iterator[Particle]:
    if particle is None:
        return
    yield particle
    for item in particle.items:
        yield from _walk(item)


def _occurs(node: etree._Element) -> Occurs:
    high = node.get("maxOccurs", "1")
    return Occurs(int(node.get("minOccurs", "1")), None if high == "unbounded" else int(high))


# ---------------------------------------------------------------------------- graph


class _Builder:
    """Walks the content models from the roots into a graph of ElementNodes."""

    def __init__(self, schema: SchemaSet) -> None:
        self.schema = schema
        self.nodes: dict[tuple[str, str, str], ElementNode] = {}
        self.pending: list[ElementNode] = []
        # Every element declaration (by its path in the schema) and the node it declares.
        self.declared: dict[str, ElementNode] = {}
        qualified = schema.root.get("elementFormDefault", "unqualified") == "qualified"
        self.local_namespace = schema.target if qualified else ""

    def node(self, declaration: etree._Element, parent: ElementNode | None) -> ElementNode:
        """The node of a (possibly referring) element declaration, created on first use."""
        local_doc = documentation(declaration)
        target = declaration
        ref = declaration.get("ref")
        if ref is not None:
            target = self.schema.lookup("element", declaration, ref)
        form = target.get("form")
        if ref is not None or target.getparent() is self.schema.root or form == "qualified":
            namespace = self.schema.target
        else:
            namespace = "" if form == "unqualified" else self.local_namespace
        name = target.get("name", "")
        type_attr = target.get("type")
        if type_attr is not None:
            type_ns, type_local = self.schema.resolve(target, type_attr)
            key = (name, type_ns, type_local)
            type_name: str | None = type_local
        else:
            key = (name, "", target.getroottree().getpath(target))
            type_name = None
        node = self.nodes.get(key)
        if node is None:
            node = ElementNode(name, namespace, type_name, target)
            self.nodes[key] = node
            self.pending.append(node)
        self.declared[target.getroottree().getpath(target)] = node
        context = (parent, local_doc or documentation(target))
        if context not in node.contexts:
            node.contexts.append(context)
        return node

    def build(self, roots: Iterable[etree._Element]) -> list[ElementNode]:
        found = [self.node(root, None) for root in roots]
        while self.pending:
            node = self.pending.pop(0)
            node.content, node.attributes = self._element_type(node)
        return found

    # -- types

    def _element_type(self, node: ElementNode) -> tuple[Content, list[Attribute]]:
        declaration = node.declaration
        type_attr = declaration.get("type")
        if type_attr is not None:
            name = self.schema.resolve(declaration, type_attr)
            complex_type = self.schema.tables["complexType"].get(name)
            if complex_type is not None:
                return self._complex(complex_type, node)
            if name == (XS, "anyType"):
                return Content("any"), []
            return Content("text", text_type=TypeRef(name)), []
        for child in _xs_children(declaration, "complexType", "simpleType"):
            if _local(child) == "complexType":
                return self._complex(child, node)
            return Content("text", text_type=TypeRef(None, child)), []
        return Content("any"), []

    def _complex(
        self, complex_type: etree._Element, owner: ElementNode
    ) -> tuple[Content, list[Attribute]]:
        mixed = complex_type.get("mixed") == "true"
        particle: Particle | None = None
        text_type: TypeRef | None = None
        attributes: list[Attribute] = []
        for child in _xs_children(complex_type):
            kind = _local(child)
            if kind in _PARTICLES:
                particle = self._particle(child, owner)
            elif kind in ("simpleContent", "complexContent"):
                mixed = mixed or child.get("mixed") == "true"
                derivation = _xs_children(child, "extension", "restriction")[0]
                base = self.schema.resolve(derivation, derivation.get("base", ""))
                base_type = self.schema.tables["complexType"].get(base)
                base_content = Content("empty")
                if base_type is not None:
                    base_content, attributes = self._complex(base_type, owner)
                    mixed = mixed or base_content.kind == "mixed"
                if kind == "simpleContent":
                    text_type = base_content.text_type if base_type is not None else TypeRef(base)
                own = [p for p in _xs_children(derivation) if _local(p) in _PARTICLES]
                own_particle = self._particle(own[0], owner) if own else None
                if _local(derivation) == "restriction":
                    particle = own_particle if kind == "complexContent" else None
                elif base_content.particle is not None and own_particle is not None:
                    particle = Particle(
                        "sequence", Occurs(1, 1), [base_content.particle, own_particle]
                    )
                else:
                    particle = base_content.particle or own_particle
                attributes = _merge(attributes, self._attributes(derivation))
        attributes = _merge(attributes, self._attributes(complex_type))
        if text_type is not None:
            return Content("text", text_type=text_type), attributes
        if mixed:
            return Content("mixed", particle), attributes
        return Content("elements" if particle else "empty", particle), attributes

    def _particle(self, node: etree._Element, owner: ElementNode) -> Particle:
        kind = _local(node)
        occurs = _occurs(node)
        if kind == "element":
            child = self.node(node, owner)
            return Particle("element", occurs, element=child, documentation=child.contexts[-1][1])
        if kind == "group":
            group = self.schema.lookup("group", node, node.get("ref", ""))
            inner = next(p for p in _xs_children(group) if _local(p) in _PARTICLES)
            particle = self._particle(inner, owner)
            particle.occurs = occurs
            return particle
        if kind == "any":
            return Particle("any", occurs)
        items = [self._particle(p, owner) for p in _xs_children(node) if _local(p) in _PARTICLES]
        return Particle(_COMPOSITORS[kind], occurs, items)

    def _attributes(self, node: etree._Element) -> list[Attribute]:
        found: list[Attribute] = []
        for child in _xs_children(node, "attribute", "attributeGroup"):
            if _local(child) == "attributeGroup":
                group = self.schema.lookup("attributeGroup", child, child.get("ref", ""))
                found = _merge(found, self._attributes(group))
                continue
            if child.get("use") == "prohibited":
                continue
            target = child
            name = child.get("name", "")
            ref = child.get("ref")
            if ref is not None:
                target = self.schema.lookup("attribute", child, ref)
                namespace, local = self.schema.resolve(child, ref)
                name = f"xml:{local}" if namespace == XML_NS else local
            type_attr = target.get("type")
            if type_attr is not None:
                type_ref = TypeRef(self.schema.resolve(target, type_attr))
            else:
                anonymous = _xs_children(target, "simpleType")
                type_ref = (
                    TypeRef(None, anonymous[0]) if anonymous else TypeRef((XS, "anySimpleType"))
                )
            found.append(
                Attribute(
                    name=name,
                    type=type_ref,
                    required=child.get("use") == "required",
                    documentation=documentation(child) or documentation(target),
                    default=child.get("default", target.get("default")),
                )
            )
        return found


def _merge(first: list[Attribute], second: list[Attribute]) -> list[Attribute]:
    """Attributes of a base type, then a derivation's (which win on a name clash)."""
    names = {attribute.name for attribute in second}
    return [a for a in first if a.name not in names] + second


# ---------------------------------------------------------------------------- keys


def _constraints(schema: SchemaSet, declared: dict[str, ElementNode]) -> list[Constraint]:
    found: list[Constraint] = []
    tree = schema.root.getroottree()
    for declaration in schema.root.iter(f"{{{XS}}}element"):
        owner = declared.get(tree.getpath(declaration))
        for constraint in _xs_children(declaration, "key", "keyref", "unique"):
            selector = _xs_children(constraint, "selector")[0]
            fields = _xs_children(constraint, "field")
            if owner is None:
                raise ValueError(f"{constraint.get('name')}: declared on an unreachable element")
            xpath = selector.get("xpath", "")
            field_path = fields[0].get("xpath", "") if len(fields) == 1 else ""
            if not field_path.startswith("@"):
                raise ValueError(f"{constraint.get('name')}: only one attribute field is supported")
            kind = _CONSTRAINTS[_local(constraint)]
            refer = constraint.get("refer")
            found.append(
                Constraint(
                    kind=kind,
                    name=constraint.get("name", ""),
                    refer=schema.resolve(constraint, refer)[1] if refer else None,
                    selector=xpath,
                    attribute=field_path[1:],
                    owner=owner,
                    elements=tuple(_select(owner, xpath, selector, schema)),
                    documentation=documentation(constraint),
                )
            )
    return found


def _select(
    start: ElementNode, xpath: str, context: etree._Element, schema: SchemaSet
) -> list[ElementNode]:
    """The elements an XSD selector (restricted XPath) reaches on the element graph.

    As in the XSD engines, an unprefixed name matches only no-namespace elements: a keyref
    written without its prefix selects nothing, and the reference shows it.
    """
    found: list[ElementNode] = []
    for alternative in xpath.split("|"):
        path = alternative.strip()
        current = [start]
        if path.startswith(".//"):
            current = _descendants(start)
            path = path[3:]
        for step in path.split("/"):
            step = step.strip()
            if step == ".":
                continue
            if step.startswith("child::"):
                step = step[len("child::") :]
            wanted: Name | None = None if step == "*" else schema.resolve(context, step)
            if wanted is not None and ":" not in step:
                wanted = ("", step)
            current = [
                child
                for node in current
                for child in node.children()
                if wanted is None or (child.namespace, child.name) == wanted
            ]
        found.extend(node for node in current if node not in found)
    return found


def _descendants(start: ElementNode) -> list[ElementNode]:
    """Every element node that can occur anywhere inside start, start included (it occurs
    inside itself when the model is recursive), as the target of .// then a name."""
    seen: list[ElementNode] = [start]
    index = 0
    while index < len(seen):
        for child in seen[index].children():
            if child not in seen:
                seen.append(child)
        index += 1
    return seen


# ---------------------------------------------------------------------------- analysis


def load(path: Path | None = None) -> Vocabulary:
    """Read the schema and work out every element, type and reference rule in it."""
    schema = SchemaSet(path or default_schema_path())
    roots = [
        schema.tables["element"][(schema.target, name)]
        for name in ROOTS
        if (schema.target, name) in schema.tables["element"]
    ]
    if not roots:
        roots = [
            declaration
            for (namespace, _), declaration in schema.tables["element"].items()
            if namespace == schema.target
        ]
    builder = _Builder(schema)
    root_nodes = builder.build(roots)
    sections = _reading_order(root_nodes)
    order = {node: index for index, node in enumerate(n for _, _, ns in sections for n in ns)}
    for node in order:
        parents = {parent for parent, _ in node.contexts if parent is not None}
        node.parents = sorted(parents, key=order.__getitem__)
    _label(list(order))
    constraints = _constraints(schema, builder.declared)
    for constraint in constraints:
        if constraint.kind == "keyref":
            for node in constraint.elements:
                node.references.append(constraint)
    simple_types = [
        SimpleType(name, node, documentation(node))
        for (namespace, name), node in schema.tables["simpleType"].items()
        if namespace == schema.target
    ]
    return Vocabulary(
        namespace=schema.target,
        version=schema.root.get("version", ""),
        schema_name=schema.path.name,
        sections=sections,
        simple_types=simple_types,
        constraints=constraints,
        schema=schema,
    )


def _reading_order(roots: list[ElementNode]) -> list[tuple[str, str, list[ElementNode]]]:
    """Roots first; then, for each child of a root, that child and everything first reached
    through it in document order; elements met only inside running text (mixed content)
    are gathered at the end."""
    seen: set[ElementNode] = set(roots)
    inline: list[ElementNode] = []

    def visit(node: ElementNode, out: list[ElementNode]) -> None:
        for child in node.children():
            if child in seen:
                continue
            if node.content.kind == "mixed":
                if child not in inline:
                    inline.append(child)
                continue
            seen.add(child)
            out.append(child)
            visit(child, out)

    sections = [("Root elements", "Elements that may be the root of a document.", roots)]
    for root in roots:
        for child in root.children():
            if child in seen:
                continue
            seen.add(child)
            members = [child]
            visit(child, members)
            sections.append(
                (
                    f"`{child.name}` and its contents",
                    f"The elements first met inside `{child.name}`, in document order.",
                    members,
                )
            )
    members = []
    index = 0
    while index < len(inline):
        node = inline[index]
        index += 1
        if node in seen:
            continue
        seen.add(node)
        members.append(node)
        visit(node, members)
    if members:
        sections.append(
            (
                "Inline elements",
                "The elements of running text: they appear in mixed content, between words.",
                members,
            )
        )
    return sections


def _label(nodes: list[ElementNode]) -> None:
    """Headings: the local name, qualified by its parents where two elements share it."""
    by_name: dict[str, list[ElementNode]] = {}
    for node in nodes:
        by_name.setdefault(node.name, []).append(node)
    for same in by_name.values():
        for node in same:
            if len(same) == 1:
                node.heading = f"`{node.name}`"
                continue
            places = [p.name for p in node.parents]
            where = ", ".join(dict.fromkeys(places)) if places else "the document root"
            node.heading = f"`{node.name}` (in {where})"
        if len({node.heading for node in same}) < len(same):
            for node in same:
                node.heading += f" ({node.type_name or 'anonymous type'})"


# ---------------------------------------------------------------------------- rendering


_INLINE_CODE = re.compile(r"(@[A-Za-z][\w:-]*|\bxs:[A-Za-z]+)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&])")


def escape(text: str) -> str:
    """Documentation text as Markdown: special characters escaped, @attribute and
    xs:type names as code."""
    parts = _INLINE_CODE.split(text)
    return "".join(
        f"`{part}`" if index % 2 else _MARKDOWN_SPECIAL.sub(r"\\\1", part)
        for index, part in enumerate(parts)
    )


def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading (before de-duplication)."""
    plain = text.replace("`", "").strip().lower()
    return re.sub(r"[^\w\- ]", "", plain).replace(" ", "-")


class _Outline:
    """Headings in document order with their anchors, de-duplicated as GitHub does."""

    def __init__(self) -> None:
        self.headings: list[tuple[int, str, object]] = []
        self.anchors: dict[int, str] = {}
        self._used: dict[str, int] = {}

    def add(self, level: int, text: str, target: object) -> None:
        slug = github_slug(text)
        count = self._used.get(slug, 0)
        self._used[slug] = count + 1
        if count:
            slug = f"{slug}-{count}"
        self.headings.append((level, text, target))
        self.anchors.setdefault(id(target), slug)

    def link(self, target: object, text: str) -> str:
        return f"[{text}](#{self.anchors[id(target)]})"


_TITLE = "The dtmarkup 1 vocabulary"
_SIMPLE_TYPES = "Simple types"
_REFERENCES = "Reference rules"


class _Renderer:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.schema = vocabulary.schema
        self.types = {t.name: t for t in vocabulary.simple_types}
        self.keys = {c.name: c for c in vocabulary.constraints if c.kind != "keyref"}
        # The first element of each named type: later ones refer to its content table.
        self.first_of_type: dict[str, ElementNode] = {}
        for node in vocabulary.elements:
            if node.type_name is not None:
                self.first_of_type.setdefault(node.type_name, node)
        self.order = {node: index for index, node in enumerate(vocabulary.elements)}
        self.outline = _Outline()
        self.outline.add(1, _TITLE, _TITLE)
        self.outline.add(2, "Contents", "Contents")
        for title, _, nodes in vocabulary.sections:
            self.outline.add(2, title, title)
            for node in nodes:
                self.outline.add(3, node.heading, node)
        self.outline.add(2, _SIMPLE_TYPES, _SIMPLE_TYPES)
        for simple in vocabulary.simple_types:
            self.outline.add(3, f"`{simple.name}`", simple)
        self.outline.add(2, _REFERENCES, _REFERENCES)

    def render(self) -> str:
        out: list[str] = []
        for level, text, target in self.outline.headings:
            out.append(f"{'#' * level} {text}")
            out.append("")
            if isinstance(target, ElementNode):
                out.extend(self.element(target))
            elif isinstance(target, SimpleType):
                out.extend(self.simple_type(target))
            elif target == _TITLE:
                out.extend(self.introduction())
            elif target == "Contents":
                out.extend(self.contents())
            elif target == _SIMPLE_TYPES:
                out.append("The datatypes of text content and attribute values.")
                out.append("")
            elif target == _REFERENCES:
                out.extend(self.reference_rules())
            else:
                intro = next(i for t, i, _ in self.vocabulary.sections if t == target)
                out.append(intro)
                out.append("")
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out) + "\n"

    # -- parts

    def introduction(self) -> list[str]:
        v = self.vocabulary
        version = f", schema version {v.version}" if v.version else ""
        return [
            "<!-- GENERATED by tools/vocabulary_doc.py from the schema: do not edit by "
            "hand. Change the xs:documentation in the schema, then run `make docs`. -->",
            "",
            f"Every element and attribute of the namespace `{v.namespace}`{version}, "
            f"generated from the `xs:documentation` in `{v.schema_name}`.",
            "",
            "Occurrence words: *required* (exactly once), *optional* (at most once), "
            "*repeatable* (any number of times; *required, repeatable*: at least once). "
            "*Mixed* content is text with the listed elements between the words.",
            "",
        ]

    def contents(self) -> list[str]:
        lines = []
        for title, _, nodes in self.vocabulary.sections:
            links = ", ".join(self.outline.link(n, f"`{n.name}`") for n in nodes)
            lines.append(f"- {self.outline.link(title, title)}: {links}")
        types = ", ".join(self.outline.link(t, f"`{t.name}`") for t in self.vocabulary.simple_types)
        lines.append(f"- {self.outline.link(_SIMPLE_TYPES, _SIMPLE_TYPES)}: {types}")
        lines.append(f"- {self.outline.link(_REFERENCES, _REFERENCES)}: keys and keyrefs")
        return [*lines, ""]

    def element_link(self, node: ElementNode) -> str:
        return self.outline.link(node, f"`{node.name}`")

    def element(self, node: ElementNode) -> list[str]:
        lines = self.element_documentation(node)
        places = [self.element_link(p) for p in node.parents]
        if node.is_root:
            places.insert(0, "the root of a document")
        lines += [f"**Appears in:** {', '.join(places)}.", ""]
        if node.type_name is not None and node.content.kind != "text":
            lines += [f"**Schema type:** `{node.type_name}`.", ""]
        first = self.first_of_type.get(node.type_name or "", node)
        if first is not node and node.content.particle is not None:
            lines += [f"**Content:** as in {self.element_link(first)}.", ""]
        else:
            lines += self.content(node.content)
        lines += self.attributes(node.attributes)
        if node.references:
            lines += ["**References** (checked by the schema):", ""]
            for keyref in node.references:
                lines.append(
                    f"- `@{keyref.attribute}` must be the id of {self.kinds(keyref.refer)} "
                    f"(keyref `{keyref.name}`, key `{keyref.refer}`)."
                )
            lines.append("")
        return lines

    def element_documentation(self, node: ElementNode) -> list[str]:
        by_text: dict[str, list[ElementNode | None]] = {}
        for parent, text in node.contexts:
            by_text.setdefault(text, []).append(parent)
        if len(by_text) == 1:
            text = next(iter(by_text))
            return [escape(text) if text else "*No documentation in the schema.*", ""]
        lines = []
        for text, parents in by_text.items():
            parents.sort(key=lambda p: -1 if p is None else self.order[p])
            where = ", ".join("as the root" if p is None else self.element_link(p) for p in parents)
            lines.append(f"- In {where}: {escape(text) or '*no documentation*'}")
        return [*lines, ""]

    def content(self, content: Content) -> list[str]:
        if content.kind == "empty":
            return ["**Content:** empty (attributes only).", ""]
        if content.kind == "any":
            return ["**Content:** any.", ""]
        if content.kind == "text":
            assert content.text_type is not None
            return [f"**Content:** text, of type {self.type_text(content.text_type)}.", ""]
        particle = content.particle
        if particle is None:
            return ["**Content:** text.", ""]
        lead, shaped = _shape(particle)
        if content.kind == "mixed":
            lead = f"text mixed with {lead[0].lower()}{lead[1:]}"
        lines = [f"**Content:** {lead}", ""]
        if not shaped:
            lines += [*self.structure(particle, 0), ""]
        lines += ["| Element | Occurs | Description |", "|---|---|---|"]
        for item, occurs in _flatten(particle):
            assert item.element is not None
            lines.append(
                f"| {self.element_link(item.element)} | {occurs.words()} | "
                f"{_cell(escape(item.documentation))} |"
            )
        return [*lines, ""]

    def structure(self, particle: Particle, depth: int) -> list[str]:
        indent = "  " * depth
        if particle.kind == "element":
            assert particle.element is not None
            return [f"{indent}- {self.element_link(particle.element)} ({particle.occurs.words()})"]
        if particle.kind == "any":
            return [f"{indent}- any element ({particle.occurs.words()})"]
        names = {"sequence": "in this order", "choice": "one of", "all": "in any order"}
        lines = [f"{indent}- {names[particle.kind]} ({particle.occurs.words()}):"]
        for item in particle.items:
            lines += self.structure(item, depth + 1)
        return lines

    def attributes(self, attributes: list[Attribute]) -> list[str]:
        if not attributes:
            return ["**Attributes:** none.", ""]
        lines = [
            "**Attributes:**",
            "",
            "| Attribute | Type | Use | Description |",
            "|---|---|---|---|",
        ]
        for attribute in attributes:
            description = escape(attribute.documentation) or "*No documentation in the schema.*"
            values = self.values(attribute.type)
            if values:
                description += f" Allowed values: {values}."
            if attribute.default is not None:
                description += f" Default: `{attribute.default}`."
            lines.append(
                f"| `{attribute.name}` | {self.type_text(attribute.type)} | "
                f"{'required' if attribute.required else 'optional'} | {_cell(description)} |"
            )
        return [*lines, ""]

    def kinds(self, key_name: str | None) -> str:
        key = self.keys.get(key_name or "")
        if key is None:
            return f"an element of the unknown key `{key_name}`"
        names = [f"{_article(n.name)} {self.element_link(n)}" for n in key.elements]
        if not names:
            return "nothing (the key selects no element)"
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"

    # -- types

    def type_text(self, type_ref: TypeRef) -> str:
        if type_ref.name is None:
            assert type_ref.node is not None
            derivation = _xs_children(type_ref.node, "restriction", "union", "list")
            if derivation and derivation[0].get("base"):
                base = self.schema.resolve(derivation[0], derivation[0].get("base", ""))
                return f"restriction of {self.type_text(TypeRef(base))}"
            return "anonymous simple type"
        namespace, local = type_ref.name
        if namespace == XS:
            return f"`xs:{local}`"
        if namespace == self.vocabulary.namespace and local in self.types:
            return self.outline.link(self.types[local], f"`{local}`")
        return f"`{local}`"

    def values(self, type_ref: TypeRef) -> str:
        node = type_ref.node
        name = type_ref.name[1] if type_ref.name else None
        if type_ref.name is not None:
            simple = self.types.get(type_ref.name[1])
            if type_ref.name[0] != self.vocabulary.namespace or simple is None:
                return ""
            node = simple.node
        assert node is not None
        values = _enumeration(node)
        if not values:
            return ""
        if len(values) > LONG_ENUMERATION:
            summary = ENUMERATION_SUMMARIES.get(
                name or "", "one of the values listed in the schema"
            )
            return f"{summary} ({len(values)} values)"
        return ", ".join(f"`{value}`" for value in values)

    def simple_type(self, simple: SimpleType) -> list[str]:
        lines = [escape(simple.documentation) or "*No documentation in the schema.*", ""]
        for derivation in _xs_children(simple.node, "restriction", "union", "list"):
            kind = _local(derivation)
            if kind == "union":
                members = [
                    self.type_text(TypeRef(self.schema.resolve(derivation, member)))
                    for member in derivation.get("memberTypes", "").split()
                ]
                lines += [f"**Union of** {' and '.join(members)}.", ""]
                continue
            if kind == "list":
                item = derivation.get("itemType", "")
                item_text = self.type_text(TypeRef(self.schema.resolve(derivation, item)))
                lines += [f"**A list of** {item_text} values.", ""]
                continue
            base = TypeRef(self.schema.resolve(derivation, derivation.get("base", "")))
            lines += [f"**Restriction of** {self.type_text(base)}.", ""]
            for facet in _xs_children(derivation):
                facet_name = _local(facet)
                value = facet.get("value", "")
                if facet_name in ("enumeration", "annotation", "pattern"):
                    continue
                lines += [f"**{_FACETS.get(facet_name, facet_name)}:** `{value}`.", ""]
            for pattern in _xs_children(derivation, "pattern"):
                lines += ["**Pattern** (the whole value must match):", "", "```text"]
                lines += [pattern.get("value", ""), "```", ""]
            values = self.values(TypeRef((self.vocabulary.namespace, simple.name)))
            if values:
                lines += [f"**Allowed values:** {values}.", ""]
        users = self.users(simple.name)
        if users:
            lines += [f"**Used by:** {', '.join(users)}.", ""]
        return lines

    def users(self, type_name: str) -> list[str]:
        wanted = (self.vocabulary.namespace, type_name)
        found: list[str] = []
        for node in self.vocabulary.elements:
            text = node.content.text_type
            if node.content.kind == "text" and text is not None and text.name == wanted:
                found.append(self.element_link(node))
            for attribute in node.attributes:
                if attribute.type.name == wanted:
                    found.append(self.outline.link(node, f"`{node.name}/@{attribute.name}`"))
        for other in self.vocabulary.simple_types:
            for union in _xs_children(other.node, "union"):
                members = union.get("memberTypes", "").split()
                if any(self.schema.resolve(union, m) == wanted for m in members):
                    found.append(self.outline.link(other, f"`{other.name}`"))
        return list(dict.fromkeys(found))

    # -- keys

    def reference_rules(self) -> list[str]:
        constraints = self.vocabulary.constraints
        owners = list(dict.fromkeys(c.owner for c in constraints))
        lines = [
            "References between parts of a document are `xs:key`/`xs:keyref` pairs: a key "
            "names the elements an id may identify, a keyref requires an attribute to hold "
            "the id of one of them, so a reference to the wrong kind of entity is an error.",
            "",
        ]
        for owner in owners:
            lines += [
                f"Declared on {self.element_link(owner)}: every reference is resolved within "
                f"the same `{owner.name}`.",
                "",
            ]
        lines += ["**Keys:**", "", "| Key | Identifies | Selector | Field |", "|---|---|---|---|"]
        for key in constraints:
            if key.kind == "keyref":
                continue
            lines.append(
                f"| `{key.name}` | {self.kinds(key.name)} | `{_cell(key.selector)}` | "
                f"`@{key.attribute}` |"
            )
        lines += [
            "",
            "**Keyrefs:**",
            "",
            "| Keyref | On | Attribute | Must be the id of | Key | Selector |",
            "|---|---|---|---|---|---|",
        ]
        for keyref in constraints:
            if keyref.kind != "keyref":
                continue
            on = ", ".join(self.element_link(n) for n in keyref.elements) or "**no element**"
            lines.append(
                f"| `{keyref.name}` | {on} | `@{keyref.attribute}` | "
                f"{self.kinds(keyref.refer)} | `{keyref.refer}` | `{_cell(keyref.selector)}` |"
            )
        return [*lines, ""]


_FACETS = {
    "length": "Length",
    "minLength": "Minimum length",
    "maxLength": "Maximum length",
    "minInclusive": "Minimum",
    "maxInclusive": "Maximum",
    "minExclusive": "Greater than",
    "maxExclusive": "Less than",
    "totalDigits": "Total digits",
    "fractionDigits": "Fraction digits",
    "whiteSpace": "White space",
}


def _enumeration(node: etree._Element) -> list[str]:
    values: list[str] = []
    for restriction in _xs_children(node, "restriction"):
        values += [e.get("value", "") for e in _xs_children(restriction, "enumeration")]
    return values


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _cell(text: str) -> str:
    """Text for a table cell: a pipe would end the cell."""
    return re.sub(r"(?<!\\)\|", r"\\|", text)


def _shape(particle: Particle) -> tuple[str, bool]:
    """The sentence that introduces a content model, and whether the element table alone
    says everything (False: the nested structure is printed too)."""
    items = particle.items if particle.kind != "element" else [particle]
    if particle.kind == "element" or (
        particle.kind == "sequence"
        and particle.occurs == Occurs(1, 1)
        and all(item.kind == "element" for item in items)
    ):
        return ("this element:" if len(items) == 1 else "these elements, in this order:"), True
    if particle.kind == "choice" and all(_choice_of_elements(item) for item in items):
        low, high = particle.occurs.low, particle.occurs.high
        if high == 1:
            return ("exactly one of these elements:" if low else "at most one of:"), True
        if high is None:
            if low == 0:
                return "any number of these elements, in any order:", True
            if low == 1:
                return "one or more of these elements, in any order:", True
            return f"at least {low} of these elements, in any order:", True
        return f"{low} to {high} of these elements, in any order:", True
    return "these elements, as follows:", False


def _choice_of_elements(particle: Particle) -> bool:
    if particle.kind == "element":
        return True
    return (
        particle.kind == "choice"
        and particle.occurs == Occurs(1, 1)
        and all(_choice_of_elements(item) for item in particle.items)
    )


def _flatten(particle: Particle, outer: Occurs = Occurs(1, 1)) -> list[tuple[Particle, Occurs]]:
    """Every element particle with how often it may occur in the parent, all nesting
    taken into account (an alternative of a choice is never required on its own)."""
    occurs = _times(outer, particle.occurs)
    if particle.kind == "element":
        return [(particle, occurs)]
    if particle.kind == "any":
        return []
    found: dict[ElementNode, tuple[Particle, Occurs]] = {}
    for item in particle.items:
        inner = occurs
        if particle.kind == "choice" and len(particle.items) > 1:
            inner = Occurs(0, occurs.high)
        for element, times in _flatten(item, inner):
            node = element.element
            assert node is not None
            previous = found.get(node)
            if previous is not None:
                element, times = previous[0], _plus(previous[1], times, particle.kind == "choice")
            found[node] = (element, times)
    return list(found.values())


def _times(a: Occurs, b: Occurs) -> Occurs:
    high = None if a.high is None or b.high is None else a.high * b.high
    return Occurs(a.low * b.low, high)


def _plus(a: Occurs, b: Occurs, alternative: bool) -> Occurs:
    if alternative:
        high = None if a.high is None or b.high is None else max(a.high, b.high)
        return Occurs(min(a.low, b.low), high)
    high = None if a.high is None or b.high is None else a.high + b.high
    return Occurs(a.low + b.low, high)


def render(vocabulary: Vocabulary) -> str:
    """The Markdown reference of a loaded vocabulary."""
    return _Renderer(vocabulary).render()


def generate(path: Path | None = None) -> str:
    """The Markdown reference of the schema at path (default: the shipped XSD)."""
    return render(load(path))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) > 1 or any(a.startswith("-") for a in arguments):
        sys.stderr.write("usage: python -m tools.vocabulary_doc [OUTPUT.md]\n")
        return 2
    text = generate()
    if not arguments:
        sys.stdout.write(text)
        return 0
    target = Path(arguments[0])
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
        sys.stderr.write(f"wrote {target}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
