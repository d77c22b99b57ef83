"""Editorial mutations: each plants a finding that has a fix (or a near miss that has none).

They complement fuzz/mutations.py (which mostly breaks the bytes) so that the fix tests
see, in many combinations, the places where fixes edit documents.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator

from fuzz.mutations import mutate as fuzz_mutate
from fuzz.mutations import seeds

Mutator = Callable[[bytes, random.Random], bytes]


def _sub_one(
    pattern: bytes, data: bytes, rng: random.Random, make: Callable[[re.Match[bytes]], bytes]
) -> bytes:
    matches = list(re.finditer(pattern, data))
    if not matches:
        return data
    m = rng.choice(matches)
    return data[: m.start()] + make(m) + data[m.end() :]


def headline_stop(data: bytes, rng: random.Random) -> bytes:
    return _sub_one(rb"</headline>", data, rng, lambda m: b"." + m.group())


def quote_marks(data: bytes, rng: random.Random) -> bytes:
    marks = rng.choice([("“", "”"), ('"', '"'), ("«", "»"), ("&#8220;", "&#8221;"), ("‘", "’")])
    return _sub_one(
        rb"(<q [^>]*>)([^<]+)(</q>)",
        data,
        rng,
        lambda m: m.group(1) + marks[0].encode() + m.group(2) + marks[1].encode() + m.group(3),
    )


def empty_paragraph(data: bytes, rng: random.Random) -> bytes:
    filler = rng.choice([b"<p></p>", b"<p> </p>", b"<p>&#160;</p>", b"<p/>"])
    return _sub_one(rb"\n(\s*)<p>", data, rng, lambda m: b"\n" + m.group(1) + filler + m.group())


def empty_inline(data: bytes, rng: random.Random) -> bytes:
    filler = rng.choice([b"<em></em>", b"<strong> </strong>", b"<em/>"])
    return _sub_one(rb"<p>", data, rng, lambda m: m.group() + filler)


def spaced_ref(data: bytes, rng: random.Random) -> bytes:
    return _sub_one(
        rb'(ref|speaker|by)="([a-z][a-z0-9-]*)"',
        data,
        rng,
        lambda m: m.group(1) + b'=" ' + m.group(2) + b'"',
    )


def spaced_id(data: bytes, rng: random.Random) -> bytes:
    return _sub_one(rb'id="([a-z][a-z0-9-]*)"', data, rng, lambda m: b'id="' + m.group(1) + b' "')


def lower_country(data: bytes, rng: random.Random) -> bytes:
    return _sub_one(
        rb'country="([A-Z]{2})"', data, rng, lambda m: b'country="' + m.group(1).lower() + b'"'
    )


def unused_entity(data: bytes, rng: random.Random) -> bytes:
    return _sub_one(
        rb"</entities>",
        data,
        rng,
        lambda m: (
            b'  <place id="nowhere-%d" country="IS">\n' % rng.randrange(1000)
            + b"        <name>Nowhere</name>\n      </place>\n    "
            + m.group()
        ),
    )


def empty_mention(data: bytes, rng: random.Random) -> bytes:
    return _sub_one(
        rb'(<mention ref="[a-z0-9-]+")>[^<]*</mention>', data, rng, lambda m: m.group(1) + b"/>"
    )


def unused_suppression(data: bytes, rng: random.Random) -> bytes:
    return _sub_one(
        rb"\n(\s*)<p>",
        data,
        rng,
        lambda m: b"\n" + m.group(1) + b"<!-- dtmarkup: ignore DT206 - as sent -->" + m.group(),
    )


def zoneless_published(data: bytes, rng: random.Random) -> bytes:
    data = re.sub(rb'(<date when="\d{4}-\d{2}-\d{2})"', rb'\1T09:00:00+02:00"', data, count=1)
    return re.sub(
        rb"(<published>[^<]*?)(Z|[+-]\d\d:\d\d)</published>", rb"\1</published>", data, count=1
    )


EDITORIAL: tuple[Mutator, ...] = (
    headline_stop,
    quote_marks,
    empty_paragraph,
    empty_inline,
    spaced_ref,
    spaced_id,
    lower_country,
    unused_entity,
    empty_mention,
    unused_suppression,
    zoneless_published,
)


def mutants(count: int, seed: int = 16) -> Iterator[bytes]:
    """``count`` documents: 1-4 editorial mutations, and a fuzz mutation one time in five."""
    rng = random.Random(seed)
    base = seeds()
    for _ in range(count):
        data = rng.choice(base)
        for _ in range(rng.randint(1, 4)):
            data = rng.choice(EDITORIAL)(data, rng)
        if rng.random() < 0.2:
            data = fuzz_mutate(data, rng, rounds=1)
        yield data
