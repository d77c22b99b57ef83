"""Fixes as data: for a finding, the edits of the source bytes that repair it.

One small function per repair, in a table by code (FIXERS). A fixer looks at the element
the finding points to, decides again from the document itself (never from the message)
whether the repair's intent is certain, and returns a Fix or None. Safe fixes are those
where it is: quotation marks doubled at the edges of quoted text, a headline's final full
stop, an unused or duplicated registry entry, an empty paragraph or inline element, white
space around ids and refs, a country code in lower case, a time whose zone the dateline
gives, a mention or credit whose entity the registry names. The rest are unsafe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from lxml import etree

from dtmarkup.diagnostics import Diagnostic, Edit, Fix
from dtmarkup.xml.source_map import SourceMap, Span, Unit

NS = "urn:dtmarkup:1"
QUOTE_MARKS = "\"“”„‟«»‹›‘’‚‛「」『』'"
SINGLE_MARKS = "'‘’‚‛‹›"
SPACES = " \t\r\n"
ENTITY_KINDS = ("person", "organization", "place")
REF_ATTRIBUTES = ("ref", "speaker", "by", "source", "photographer")
_ID = re.compile(r"[a-z][a-z0-9-]*\Z")
_ZONELESS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\Z")
_QNAME = re.compile(r"[^\s/>]+")
_ZONE = re.compile(r"(Z|[+-]\d{2}:\d{2})\Z")


@dataclass
class Context:
    """One document: its tree, its source map and its registry, computed once."""

    tree: etree._ElementTree
    source: SourceMap
    entities: dict[str, etree._Element] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)
    """Normalized entity name -> the ids of the entities with that name."""
    _children: dict[etree._Element, dict[str, list[etree._Element]]] = field(default_factory=dict)

    @classmethod
    def of(cls, tree: etree._ElementTree, source: SourceMap) -> Context:
        context = cls(tree, source)
        for entity in tree.getroot().iterfind(f"{{{NS}}}head/{{{NS}}}entities/*"):
            key = entity.get("id", "")
            if key not in context.entities:
                context.entities[key] = entity
                context.by_name.setdefault(_entity_name(entity), []).append(key)
        return context

    def children(self, parent: etree._Element, name: str) -> list[etree._Element]:
        """The element children of ``parent`` called ``name``, indexed once per parent."""
        index = self._children.get(parent)
        if index is None:
            index = {}
            for child in parent:
                if isinstance(child.tag, str):
                    index.setdefault(_name(child), []).append(child)
            self._children[parent] = index
        return index.get(name, [])

    def span(self, element: etree._Element) -> Span:
        return self.source.spans[element]

    def content(self, element: etree._Element) -> list[Unit]:
        span = self.span(element)
        return list(self.source.units(span.content_start, span.content_end))

    def edit(self, start: int, end: int, replacement: str = "") -> Edit:
        return self.source.edit(start, end, replacement)

    def remove(self, element: etree._Element) -> Edit:
        """Delete the element, and its line when it stands alone on it."""
        span = self.span(element)
        return self.edit(*self.source.whole_lines(span.start, span.end))

    def set_attribute(self, element: etree._Element, name: str, value: str) -> Edit | None:
        """Replace an attribute's value in place, or add it at the end of the start tag."""
        span = self.span(element)
        if name in span.attributes:
            start, end = span.attributes[name]
            return self.edit(
                start, end, _escape(value).replace('"', "&quot;").replace("'", "&apos;")
            )
        close = span.content_start - 1  # the ">" of the start tag
        if self.source.text[close - 1] == "/":
            close -= 1
        return self.edit(close, close, f" {name}={_quoted(value)}")


Fixer = Callable[[Context, etree._Element], Fix | None]


