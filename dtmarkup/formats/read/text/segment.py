"""Plain text -> blocks with a role: headline, caption and credit, byline, dateline,
paragraphs, block quotes with their attribution line or their introduction.

Blocks are the lines of the text, or its blank-line separated paragraphs when it has any
(hard-wrapped copy). A block keeps its offset in the source so that every later finding
and every ``--explain`` line points at a line and column.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from dtmarkup.formats.read.text import lexicon, places
from dtmarkup.formats.read.text.quotes import find_spans, sentence_end


@dataclass(slots=True)
class Block:
    """A line or paragraph of the source."""

    text: str
    offset: int
    """Where ``text`` starts in the source: ``text[i]`` is source character offset + i."""
    role: str = "paragraph"
    """headline, caption, credit, byline, paragraph, quote, attribution."""
    rule: str = "segment.paragraph"
    group: int | None = None
    """Blocks of one block quote share a group number."""


@dataclass(frozen=True, slots=True)
class Credit:
    text: str
    offset: int
    rule: str


@dataclass(frozen=True, slots=True)
class BylineParts:
    authors: tuple[tuple[str, int], ...]
    """Each author's name as written and its source offset."""
    publication: tuple[str, int] | None
    title: str | None
    rule: str
    offset: int
    text: str


@dataclass(frozen=True, slots=True)
class DatelineParts:
    city: str
    """As written (REYKJAVIK, NEW YORK)."""
    country: str | None
    """ISO code when the dateline or the gazetteer tells it."""
    region: str | None
    agency: str | None
    offset: int
    text: str
    rule: str


