"""Deterministic mutations of XML documents, for the fuzz tests and the long campaign.

Each mutator takes the bytes of a document and a random.Random and returns new bytes.
The mutators know a little about XML (tags, attributes, entities, encodings) so that the
inputs get past the first byte and exercise the gate, the schema and the rules.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

Mutator = Callable[[bytes, random.Random], bytes]

ROOT = Path(__file__).resolve().parent.parent

FALLBACK_ARTICLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<article xmlns="urn:dtmarkup:1" id="fuzz-1" xml:lang="en" schemaVersion="1.0" revision="1">
  <head>
    <headline>Blinken meets Lavrov in Reykjavik</headline>
    <byline>
      <author ref="raynaldo">Gary Raynaldo</author>
      <publication ref="dt">DIPLOMATIC TIMES</publication>
    </byline>
    <dateline>
      <place ref="reykjavik">REYKJAVIK</place>
      <date when="2021-05-19">May 19, 2021</date>
    </dateline>
    <entities>
      <person id="raynaldo"><name>Gary Raynaldo</name></person>
      <person id="blinken"><name>Antony J. Blinken</name></person>
      <organization id="dt" kind="media"><name>Diplomatic Times</name></organization>
      <place id="reykjavik" country="IS"><name>Reykjavik</name></place>
    </entities>
  </head>
  <body>
    <p><mention ref="blinken">Blinken</mention> said: <q speaker="blinken">We seek a
      stable, predictable relationship.</q> &#8220;Fine&#8221; &amp; <em>well</em>.</p>
  </body>
</article>
"""


def seeds() -> list[bytes]:
    """The samples (written by the samples' author), or a built-in article without them."""
    found = [path.read_bytes() for path in sorted((ROOT / "samples").glob("*.xml"))]
    return found or [FALLBACK_ARTICLE]


SNIPPETS: tuple[bytes, ...] = (
    b'<!DOCTYPE article [<!ENTITY x "y">]>',
    b'<!DOCTYPE article SYSTEM "file:///etc/passwd">',
    b'<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd">',
    b"&x;",
    b"&nbsp;",
    b"&#0;",
    b"&#xD800;",
    b"&#x1F600;",
    b"&#1114112;",
    b"&amp",
    b"<?xml-stylesheet href='x.xsl'?>",
    b'<?xml version="1.0" encoding="UTF-7"?>',
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b"<!-- a comment -->",
    b"<!-- --><b/>",
    b"<![CDATA[<x>]]>",
    b"--",
    b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/>',
    b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b"',
    b' xmlns=""',
    b' xmlns:x="urn:other"',
    b" x:y='1'",
    b' xml:lang=""',
    b' xml:space="preserve"',
    b' id="dup"',
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\x1f\x8b",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"<",
    b">",
    b"</",
    b"/>",
    b"='",
    b'"',
    b"\r\n",
    "\u2028".encode(),
    b"<p>",
    b"</p>",
    b"<em>" * 300,
    b"<statement by='blinken' kind='statement'>",
    b'<q speaker="nobody">',
    b'<mention ref="">',
    b'<date when="2021-02-30">',
    b'<image src="javascript:alert(1)" alt=""/>',
    b'<a href="file:///etc/passwd">',
)

_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)")
_ATTRIBUTE = re.compile(rb"\s([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)=(\"[^\"]*\"|'[^']*')")
_NAMES = (
    b"p",
    b"em",
    b"q",
    b"head",
    b"body",
    b"figure",
    b"statement",
    b"blockquote",
    b"mention",
    b"x:p",
    b"xi:include",
    b"",
    b"1",
    b"a" * 300,
)
_VALUES = (
    b'""',
    b'"&"',
    b'"<"',
    b'"&#0;"',
    b'"' + b"x" * 5000 + b'"',
    b'"urn:dtmarkup:1"',
    b'"2021-05-19T21:30:00"',
    b'"blinken"',
    b'"  "',
    b'"a b c"',
    b"unquoted",
    b'"(a+)+b' + b"a" * 40 + b'!"',
)


def _span(data: bytes, rng: random.Random) -> tuple[int, int]:
    if not data:
        return 0, 0
    start = rng.randrange(len(data))
    return start, min(len(data), start + rng.randint(1, 64))


def bit_flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        index = rng.randrange(len(buffer))
        buffer[index] ^= 1 << rng.randrange(8)
    return bytes(buffer)


