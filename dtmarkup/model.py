"""The typed article model: frozen dataclasses mirroring dtmarkup-1.xsd, the hub of every
reader and writer (docs/model.md, docs/architecture.md).

Conventions, chosen so that XML -> model -> XML is lossless for the vocabulary:

- Every sequence is a tuple. An optional element that may repeat (``subjects``,
  ``keywords``) is an empty tuple when absent; any other optional element or attribute is
  ``None`` when absent.
- Mixed content is a tuple of ``str`` runs and inline nodes, in document order. It is kept
  *normal*: no empty strings and never two strings side by side (see ``normalize``).
- Text is kept exactly as written, white space included: the XSD collapses white space
  only to check a value, so the model keeps the raw characters.
- Dates and times (``published``, ``@when``, ``@issued``) are strings in their lexical form,
  exactly as written, so a round trip never rewrites ``+00:00`` as ``Z`` or drops
  fractional seconds. ``dtmarkup.model.parse_when`` turns one into a ``date``/``datetime``.
- Integers (``@revision``, image ``@width``/``@height``) are ``int``: ``01`` becomes ``1``.
- Comments, processing instructions and the layout white space between elements of
  element-only content are not part of the model.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar, cast

_T = TypeVar("_T")

NAMESPACE = "urn:dtmarkup:1"
"""The dtmarkup 1 namespace."""

ORGANIZATION_KINDS = (
    "government",
    "ministry",
    "agency",
    "media",
    "intergovernmental",
    "ngo",
    "company",
    "other",
)
STATEMENT_KINDS = ("statement", "press-release", "readout", "communique", "transcript", "remarks")
LIST_KINDS = ("bullet", "ordered")

# ---------------------------------------------------------------------------- inline


@dataclass(frozen=True, slots=True)
class Mention:
    """``mention``: a name in the text that refers to an entity of the registry."""

    ref: str
    """The id of a person, organization or place in ``head.entities``."""
    text: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    """``em``: stress emphasis."""

    content: Phrasing = ()


@dataclass(frozen=True, slots=True)
class Strong:
    """``strong``: strong importance."""

    content: Phrasing = ()


@dataclass(frozen=True, slots=True)
class Link:
    """``a``: a hyperlink. ``href`` is kept as written; renderers decide if it is safe."""

    href: str
    content: Phrasing = ()


@dataclass(frozen=True, slots=True)
class DateRef:
    """``date`` (inline and in the dateline): a date as displayed, with its value."""

    when: str
    """An xs:date or an xs:dateTime with a time zone, in its lexical form."""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    """``q``: a quotation in running text. No quotation marks inside: renderers add them."""

    speaker: str
    """The id of the person or organization quoted."""
    content: Quoting = ()


@dataclass(frozen=True, slots=True)
class InlineStatement:
    """Inline ``statement``: an excerpt of an official statement quoted in running text."""

    by: str
    """The id of the person or organization that issued it."""
    kind: str
    """One of ``STATEMENT_KINDS``."""
    content: Quoting = ()
    issued: str | None = None
    """When it was issued: xs:date or xs:dateTime, lexical form."""


PhrasingNode = Mention | Emphasis | Strong | Link | DateRef
"""The nodes allowed in phrasing content (em, strong, a, attribution)."""
InlineNode = PhrasingNode | Quote | InlineStatement
"""Every inline node."""

Phrasing = tuple[str | PhrasingNode, ...]
"""Text with mentions, emphasis, links and dates."""
Quoting = tuple[str | PhrasingNode | Quote, ...]
"""The content of a quotation: phrasing and nested quotations."""
Inline = tuple[str | InlineNode, ...]
"""Running text: phrasing, quotations and inline statements (p, h2, caption, item)."""

# ---------------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Paragraph:
    """``p``: a paragraph of running text."""

    content: Inline = ()


@dataclass(frozen=True, slots=True)
class Heading:
    """``h2``: a subheading inside the body."""

    content: Inline = ()


@dataclass(frozen=True, slots=True)
class Image:
    """``figure/image``: the picture itself."""

    src: str
    """Kept as written; renderers neutralise unsafe URLs."""
    alt: str | None = None
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True, slots=True)
class Credit:
    """``figure/credit``: the credit line as displayed, typed by its references."""

    text: str
    source: str | None = None
    """The id of the agent the image comes from."""
    photographer: str | None = None
    """The id of the person who took it."""


@dataclass(frozen=True, slots=True)
class Figure:
    """``figure``: a photo or graphic with its caption and credit."""

    image: Image
    credit: Credit
    caption: Inline | None = None
    """None when there is no caption element; ``()`` for an empty one."""


@dataclass(frozen=True, slots=True)
class BlockQuote:
    """``blockquote``: a quotation set apart, with its speaker and attribution line."""

    speaker: str
    paragraphs: tuple[Paragraph, ...]
    attribution: Phrasing | None = None


@dataclass(frozen=True, slots=True)
class BlockStatement:
    """Block ``statement``: an official text reproduced as a block."""

    by: str
    kind: str
    paragraphs: tuple[Paragraph, ...]
    issued: str | None = None


@dataclass(frozen=True, slots=True)
class ListBlock:
    """``list``: a bulleted or numbered list; each item is running text."""

    items: tuple[Inline, ...]
    kind: str | None = None
    """``bullet``, ``ordered`` or None (absent: a bullet list)."""

    @property
    def ordered(self) -> bool:
        return self.kind == "ordered"


Block = Paragraph | Heading | Figure | BlockQuote | BlockStatement | ListBlock
"""Every block of the body."""

# ---------------------------------------------------------------------------- head


@dataclass(frozen=True, slots=True)
class EntityName:
    """A name as displayed with a reference: ``byline/author``, ``publication``,
    ``dateline/place``."""

    ref: str
    text: str


@dataclass(frozen=True, slots=True)
class Byline:
    """Who wrote the article and for which publication."""

    authors: tuple[EntityName, ...]
    publication: EntityName | None = None


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where and when the story was filed."""

    place: EntityName
    date: DateRef