def _name(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _escape(text: str) -> str:
    """``text`` as XML character data. (xml.sax.saxutils would do, but importing it pulls
    in urllib and email: a fifth of the command's start-up.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _quoted(value: str) -> str:
    """``value`` as a double-quoted XML attribute value, white space kept as written."""
    escaped = _escape(value).replace('"', "&quot;")
    return '"' + escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


def _entity_name(entity: etree._Element) -> str:
    name = entity.find(f"{{{NS}}}name")
    return _text(name) if name is not None else ""


_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


def _visible(text: str) -> bool:
    """Whether ``text`` shows anything: not only white space or zero-width characters."""
    return bool(_INVISIBLE.sub("", text))


def _runs(units: Sequence[Unit]) -> list[tuple[int, int]]:
    """Adjacent units merged into (start, end) ranges; markup between them splits a run."""
    ranges: list[tuple[int, int]] = []
    for unit in units:
        if ranges and ranges[-1][1] == unit.start:
            ranges[-1] = (ranges[-1][0], unit.end)
        else:
            ranges.append((unit.start, unit.end))
    return ranges


# -- DT206: quotation marks written inside quoted text ---------------------------------


def strip_quotation_marks(context: Context, element: etree._Element) -> Fix | None:
    units = context.content(element)
    first = next((i for i, u in enumerate(units) if u.char not in SPACES), None)
    if first is None:
        return None
    last = max(i for i, u in enumerate(units) if u.char not in SPACES)
    lead = first
    while lead <= last and units[lead].char in QUOTE_MARKS + SPACES:
        lead += 1
    trail = last
    while trail >= lead and units[trail].char in QUOTE_MARKS + SPACES:
        trail -= 1
    if lead > last:
        return None  # nothing but marks: what the author meant is not clear
    removed = units[first:lead] + units[trail + 1 : last + 1]
    marks = [u.char for u in removed if u.char in QUOTE_MARKS]
    if not marks:
        return None
    edits = tuple(context.edit(s, e) for s, e in _runs(removed))
    # Marks at one end only are certain when nothing inside could pair with them (the
    # wire style of opening each paragraph of a long quotation); a lone ’ or ' may be an
    # apostrophe (the players’). Otherwise a person decides.
    one_sided = lead == first or trail == last
    inner = any(u.char in QUOTE_MARKS for u in units[lead : trail + 1])
    safe = not one_sided or not (inner or all(m in SINGLE_MARKS for m in marks))
    return Fix(f"Remove the quotation marks {''.join(marks)!r} from the quoted text", edits, safe)


# -- DT207: a headline's final full stop ------------------------------------------------


def drop_final_full_stop(context: Context, element: etree._Element) -> Fix | None:
    text = _text(element)
    if not text.endswith(".") or text[-3:-2] == ".":
        return None
    units = [u for u in context.content(element) if u.char not in SPACES]
    if not units or units[-1].char != ".":
        return None
    return Fix(
        "Remove the headline's final full stop", (context.edit(units[-1].start, units[-1].end),)
    )


# -- DT205 / DT107: registry entries ----------------------------------------------------


def remove_unused_entity(context: Context, element: etree._Element) -> Fix | None:
    parent = element.getparent()
    if _name(element) not in ENTITY_KINDS or parent is None:
        return None
    if sum(len(context.children(parent, kind)) for kind in ENTITY_KINDS) < 2:
        return None
    return Fix(f"Remove the unused entity {element.get('id', '')!r}", (context.remove(element),))


def remove_identical_duplicate(context: Context, element: etree._Element) -> Fix | None:
    first = context.entities.get(element.get("id", ""))
    if first is None or first is element or _canonical(first) != _canonical(element):
        return None
    return Fix(
        f"Remove the second, identical entry for {element.get('id', '')!r}",
        (context.remove(element),),
    )


def _canonical(element: etree._Element) -> str:
    return " ".join(etree.tostring(element, with_tail=False, encoding="unicode").split())


def _elements(parent: etree._Element) -> list[etree._Element]:
    return [child for child in parent if isinstance(child.tag, str)]


# -- DT209 / DT214: empty elements -------------------------------------------------------


def remove_empty_block(context: Context, element: etree._Element) -> Fix | None:
    parent = element.getparent()
    name = _name(element)
    if parent is None or name not in ("p", "caption", "attribution", "h2", "item"):
        return None
    if _elements(element) or any(isinstance(c, etree._Comment) for c in element):
        return None
    from dtmarkup.check.xsd import schema

    siblings = context.children(parent, name)
    if name in schema().required_children.get(_name(parent), frozenset()) and len(siblings) < 2:
        return None
    return Fix(f"Remove the empty {name}", (context.remove(element),))


def unwrap_empty_inline(context: Context, element: etree._Element) -> Fix | None:
    """An empty em, strong, a, q or statement: keep its white space, drop the tags."""
    name = _name(element)
    if name not in ("em", "strong", "a", "q", "statement") or len(element):
        return None
    span = context.span(element)
    inside = context.source.text[span.content_start : span.content_end]
    safe = name in ("em", "strong", "a")
    return Fix(f"Remove the empty {name}", (context.edit(span.start, span.end, inside),), safe)


def type_empty_mention(context: Context, element: etree._Element) -> Fix | None:
    """An empty mention of a known entity gets the entity's name as its text."""
    if _name(element) != "mention" or len(element):
        return None
    entity = context.entities.get(element.get("ref", ""))
    name = _entity_name(entity) if entity is not None else ""
    if not _visible(name):  # a blank name would leave the mention empty (DT214 again)
        return None
    span = context.span(element)
    if span.content_start == span.end:  # <mention ref="x"/>
        qname = _QNAME.match(context.source.text, span.start + 1)
        close = context.source.text.rindex("/", span.start, span.end)
        if qname is None:
            return None
        edit = context.edit(close, span.end, f">{_escape(name)}</{qname.group()}>")
    else:
        edit = context.edit(span.content_start, span.content_end, _escape(name))
    return Fix(f"Write the entity's name, {name!r}, into the mention", (edit,))


# -- DT103 / DT201: references the registry can supply ----------------------------------


def type_mention(context: Context, element: etree._Element) -> Fix | None:
    """A mention without @ref whose text is the name of exactly one entity."""
    if _name(element) != "mention" or element.get("ref") is not None:
        return None
    text = _text(element)
    found = context.by_name.get(text, []) if text else []
    if len(found) != 1 or not _ID.match(found[0]):
        return None
    edit = context.set_attribute(element, "ref", found[0])
    return Fix(f"Point the mention at {found[0]!r}", (edit,)) if edit else None


def type_credit(context: Context, element: etree._Element) -> Fix | None:
    """A free-text credit naming exactly one person and/or one organization."""
    if _name(element) != "credit" or element.get("source") or element.get("photographer"):
        return None
    named = _named_in(context, _text(element))
    edits: list[Edit] = []
    for attribute, kind in (("source", "organization"), ("photographer", "person")):
        ids = [key for key in named if _name(context.entities[key]) == kind]
        if len(ids) == 1 and _ID.match(ids[0]):
            edit = context.set_attribute(element, attribute, ids[0])
            if edit:
                edits.append(edit)
    if not edits:
        return None
    if len(edits) == 2:  # two insertions at the same place: one edit
        first, second = edits
        edits = [replace(first, replacement=first.replacement + second.replacement)]
    return Fix("Point the credit at the entities it names", tuple(edits))


def _named_in(context: Context, text: str) -> set[str]:
    """Ids of the entities whose whole name is a run of words of ``text``.

    Runs of up to MAX_NAME_WORDS words are looked up: linear in the text, whatever the
    size of the registry.
    """
    words = re.findall(r"\S+", text)
    stripped = [word.strip(".,;:()[]\"'“”‘’") for word in words]
    found: set[str] = set()
    for i in range(len(words)):
        for j in range(i + 1, min(i + MAX_NAME_WORDS, len(words)) + 1):
            whole = " ".join(words[i:j])
            for candidate in {whole, " ".join([*words[i : j - 1], stripped[j - 1]])}:
                if candidate:
                    found.update(context.by_name.get(candidate, ()))
    return found


MAX_NAME_WORDS = 8
"""The longest entity name (in words) a credit is searched for."""


# -- DT105: values the schema rejects, with one obvious reading --------------------------


def normalize_value(context: Context, element: etree._Element) -> Fix | None:
    for attempt in (_trim_ids, _upper_country, _zone_from_dateline):
        fix = attempt(context, element)
        if fix is not None:
            return fix
    return None


def _trim_ids(context: Context, element: etree._Element) -> Fix | None:
    """White space around an id or a reference (or a reference in the wrong case).

    A reference is repaired only to an id the registry has, and an id only to one no
    other entity has: the repair must not turn one finding into another.
    """
    edits: list[Edit] = []
    for attribute in ("id", *REF_ATTRIBUTES):
        value = element.get(attribute)
        if value is None or _ID.match(value):
            continue
        wanted = value.strip()
        if attribute == "id":
            usable = wanted not in context.entities
        else:
            if wanted not in context.entities and wanted.lower() in context.entities:
                wanted = wanted.lower()
            usable = wanted in context.entities or wanted in _padded_ids(context)
        if usable and wanted != value and _ID.match(wanted):
            edit = context.set_attribute(element, attribute, wanted)
            if edit:
                edits.append(edit)
    if not edits:
        return None
    return Fix("Remove the white space around the id or reference", tuple(edits))


def _padded_ids(context: Context) -> set[str]:
    """Ids written with white space around them: fixed in the same pass as their refs."""
    return {key.strip() for key in context.entities if key != key.strip()}


def _upper_country(context: Context, element: etree._Element) -> Fix | None:
    value = element.get("country")
    if value is None or value == value.strip().upper():
        return None
    import pycountry

    wanted = value.strip().upper()
    if len(wanted) != 2 or pycountry.countries.get(alpha_2=wanted) is None:
        return None
    edit = context.set_attribute(element, "country", wanted)
    return Fix(f"Write the country code in capitals: {wanted}", (edit,)) if edit else None


def _zone_from_dateline(context: Context, element: etree._Element) -> Fix | None:
    """published or updated without a zone, when the dateline's date-time has one."""
    if _name(element) not in ("published", "updated") or len(element):
        return None
    value = _text(element)
    if not _ZONELESS.match(value):
        return None
    date = context.tree.getroot().find(f"{{{NS}}}head/{{{NS}}}dateline/{{{NS}}}date")
    zone = _ZONE.search((date.get("when") or "").strip()) if date is not None else None
    if zone is None:
        return None
    units = [u for u in context.content(element) if u.char not in SPACES]
    end = units[-1].end
    return Fix(
        f"Add the dateline's time zone {zone.group()} to {_name(element)}",
        (context.edit(end, end, zone.group()),),
    )


def alt_from_caption(context: Context, element: etree._Element) -> Fix | None:
    """DT212, unsafe: the figure's caption as the image's alt text (a person checks it)."""
    if _name(element) != "image" or element.get("alt") is not None:
        return None
    figure = element.getparent()
    caption = figure.find(f"{{{NS}}}caption") if figure is not None else None
    text = _text(caption) if caption is not None else ""
    if not text:
        return None
    edit = context.set_attribute(element, "alt", text)
    return Fix("Use the caption as the image's alt text", (edit,), safe=False) if edit else None


FIXERS: dict[str, tuple[Fixer, ...]] = {
    "DT103": (type_mention,),
    "DT105": (normalize_value,),
    "DT107": (remove_identical_duplicate,),
    "DT201": (type_credit,),
    "DT205": (remove_unused_entity,),
    "DT206": (strip_quotation_marks,),
    "DT207": (drop_final_full_stop,),
    "DT209": (remove_empty_block,),
    "DT212": (alt_from_caption,),
    "DT214": (type_empty_mention, unwrap_empty_inline, remove_empty_block),
}
"""Code -> the fixers to try, in order; each finding takes the first fix offered."""


def attach(
    tree: etree._ElementTree, data: bytes | None, findings: Sequence[Diagnostic]
) -> list[Diagnostic]:
    """``findings`` with the fixes that apply to them; the others unchanged."""
    if data is None or not any(d.code in FIXERS and d.xpath for d in findings):
        return list(findings)
    source = SourceMap.of(tree, data)
    if source is None:
        return list(findings)
    context = Context.of(tree, source)
    result: list[Diagnostic] = []
    for finding in findings:
        element = find(tree, finding.xpath, context) if finding.code in FIXERS else None
        if element is not None and element in source.spans:
            fixes = tuple(
                fix
                for fixer in FIXERS[finding.code]
                if (fix := fixer(context, element)) is not None
            )
            if fixes:
                finding = replace(finding, fixes=fixes[:1])
        result.append(finding)
    return result


def find(
    tree: etree._ElementTree, xpath: str | None, context: Context | None = None
) -> etree._Element | None:
    """The element a readable path (``/article/body/p[2]``) names, or None."""
    if not xpath or not xpath.startswith("/"):
        return None
    steps = xpath[1:].split("/")
    node = tree.getroot()
    if _step(steps[0])[0] != _name(node):
        return None
    for step in steps[1:]:
        name, index = _step(step)
        same = (
            context.children(node, name)
            if context is not None
            else [child for child in node if isinstance(child.tag, str) and _name(child) == name]
        )
        if not 0 < index <= len(same):
            return None
        node = same[index - 1]
    return node


def _step(step: str) -> tuple[str, int]:
    if step.endswith("]") and "[" in step:
        name, _, number = step[:-1].partition("[")
        return name, int(number) if number.isdigit() else 0
    return step, 1