def byte_set(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    buffer = bytearray(data)
    index = rng.randrange(len(buffer))
    buffer[index] = rng.choice(b"\x00\xff<>&\"'\x80\xc0\xfe;:= \n")
    return bytes(buffer)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def delete_span(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng)
    return data[:start] + data[end:]


def duplicate_span(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng)
    return data[:end] + data[start:end] * rng.randint(1, 4) + data[end:]


def insert_snippet(data: bytes, rng: random.Random) -> bytes:
    index = rng.randrange(len(data) + 1)
    return data[:index] + rng.choice(SNIPPETS) + data[index:]


def prepend_snippet(data: bytes, rng: random.Random) -> bytes:
    return rng.choice(SNIPPETS) + data


def rename_tag(data: bytes, rng: random.Random) -> bytes:
    tags = list(_TAG.finditer(data))
    if not tags:
        return data
    match = rng.choice(tags)
    return data[: match.start(2)] + rng.choice(_NAMES) + data[match.end(2) :]


def drop_tag(data: bytes, rng: random.Random) -> bytes:
    tags = list(_TAG.finditer(data))
    if not tags:
        return data
    match = rng.choice(tags)
    end = data.find(b">", match.end())
    return data[: match.start()] + data[end + 1 if end >= 0 else match.end() :]


def duplicate_element(data: bytes, rng: random.Random) -> bytes:
    tags = [m for m in _TAG.finditer(data) if not m.group(1)]
    if not tags:
        return data
    match = rng.choice(tags)
    closing = data.find(b"</" + match.group(2) + b">", match.end())
    if closing < 0:
        return data
    end = closing + len(match.group(2)) + 3
    element = data[match.start() : end]
    return data[:end] + element * rng.randint(1, 3) + data[end:]


def mutate_attribute(data: bytes, rng: random.Random) -> bytes:
    attributes = list(_ATTRIBUTE.finditer(data))
    if not attributes:
        return data
    match = rng.choice(attributes)
    choice = rng.randrange(4)
    if choice == 0:  # new value
        return data[: match.start(2)] + rng.choice(_VALUES) + data[match.end(2) :]
    if choice == 1:  # removed
        return data[: match.start()] + data[match.end() :]
    if choice == 2:  # duplicated
        return data[: match.end()] + data[match.start() : match.end()] + data[match.end() :]
    return data[: match.start(1)] + rng.choice(_NAMES) + data[match.end(1) :]  # renamed


def reencode(data: bytes, rng: random.Random) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    encoding, declared = rng.choice(
        [
            ("utf-16", "UTF-16"),
            ("utf-16-le", "UTF-16"),
            ("utf-16-be", None),
            ("utf-32", "UTF-32"),
            ("latin-1", "ISO-8859-1"),
            ("cp1252", "windows-1252"),
            ("utf-8", "UTF-7"),
            ("utf-8", "EBCDIC-US"),
            ("utf-8", "UTF-16"),
            ("utf-8-sig", "UTF-8"),
        ]
    )
    text = re.sub(r"^<\?xml[^>]*\?>", "", text)
    if declared:
        text = f'<?xml version="1.0" encoding="{declared}"?>' + text
    return text.encode(encoding, errors="replace")


def nest_deeply(data: bytes, rng: random.Random) -> bytes:
    index = data.find(b"<p>")
    if index < 0:
        return data
    depth = rng.choice((200, 256, 257, 1000))
    return data[: index + 3] + b"<em>" * depth + b"x" + b"</em>" * depth + data[index + 3 :]


MUTATORS: tuple[Mutator, ...] = (
    bit_flip,
    byte_set,
    truncate,
    delete_span,
    duplicate_span,
    insert_snippet,
    prepend_snippet,
    rename_tag,
    drop_tag,
    duplicate_element,
    mutate_attribute,
    mutate_attribute,
    reencode,
    nest_deeply,
)


def mutate(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """``data`` after 1-3 (or ``rounds``) random mutations."""
    for _ in range(rounds if rounds is not None else rng.randint(1, 3)):
        data = rng.choice(MUTATORS)(data, rng)
    return data


def inputs(count: int, seed: int = 0) -> Iterator[bytes]:
    """``count`` mutated documents, the same ones for the same seed."""
    rng = random.Random(seed)
    base = seeds()
    for _ in range(count):
        yield mutate(rng.choice(base), rng)