@dataclass(frozen=True, slots=True)
class Subject:
    """A controlled-vocabulary subject: ``qcode`` like ``medtop:11000000`` and a label."""

    qcode: str
    text: str


@dataclass(frozen=True, slots=True)
class Affiliation:
    """``person/affiliation``: the organization a person belongs to."""

    ref: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    """A person of the registry."""

    id: str
    name: str
    title: str | None = None
    affiliation: Affiliation | None = None


@dataclass(frozen=True, slots=True)
class Organization:
    """An organization of the registry; ``kind`` is one of ``ORGANIZATION_KINDS``."""

    id: str
    kind: str
    name: str


@dataclass(frozen=True, slots=True)
class Place:
    """A place of the registry; ``country`` is ISO 3166-1 alpha-2."""

    id: str
    country: str
    name: str


Entity = Person | Organization | Place
Agent = Person | Organization


@dataclass(frozen=True, slots=True)
class Entities:
    """The registry every reference points into, in document order."""

    items: tuple[Entity, ...]

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def get(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None."""
        if entity_id is None:
            return None
        for item in self.items:
            if item.id == entity_id:
                return item
        return None

    def name(self, entity_id: str | None) -> str | None:
        """The registry name of an entity, or None when unknown."""
        entity = self.get(entity_id)
        return entity.name if entity is not None else None

    @property
    def persons(self) -> tuple[Person, ...]:
        return tuple(i for i in self.items if isinstance(i, Person))

    @property
    def organizations(self) -> tuple[Organization, ...]:
        return tuple(i for i in self.items if isinstance(i, Organization))

    @property
    def places(self) -> tuple[Place, ...]:
        return tuple(i for i in self.items if isinstance(i, Place))


@dataclass(frozen=True, slots=True)
class Head:
    """Everything about the article that is not its running text."""

    headline: str
    byline: Byline
    dateline: Dateline | None
    """None when the story has no dateline (optional since schema 1.1)."""
    entities: Entities
    subheadline: str | None = None
    published: str | None = None
    """xs:dateTime with a time zone, lexical form."""
    updated: str | None = None
    subjects: tuple[Subject, ...] = ()
    keywords: tuple[str, ...] = ()


def version_stamp(head: Head) -> str:
    """When this version was made, as an xs:dateTime: updated, else published, else the
    dateline's day at 00:00:00Z, else the start of the Unix epoch (an article with no time
    at all: writers whose format requires one carry this and the reader can tell)."""
    stamp = head.updated or head.published
    if stamp is not None:
        return stamp
    when = head.dateline.date.when if head.dateline is not None else "1970-01-01"
    return when if "T" in when else f"{when[:10]}T00:00:00Z"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article."""

    id: str
    lang: str
    """``xml:lang``, e.g. ``en``."""
    head: Head
    body: tuple[Block, ...] = ()
    schema_version: str | None = None
    """``@schemaVersion``, e.g. ``1.0``."""
    revision: int | None = None


# ---------------------------------------------------------------------------- helpers


def normalize(content: Iterable[_T]) -> tuple[_T, ...]:
    """Mixed content in normal form: empty strings dropped, adjacent strings joined.

    Readers build content run by run and call this once; the model relies on it for
    equality (``("a", "b")`` and ``("ab",)`` are the same text).
    """
    out: list[_T] = []
    for item in content:
        if isinstance(item, str):
            if not item:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = cast("_T", out[-1] + item)
                continue
        out.append(item)
    return tuple(out)


def plain_text(content: tuple[object, ...]) -> str:
    """The characters of mixed content, markup dropped (no quotation marks added)."""
    parts: list[str] = []
    for item in content:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, Mention | DateRef):
            parts.append(item.text)
        elif isinstance(item, Emphasis | Strong | Link | Quote | InlineStatement):
            parts.append(plain_text(item.content))
    return "".join(parts)


@contextlib.contextmanager
def deep_recursion(limit: int = 10_000) -> Iterator[None]:
    """Room for recursive walkers of deeply nested content.

    The input gate allows 256 levels of elements (DT009); a recursive reader, writer or
    renderer spends several Python frames per level, more than the default limit of 1000.
    """
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def parse_when(value: str) -> _dt.date | _dt.datetime:
    """An xs:date or xs:dateTime lexical value as a Python date or aware datetime."""
    text = value.strip()
    if "T" in text:
        return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    # xs:date may carry a time zone (2021-05-19Z, 2021-05-19+02:00): the date is what counts
    return _dt.date.fromisoformat(text[:10])
