"""Body markup -> model blocks, for NITF and (X)HTML alike (NITF bodies, NewsML-G2 inlineXML,
ninjs HTML bodies).

Both vocabularies are read by local name (``p``, ``hl2``/``h2``, ``bq``/``blockquote``,
``media``/``figure``, ``q``, ``em``...), so un-namespaced DTD-era NITF, NITF 3.6 in IPTC's
namespace and XHTML all go through one path. What dtmarkup exported travels back exactly
through ``dtm:*`` extension attributes (NITF) or ``data-*`` attributes (HTML); anything
else is inferred where it is safe (credits, speakers named in ``quote-source``) and reported
where it is not.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from dtmarkup import model as m
from dtmarkup.formats.read.credits import looks_like_person, parse_credit, split_caption
from dtmarkup.formats.read.draft import Draft, local, parse_when, squash, strip_quote_marks, text_of
from dtmarkup.formats.write.iptc import DTM, STATEMENT_CLASS

INLINE_LEVEL, QUOTING_LEVEL, PHRASING_LEVEL = 0, 1, 2
_CONTAINERS = frozenset(
    {
        "block",
        "body.content",
        "div",
        "section",
        "article",
        "body",
        "main",
        "html",
        "fn",
        "bodytext",
        "abstract",
    }
)
_SKIPPED = frozenset({"hr", "head", "script", "style", "title", "meta", "link", "datasource"})
_DROPPED = frozenset({"table", "nitf-table", "note", "iframe", "video", "audio", "object"})
_UNWRAP_INLINE = frozenset(
    {
        "money",
        "num",
        "event",
        "function",
        "object.title",
        "classifier",
        "virtloc",
        "lang",
        "pronounce",
        "copyrite",
        "postaddr",
        "span",
        "sub",
        "sup",
        "small",
        "abbr",
        "cite",
        "u",
        "s",
        "mark",
        "font",
        "frac",
        "numer",
        "denom",
        "frac-sep",
        "alt-code",
        "time",
        "ins",
        "del",
        "city",
        "state",
        "region",
        "country",
        "sublocation",
        "name.given",
        "name.family",
    }
)
_META_CLASSES = frozenset({"dat", "vignette", "dateline", "byline", "source", "kicker"})
_META_ELEMENTS = frozenset({"header", "nav", "aside"})
_BLOCKS_IN_P = frozenset(
    {
        "img",
        "figure",
        "media",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hl2",
        "ul",
        "ol",
        "table",
        "blockquote",
        "bq",
        "div",
        "p",
    }
)
_OTHER_BLOCKS = frozenset(
    {
        "p",
        "media",
        "figure",
        "img",
        "bq",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "pre",
        "li",
        "hl1",
        "tagline",
        "body.end",
        "body.head",
        "hedline",
        "byline",
        "dateline",
        "figcaption",
    }
)
_BLOCK_NAMES = _CONTAINERS | _SKIPPED | _DROPPED | _META_ELEMENTS | _OTHER_BLOCKS
_HEADINGS = frozenset({"hl2", "h1", "h2", "h3", "h4", "h5", "h6"})


def dtm(element: etree._Element, name: str) -> str | None:
    """A ``dtm:`` extension attribute (NITF) or its ``data-`` twin (HTML)."""
    value = element.get(f"{{{DTM}}}{name}")
    if value is None:
        value = element.get(f"data-{name}")
    return value


def _classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").split()


def _ws(text: str | None) -> str:
    # XML white space only: a no-break space in agency copy is meant
    return re.sub(r"[ \t\r\n]+", " ", text or "")


def _trim(content: list[object]) -> list[object]:
    """Mixed content without leading/trailing white space, normalized; empty when it has no
    text at all (markup around nothing makes no paragraph)."""
    items = list(m.normalize(tuple(content)))
    if items and isinstance(items[0], str):
        items[0] = items[0].lstrip()
    if items and isinstance(items[-1], str):
        items[-1] = items[-1].rstrip()
    items = list(m.normalize(tuple(items)))
    return items if m.plain_text(tuple(items)).strip() else []


class BodyReader:
    """Reads blocks and inline content into a draft, counting what it cannot carry."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.dropped: Counter[str] = Counter()
        self.unlinked_quotes = 0
        self.unlinked_places = 0
        self.inferred_credits = 0
        self.flattened: Counter[str] = Counter()

    # ------------------------------------------------------------------ reporting

    def report(self) -> None:
        """One finding per kind of thing that was not carried over."""
        f = self.draft.findings
        for what, count in sorted(self.dropped.items()):
            f.add("DT353", f"{count} {what} element(s) not carried over (no dtmarkup equivalent)")
        for what, count in sorted(self.flattened.items()):
            f.add("DT359", f"{count} {what} kept as plain text where dtmarkup does not allow it")
        if self.unlinked_quotes:
            f.add(
                "DT354",
                f"{self.unlinked_quotes} quotation(s) name no speaker; their text "
                "was kept without quotation markup",
            )
        if self.unlinked_places:
            f.add(
                "DT358",
                f"{self.unlinked_places} place name(s) in the text were not linked: "
                "their country is not known",
            )
        if self.inferred_credits:
            f.add(
                "DT350",
                f"{self.inferred_credits} photo credit(s) typed from their text "
                "(photographer and source inferred)",
            )

    # ------------------------------------------------------------------ blocks

    def blocks(self, container: etree._Element) -> list[m.Block]:
        out: list[m.Block] = []
        loose: list[object] = []

        def flush() -> None:
            content = _trim(loose)
            loose.clear()
            if content:
                out.append(m.Paragraph(tuple(content)))  # type: ignore[arg-type]

        if squash(container.text):
            loose.append(_ws(container.text))
        for child in container:
            name = local(child)
            if not name:
                loose.append(_ws(child.tail))
                continue
            if self._is_block(child):
                flush()
                out.extend(self.block(child))
            else:
                loose.extend(self.inline_node(child, INLINE_LEVEL))
            if squash(child.tail):
                loose.append(_ws(child.tail))
        flush()
        return out

    def _is_block(self, element: etree._Element) -> bool:
        name = local(element)
        return name in _BLOCK_NAMES or name in _HEADINGS

    def block(self, element: etree._Element) -> list[m.Block]:
        name = local(element)
        if name in _META_ELEMENTS or (
            name not in {"figure", "media"} and _META_CLASSES & set(_classes(element))
        ):
            label = ".".join([name, *_classes(element)])
            self.dropped[f"{label} (page metadata)"] += 1
            return []
        if name in _SKIPPED or name in {"body.head", "hedline", "byline", "dateline"}:
            return []
        if name in _DROPPED:
            self.dropped[name] += 1
            return []
        if name in _CONTAINERS or name in {"body.end", "tagline", "li", "figcaption"}:
            return self.blocks(element)
        if name == "p":
            if any(local(c) in _BLOCKS_IN_P for c in element):
                # HTML puts images, and feeds put headings, inside paragraphs
                return self.blocks(element)
            return self.paragraph(element)
        if name in _HEADINGS or name == "hl1":
            content = _trim(self.inline(element, INLINE_LEVEL))
            if not content:
                return []
            if name in {"h1", "hl1"} and squash(m.plain_text(tuple(content))) == squash(
                self.draft.headline
            ):
                return []
            return [m.Heading(tuple(content))]  # type: ignore[arg-type]
        if name in {"media", "figure", "img"}:
            return self.figure(element)
        if name in {"bq", "blockquote"}:
            return self.quote_block(element)
        if name in {"ul", "ol"}:
            items = [
                tuple(_trim(self.inline(li, INLINE_LEVEL))) for li in element if local(li) == "li"
            ]
            items = [i for i in items if i]
            if not items:
                return []
            kind = "ordered" if name == "ol" else "bullet"
            return [m.ListBlock(tuple(items), kind)]  # type: ignore[arg-type]
        if name == "dl":
            return [
                m.Paragraph(tuple(c))  # type: ignore[arg-type]
                for c in (_trim(self.inline(d, INLINE_LEVEL)) for d in element)
                if c
            ]
        if name == "pre":
            text = text_of(element)
            return [m.Paragraph((text,))] if text else []
        return self.blocks(element)

    def paragraph(self, element: etree._Element) -> list[m.Block]:
        content = _trim(self.inline(element, INLINE_LEVEL))
        if not content:
            return []
        source = dtm(element, "speaker") or element.get("quote-source")
        if source and squash(source):
            speaker = self._speaker(element, source)
            quoted = self._fit(strip_quote_marks(content), QUOTING_LEVEL)
            return [m.Paragraph((m.Quote(speaker, tuple(quoted)),))]  # type: ignore[arg-type]
        return [m.Paragraph(tuple(content))]  # type: ignore[arg-type]

    def _speaker(self, element: etree._Element, fallback_name: str) -> str:
        ref = dtm(element, "speaker") or dtm(element, "by")
        if ref and self.draft.is_agent(ref):
            return ref
        return self.draft.agent(squash(element.get("quote-source") or fallback_name))

    def quote_block(self, element: etree._Element) -> list[m.Block]:
        paragraphs: list[m.Paragraph] = []
        attribution: list[object] | None = None
        for block in self.blocks_without_credit(element):
            if isinstance(block, m.Paragraph):
                paragraphs.append(block)
            elif isinstance(block, m.Heading):
                paragraphs.append(m.Paragraph(block.content))
            elif isinstance(block, m.ListBlock):
                paragraphs.extend(m.Paragraph(item) for item in block.items)
        for child in element:
            if local(child) in {"credit", "footer", "cite", "attribution"}:
                attribution = _trim(self.inline(child, PHRASING_LEVEL))
        if not paragraphs:
            return []
        source = element.get("quote-source") or dtm(element, "speaker") or dtm(element, "by")
        if not source and attribution and looks_like_person(m.plain_text(tuple(attribution))):
            source = m.plain_text(tuple(attribution))
        if not source:
            self.unlinked_quotes += 1
            return list(paragraphs)
        speaker = self._speaker(element, source)
        paragraphs = [_paragraph(self._fit(list(p.content), INLINE_LEVEL)) for p in paragraphs]
        if STATEMENT_CLASS in _classes(element) or dtm(element, "kind"):
            kind = dtm(element, "kind") or "statement"
            if kind not in m.STATEMENT_KINDS:
                kind = "statement"
            return [m.BlockStatement(speaker, kind, tuple(paragraphs), self._issued(element))]
        return [
            m.BlockQuote(
                speaker,
                tuple(paragraphs),
                tuple(attribution) if attribution else None,  # type: ignore[arg-type]
            )
        ]

    def blocks_without_credit(self, element: etree._Element) -> list[m.Block]:
        out: list[m.Block] = []
        text = squash(element.text)
        if text:
            out.append(m.Paragraph((text,)))
        for child in element:
            if local(child) in {"credit", "footer", "cite", "attribution", ""}:
                continue
            if self._is_block(child):
                out.extend(self.block(child))
            else:
                content = _trim(self.inline_node(child, INLINE_LEVEL))
                if content:
                    out.append(m.Paragraph(tuple(content)))  # type: ignore[arg-type]
        return out

    def _issued(self, element: etree._Element) -> str | None:
        issued = dtm(element, "issued")
        when = parse_when(issued)
        if when is None:
            return None
        return when.timestamp or when.date

    # ------------------------------------------------------------------ figures

    def figure(self, element: etree._Element) -> list[m.Block]:
        name = local(element)
        if name == "media":
            kind = (element.get("media-type") or "image").lower()
            if kind not in {"image", "photo", "graphic", "picture"}:
                self.dropped[f"{kind} media"] += 1
                return []
            refs = [c for c in element if local(c) == "media-reference"]
            ref = refs[0] if refs else None
            src = (ref.get("source") or ref.get("data-location") or "") if ref is not None else ""
            alt = ref.get("alternate-text") if ref is not None else None
            width = ref.get("width") if ref is not None else None
            height = ref.get("height") if ref is not None else None
            captions = [c for c in element if local(c) == "media-caption"]
            producers = [c for c in element if local(c) == "media-producer"]
            credit_el = producers[0] if producers else None
            meta = {c.get("name"): c.get("value") for c in element if local(c) == "media-metadata"}
        else:
            img = (
                element
                if name == "img"
                else next((c for c in element.iter() if local(c) == "img"), None)
            )
            src = (img.get("src") or "") if img is not None else ""
            alt = img.get("alt") if img is not None else None
            width = img.get("width") if img is not None else None
            height = img.get("height") if img is not None else None
            captions = [c for c in element if local(c) == "figcaption"]
            credit_el = next(
                (
                    c
                    for c in element.iter()
                    if c is not element
                    and (
                        {"credit", "byline", "photographer"} & set(_classes(c))
                        or local(c) == "credit"
                    )
                ),
                None,
            )
            meta = {}
        if not squash(src):
            self.dropped["image without a source"] += 1
            return []
        if _is_pixel(width, height):
            self.dropped["tracking pixel (image of 1x1 or 2x2 pixels)"] += 1
            return []
        caption: list[object] | None = None
        if captions:
            caption = []
            for cap in captions:
                caption.extend(self.inline(cap, INLINE_LEVEL))
                caption.append(" ")
            caption = _trim(caption)
        credit_text = text_of(credit_el) if credit_el is not None else ""
        source_ref = dtm(credit_el, "source") if credit_el is not None else None
        photographer_ref = dtm(credit_el, "photographer") if credit_el is not None else None
        source_ref = source_ref or meta.get("dtm:credit-source")
        photographer_ref = photographer_ref or meta.get("dtm:photographer")
        if not credit_text and caption and isinstance(caption[-1], str):
            rest, buried = split_caption(caption[-1])
            if buried:
                caption = _trim([*caption[:-1], rest])
                credit_text = buried
        credit = self._credit(credit_text, source_ref, photographer_ref, element.sourceline)
        image = m.Image(
            src=_uri(src),
            alt=squash(alt) or None if alt is not None else None,
            width=_positive(width),
            height=_positive(height),
        )
        return [m.Figure(image, credit, tuple(caption) if caption else None)]  # type: ignore[arg-type]

    def _credit(
        self, text: str, source_ref: str | None, photographer_ref: str | None, line: int | None
    ) -> m.Credit:
        entities = self.draft.entities
        source = source_ref if self.draft.is_agent(source_ref) else None
        photographer = (
            photographer_ref
            if photographer_ref in entities and isinstance(entities[photographer_ref], m.Person)
            else None
        )
        text = squash(text)
        if (
            text
            and source is None
            and photographer is None
            and not (source_ref or photographer_ref)
        ):
            parts = parse_credit(text)
            if parts.photographer:
                photographer = self.draft.person(parts.photographer)
            if parts.source:
                source = self.draft.organization(parts.source)
            if parts.photographer or parts.source:
                self.inferred_credits += 1
        if not text:
            # not the provider's name: the distributor of a story need not own its pictures
            text = "Unknown"
            self.draft.findings.add(
                "DT351",
                "a picture has no credit in the source; 'Unknown' stands in (rule DT201)",
                line=line,
            )
        if source is None and photographer is None:
            # dtmarkup rule DT201: a credit names its source; the credit text is the best name
            source = self.draft.organization(text)
        return m.Credit(text, source, photographer)

    # ------------------------------------------------------------------ inline

    def inline(self, element: etree._Element, level: int) -> list[object]:
        out: list[object] = [_ws(element.text)]
        for child in element:
            if local(child):
                out.extend(self.inline_node(child, level))
            out.append(_ws(child.tail))
        return list(m.normalize(tuple(out)))

    def inline_node(self, element: etree._Element, level: int) -> list[object]:
        name = local(element)
        classes = _classes(element)
        if name == "br":
            return [" "]
        if name in _SKIPPED:
            return []
        if name in {"em", "i"} or (name == "span" and "em" in classes):
            content = self.inline(element, PHRASING_LEVEL)
            node = m.Strong if "strong" in classes else m.Emphasis
            return [node(tuple(content))]  # type: ignore[arg-type]
        if name in {"strong", "b"}:
            return [m.Strong(tuple(self.inline(element, PHRASING_LEVEL)))]  # type: ignore[arg-type]
        if name == "a":
            href = squash(element.get("href"))
            content = self.inline(element, PHRASING_LEVEL)
            if href:
                return [m.Link(_uri(href), tuple(content))]  # type: ignore[arg-type]
            return content
        if name == "q" or (name == "span" and STATEMENT_CLASS in classes):
            return self.quote(element, level)
        if name in {"chron", "time"} or (name == "span" and dtm(element, "when")):
            text = _ws("".join(element.itertext()))
            value = dtm(element, "when") or element.get("norm") or element.get("datetime")
            when = parse_when(value)
            if when is not None and squash(text):
                exact = dtm(element, "when")
                # NITF writes a day without time as YYYYMMDDT000000: a date, not midnight
                midnight = when.timestamp is not None and "T00:00:00" in when.timestamp
                stamp = None if midnight else when.timestamp
                return [m.DateRef(exact or stamp or when.date, text)]
            return [text]
        ref = dtm(element, "ref")
        named = ref or name in {"person", "org", "location"}
        text = _ws("".join(element.itertext())) if named else ""
        if ref and ref in self.draft.entities and squash(text):
            return [m.Mention(ref, text)]
        if name in {"person", "org", "location"} and squash(text):
            return [self._mention(element, name, text)]
        if name in _UNWRAP_INLINE or name in {"p", "li", "block", "div"}:
            return self.inline(element, level)
        if self._is_block(element):
            self.flattened[f"<{name}>"] += 1
            return [" ", *self.inline(element, level), " "]
        self.flattened[f"<{name}>"] += 1
        return self.inline(element, level)

    def _mention(self, element: etree._Element, name: str, text: str) -> object:
        shown = squash(text)
        if name == "person":
            return m.Mention(self.draft.person(shown), text)
        if name == "org":
            return m.Mention(self.draft.organization(shown), text)
        country = next(
            (c.get("iso-cc") for c in element.iter() if local(c) == "country" and c.get("iso-cc")),
            None,
        )
        place = self.draft.place_known(shown, country)
        if place is None:
            self.unlinked_places += 1
            return text
        return m.Mention(place, text)

    def quote(self, element: etree._Element, level: int) -> list[object]:
        classes = _classes(element)
        statement = STATEMENT_CLASS in classes or (element.get(f"{{{DTM}}}kind") is not None)
        source = (
            element.get("quote-source")
            or dtm(element, "speaker")
            or dtm(element, "by")
            or element.get("cite")
        )
        inner_level = QUOTING_LEVEL
        content = self.inline(element, inner_level)
        if not source or not squash(source):
            self.unlinked_quotes += 1
            return content
        if level == PHRASING_LEVEL or (statement and level != INLINE_LEVEL):
            self.flattened["quotation inside emphasis, link or quotation"] += 1
            return content
        speaker = self._speaker(element, source)
        content = self._fit(strip_quote_marks(content), QUOTING_LEVEL)
        if statement:
            kind = dtm(element, "kind") or "statement"
            if kind not in m.STATEMENT_KINDS:
                kind = "statement"
            return [m.InlineStatement(speaker, kind, tuple(content), self._issued(element))]  # type: ignore[arg-type]
        return [m.Quote(speaker, tuple(content))]  # type: ignore[arg-type]

    def _fit(self, content: list[object], level: int) -> list[object]:
        """Content made legal at ``level``: disallowed quotations become their text."""
        out: list[object] = []
        for item in content:
            if isinstance(item, m.InlineStatement) and level != INLINE_LEVEL:
                self.flattened["statement inside a quotation"] += 1
                out.extend(self._fit(list(item.content), level))
            elif isinstance(item, m.Quote) and level == PHRASING_LEVEL:
                self.flattened["quotation inside emphasis or a link"] += 1
                out.extend(self._fit(list(item.content), level))
            else:
                out.append(item)
        return list(m.normalize(tuple(out)))


def _paragraph(content: list[object]) -> m.Paragraph:
    """A paragraph of mixed content built by this reader (only inline nodes go in)."""
    return m.Paragraph(tuple(content))  # type: ignore[arg-type]


def _uri(value: str) -> str:
    """A URI as written, surrounding white space dropped and the characters xs:anyURI
    refuses (space, quotes, angle and curly brackets...) percent-encoded."""
    return _URI_UNSAFE.sub(
        lambda c: "".join(f"%{b:02X}" for b in c.group().encode()), value.strip()
    )


_URI_UNSAFE = re.compile(r'[\x00-\x20"<>{}|\\^`\x7f]')


def _is_pixel(width: str | None, height: str | None) -> bool:
    """A 1x1 (or 2x2) image: a tracking pixel, not a picture of the story."""
    sizes = [_positive(width), _positive(height)]
    return all(size is not None and size <= 2 for size in sizes)


def _positive(value: str | None) -> int | None:
    text = squash(value)
    if text.isdigit() and int(text) > 0:
        return int(text)
    return None