@dataclass(slots=True)
class Layout:
    """The source cut into blocks, with what the header lines said."""

    source: str
    blocks: list[Block] = field(default_factory=list)
    headline: Block | None = None
    caption: Block | None = None
    credit: Credit | None = None
    byline: BylineParts | None = None
    dateline: DatelineParts | None = None
    cut_block: Block | None = None
    """The paragraph the dateline was cut from."""
    _line_starts: list[int] = field(default_factory=list)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a source offset."""
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.source)]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    @property
    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.role in ("paragraph", "quote", "attribution")]


# ---------------------------------------------------------------------------- patterns

_CREDIT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "credit.parenthesised-label",
        re.compile(
            r"\(\s*(?:Credit|Photo|Photograph|Foto|Bild|Image|Picture|Kuva)s?\s*:\s*(?P<credit>[^()]+)\)\s*$",
            re.IGNORECASE,
        ),
    ),
    ("credit.agency-photo", re.compile(r"\(\s*(?P<credit>[^()]*\bPhotos?/[^()]+)\)\s*$")),
    ("credit.via-agency", re.compile(r"\(\s*(?P<credit>[^()]+ via [^()]+)\)\s*$")),
    (
        "credit.label",
        re.compile(
            r"(?:^|(?<=[.!?]\s))(?:Photo|Foto|Bild|Credit|Photograph)\s*:\s*(?P<credit>[^.]+?)\s*$"
        ),
    ),
)

_BYLINE = re.compile(r"^(?:By|BY|Von|VON|Av|AV|Par|PAR|Por|POR)\s+(?P<rest>.+?)\s*$")
_DATELINE_CAPS = re.compile(
    r"^(?P<city>[A-ZÀ-Þ][A-ZÀ-Þ .'’-]*[A-ZÀ-Þ.])"
    r"(?:,\s*(?P<region>[A-ZÀ-Þ][\w .'’-]*?))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?:—|–|--|-|\.-)\s+"
)
_DATELINE_TITLE = re.compile(
    r"^(?P<city>[A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’-]+)?)"
    r"(?:,\s*(?P<region>[A-ZÀ-Þ][\w .'’-]*?))?"
    r"\s*\((?P<agency>[^)]{1,40})\)\s*\.?(?:—|–|--|-)\s*"
)


def _special_line(line: str) -> bool:
    """A line that stands alone even inside a paragraph: byline, credit, dateline."""
    line = line.strip()
    probe = Block(line, 0)
    return (
        bool(_BYLINE.match(line) and len(line.split()) <= 12)
        or (find_credit(probe) is not None and len(line) < 200)
        or parse_dateline(probe) is not None
    )


def split_blocks(source: str) -> list[Block]:
    """Lines, or blank-line separated paragraphs when the text has any (a header line such
    as a byline or a credit stays a block of its own even without a blank line)."""
    chunks: list[tuple[str, int]] = []
    blank_mode = re.search(r"\n[ \t\r]*\n", source.strip()) is not None
    pos = 0
    for m in re.finditer(r"(?:\n[ \t\r]*\n)|$" if blank_mode else r"\n|$", source):
        chunks.append((source[pos : m.start()], pos))
        pos = m.end()
        if m.start() == len(source):
            break
    pieces: list[tuple[str, int]] = []
    for chunk, base in chunks:
        lines = [(lm.group(0), base + lm.start()) for lm in re.finditer(r"[^\n]+", chunk)]
        if len(lines) <= 1 or not any(_special_line(line) for line, _ in lines):
            pieces.append((chunk, base))
            continue
        current: list[tuple[str, int]] = []
        for line, offset in lines:
            if _special_line(line):
                if current:
                    pieces.append(
                        (
                            source[current[0][1] : current[-1][1] + len(current[-1][0])],
                            current[0][1],
                        )
                    )
                pieces.append((line, offset))
                current = []
            else:
                current.append((line, offset))
        if current:
            pieces.append(
                (source[current[0][1] : current[-1][1] + len(current[-1][0])], current[0][1])
            )
    blocks: list[Block] = []
    for chunk, base in pieces:
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            text = stripped.replace("\r", " ").replace("\n", " ")
            blocks.append(Block(text, base + lead))
    return blocks


def find_credit(block: Block) -> tuple[str, Credit] | None:
    """The caption text and the credit of a block with a photo credit."""
    for rule, pattern in _CREDIT_PATTERNS:
        m = pattern.search(block.text)
        if m is not None:
            credit = m.group("credit").strip()
            caption = block.text[: m.start()].strip()
            return caption, Credit(credit, block.offset + m.start("credit"), rule)
    return None


def _is_media_name(text: str, publication: str | None) -> bool:
    from dtmarkup.formats.read.text.names import KNOWN_ORGS

    if publication and text.casefold() == publication.casefold():
        return True
    if any(text in k.aliases or text == k.name for k in KNOWN_ORGS if k.kind == "media"):
        return True
    last = text.split()[-1].lower() if text.split() else ""
    return lexicon.ORG_HEADS.get(last) == "media"


def parse_byline(block: Block, publication: str | None) -> BylineParts | None:
    """ "By NAME PUBLICATION", "By NAME, Title", "By A and B", "NAME, Publication"."""
    text = block.text
    m = _BYLINE.match(text)
    if m is not None:
        rest, base, rule = m.group("rest"), block.offset + m.start("rest"), "byline.by"
    elif len(text.split()) <= 8 and "," in text and not text.endswith("."):
        rest, base, rule = text, block.offset, "byline.name-comma"
    else:
        return None
    if len(rest.split()) > 12:
        return None
    title: str | None = None
    pub: tuple[str, int] | None = None
    names_part = rest
    if "," in rest:
        names_part, after = rest.split(",", 1)
        after_text = after.strip()
        after_offset = base + len(names_part) + 1 + (len(after) - len(after.lstrip()))
        if _is_media_name(after_text, publication):
            pub = (after_text, after_offset)
        else:
            title = after_text
    else:
        # "Gary Raynaldo DIPLOMATIC TIMES": the shouted tail is the publication
        words = list(re.finditer(r"\S+", rest))
        caps = [w for w in words if w.group(0).isupper() and len(w.group(0)) > 1]
        mixed = [w for w in words if not (w.group(0).isupper() and len(w.group(0)) > 1)]
        if (
            mixed
            and caps
            and words.index(caps[0]) >= 1
            and all(words.index(c) > words.index(mixed[-1]) for c in caps)
        ):
            start = caps[0].start()
            pub = (rest[start:].strip(), base + start)
            names_part = rest[:start]
    authors: list[tuple[str, int]] = []
    for part in re.finditer(r"[^,&]+?(?=\s+(?:and|und|och|og|et|y)\s+|\s*&\s*|$)", names_part):
        name = part.group(0).strip()
        name = re.sub(r"^(?:and|und|och|og|et|y)\s+", "", name).strip()
        if not name:
            continue
        offset = base + part.start() + part.group(0).find(name)
        parts_of_name = name.split()
        if not 2 <= len(parts_of_name) <= 4 or not all(w[:1].isupper() for w in parts_of_name):
            return None
        authors.append((name, offset))
    if not authors:
        return None
    if rule == "byline.name-comma" and pub is None:
        return None
    return BylineParts(tuple(authors), pub, title, rule, block.offset, text)


def parse_dateline(block: Block) -> DatelineParts | None:
    """ "REYKJAVIK, Iceland —", "NEW YORK (AP) —", "Tegucigalpa, Jan 2 (EFE).-"."""
    m = _DATELINE_CAPS.match(block.text) or _DATELINE_TITLE.match(block.text)
    if m is None:
        return None
    city = m.group("city").strip(" .")
    if len(city.replace(" ", "")) < 3 or city.split()[0].lower() in lexicon.STOP_CAPITALS:
        return None
    region = (m.group("region") or "").strip() or None
    country = None
    if region is not None:
        country = places.country_code(region)
        if country is None and region in places.US_STATES:
            country = "US"
    if country is None:
        country = places.city_code(city)
    rule = "dateline.caps-city" if m.re is _DATELINE_CAPS else "dateline.city-agency"
    return DatelineParts(
        city, country, region, m.group("agency"), block.offset, m.group(0).rstrip(), rule
    )


def _is_headline(block: Block, followed: bool) -> bool:
    """A short first line; one ending in a full stop only when it is a single short
    sentence with more text after it (many sites end headlines with one)."""
    text = block.text
    if not (
        len(text) <= 160
        and not text.endswith((":", "”", '"'))
        and len(text.split()) >= 2
        and not text.startswith(("“", '"', "«", "–", "—", "-"))
    ):
        return False
    if not text.endswith("."):
        return True
    return (
        followed
        and len(text) <= 130
        and len(text.split()) <= 22
        and sentence_end(text, 0) == len(text) - 1
        and not _SAID_IN_HEADLINE.search(text)
    )


_SAID_IN_HEADLINE = re.compile(r"\b(?:said|says|told)\b")


def _quote_only(block: Block) -> tuple[bool, bool]:
    """(the block is one quotation from its first character, that quotation is closed)."""
    if not block.text or block.text[0] not in '“"«„':
        return False, False
    spans = find_spans(block.text)
    if len(spans) != 1 or spans[0].open != 0:
        return False, False
    closed = spans[0].close == len(block.text) and spans[0].end < len(block.text)
    tail = block.text[spans[0].close :].strip()
    if tail:
        return False, False
    return True, closed


_ATTRIBUTION = re.compile(r"^[-–—]\s*(?P<who>[^\s.].{1,120})$")


def segment(source: str, publication: str | None = None) -> Layout:
    """Cut the source into blocks and read the header lines."""
    layout = Layout(source)
    blocks = split_blocks(source)
    layout.blocks = blocks
    # header zone: lines before the first running-text paragraph
    for index, block in enumerate(blocks):
        credit = find_credit(block)
        if credit is not None and (len(block.text) < 400):
            caption_text, found = credit
            if layout.credit is None:
                layout.credit = found
                block.role, block.rule = "credit", found.rule
                if caption_text:
                    block.text = caption_text
                    block.role = "caption"
                    layout.caption = block
                continue
        if index > 6 or block.role != "paragraph":
            continue
        if layout.byline is None and layout.dateline is None:
            parts = parse_byline(block, publication)
            if parts is not None:
                layout.byline = parts
                block.role, block.rule = "byline", parts.rule
                continue
        if (
            layout.headline is None
            and layout.dateline is None
            and all(b.role != "paragraph" or b is block for b in blocks[: index + 1])
            and _is_headline(block, index + 1 < len(blocks))
            and parse_dateline(block) is None
        ):
            layout.headline = block
            block.role, block.rule = "headline", "headline.first-short-line"
            continue
    body = [b for b in blocks if b.role == "paragraph"]
    if body:
        dateline = parse_dateline(body[0])
        if dateline is not None:
            layout.dateline = dateline
            layout.cut_block = body[0]
            cut = len(dateline.text)
            rest = body[0].text[cut:].lstrip()
            body[0].offset += len(body[0].text) - len(rest)
            body[0].text = rest
    _block_quotes(body)
    return layout


def _block_quotes(body: list[Block]) -> None:
    """Mark quote-only paragraphs closed by an attribution line, or introduced by a
    paragraph ending "NAME said:", as block quotes."""
    group = 0
    i = 0
    while i < len(body):
        only, closed = _quote_only(body[i])
        if not only:
            i += 1
            continue
        j = i
        while not closed and j + 1 < len(body):
            _, closed = _quote_only(body[j + 1])
            starts = body[j + 1].text[:1] in '“"«„'
            if not starts:
                break
            j += 1
        members = body[i : j + 1]
        after = body[j + 1] if j + 1 < len(body) else None
        before = body[i - 1] if i > 0 else None
        attribution = (
            after is not None
            and _ATTRIBUTION.match(after.text) is not None
            and not after.text.rstrip().endswith(".")
            and len(after.text.split()) <= 14
        )
        introduced = before is not None and before.role == "paragraph" and before.text.endswith(":")
        if attribution or introduced:
            group += 1
            for member in members:
                member.role, member.group = "quote", group
                member.rule = (
                    "blockquote.attribution-line" if attribution else "blockquote.introduced"
                )
            if attribution and after is not None:
                after.role, after.group, after.rule = (
                    "attribution",
                    group,
                    "blockquote.attribution-line",
                )
                j += 1
        i = j + 1
