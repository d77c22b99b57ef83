"""Do two versions of the editorial rules report the same findings? Run before and after.

Optimizing the Schematron must not change a single finding. This records every finding
(code, severity, line, column, XPath, message) of the rules layer on a large, varied set
of documents, and compares the record with one saved earlier:

    python bench/rules_equivalence.py --save /tmp/rules-before.jsonl    # before the change
    python -m tools.compile_rules                             # after editing the .sch
    python bench/rules_equivalence.py --against /tmp/rules-before.jsonl # exit 1 on a difference

The documents: every XML file under tests/ and samples/, the generated corpus of --files
articles (bench/generate.py), and --mutants mutated copies of those articles. Generated
articles are clean, so on their own they would only show that nothing fires; each mutant
breaks one to four things at random (removes mentions, changes speakers, empties text,
adds quotation marks, moves dates, drops titles, credits or alt text, shuffles the body,
inserts quotations...), deterministically by --seed, so that every DT2xx code fires
hundreds of times. The rules run on every parseable document, schema-valid or not, so
the record is stricter than what dtmarkup itself does (it runs them on valid ones only).

--schematron FILE compiles another .sch instead of using the shipped stylesheet.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))  # tools/

import generate  # noqa: E402

from dtmarkup.check import rules, xsd  # noqa: E402
from dtmarkup.xml.gate import InputRejected, parse_bytes  # noqa: E402
from tools import compile_rules as rules_build  # noqa: E402

NS = "urn:dtmarkup:1"
SPACES = ("", " ", "\u00a0", " \u2003 ", "\u200b", "\ufeff x")
MARKS = ('"', "\u201c", "\u201d", "\u00ab", "\u00bb", "'", "\u2018", "\u201e", "\u300c")
DATES = (
    "2026-10-15",
    "2026-10-14",
    "2026-10-16",
    "2026-10-15T09:47:00Z",
    "2026-10-15T23:59:59-11:00",
    "2026-10-15T00:00:00+14:00",
    "2026-10-15T10:00:00",
    "2026-10-15T09:47:00.5Z",
    "2025-12-31T23:00:00-02:00",
    "2026-01-01",
    "2024-02-29T12:00:00+01:00",
    "2026-03-01",
    "garbage",
    "2026-10-15T09:47:01+00:00",
)
Mutation = Callable[[etree._Element, random.Random], None]


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _all(root: etree._Element, *names: str) -> list[etree._Element]:
    return [e for n in names for e in root.iter(_q(n))]


def _ids(root: etree._Element) -> list[str]:
    return [e.get("id") or "" for e in _all(root, "person", "organization", "place")]


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    text = "".join(element.itertext()) + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)


def unwrap_mentions(root: etree._Element, r: random.Random) -> None:
    mentions = _all(root, "mention")
    for e in r.sample(mentions, min(len(mentions), r.randint(1, max(1, len(mentions))))):
        _unwrap(e)


def retarget_speakers(root: etree._Element, r: random.Random) -> None:
    quotes, pool = _all(root, "q", "blockquote", "statement"), [*_ids(root), "nobody"]
    for e in r.sample(quotes, min(len(quotes), r.randint(1, 3))):
        e.set("by" if e.get("by") is not None else "speaker", r.choice(pool))


def drop_titles(root: etree._Element, r: random.Random) -> None:
    for person in _all(root, "person"):
        if r.random() < 0.5:
            for child in list(person):
                if child.tag in (_q("title"), _q("affiliation")) and r.random() < 0.7:
                    person.remove(child)


def add_marks(root: etree._Element, r: random.Random) -> None:
    quoted = _all(root, "q", "statement")
    quoted += [p for b in _all(root, "blockquote") for p in b.iter(_q("p"))]
    for e in r.sample(quoted, min(len(quoted), r.randint(1, 3))):
        mark = r.choice(MARKS)
        if r.random() < 0.5:
            e.text = r.choice(("", " ", "\n ")) + mark + (e.text or "")
        elif len(e):
            e[-1].tail = (e[-1].tail or "") + mark + r.choice(("", " "))
        else:
            e.text = (e.text or "") + mark


def empty_text(root: etree._Element, r: random.Random) -> None:
    names = ("p", "caption", "attribution", "headline", "name", "mention", "em", "strong")
    candidates = _all(root, *names, "a", "q", "statement", "h2", "item")
    for e in r.sample(candidates, min(len(candidates), r.randint(1, 3))):
        keep_children = r.random() < 0.3 and len(e) > 0
        if not keep_children:
            for child in list(e):
                e.remove(child)
        e.text = r.choice(SPACES)
        for child in e:
            child.text, child.tail = r.choice((*SPACES, "word")), r.choice(SPACES)


def move_dates(root: etree._Element, r: random.Random) -> None:
    for e in _all(root, "published", "updated"):
        if r.random() < 0.6:
            e.text = r.choice(DATES)
    for e in _all(root, "date"):
        if r.random() < 0.6:
            e.set("when", r.choice(DATES))
    for e in _all(root, "statement"):
        if r.random() < 0.4:
            e.set("issued", r.choice(DATES))
    if r.random() < 0.2:
        for e in _all(root, "published"):
            e.getparent().remove(e)  # type: ignore[union-attr]


def drop_credits(root: etree._Element, r: random.Random) -> None:
    for e in _all(root, "credit"):
        for name in ("source", "photographer"):
            if r.random() < 0.5 and name in e.attrib:
                del e.attrib[name]


def blank_alt(root: etree._Element, r: random.Random) -> None:
    for e in _all(root, "image"):
        if r.random() < 0.5:
            e.set("alt", r.choice(SPACES))
        elif r.random() < 0.2 and "alt" in e.attrib:
            del e.attrib["alt"]


def rewrite_headline(root: etree._Element, r: random.Random) -> None:
    choices = ("x" * 111, "x" * 110 + " ", "Done.", "Talks in the U.S.", "Wait...", "A. B.")
    for e in _all(root, "headline"):
        e.text = r.choice((*choices, "Short", "y" * 200 + "."))


def retarget_byline(root: etree._Element, r: random.Random) -> None:
    pool = [*_ids(root), "zzz"]
    for e in _all(root, "author", "publication"):
        if r.random() < 0.5:
            e.set("ref", r.choice(pool))


def shuffle_body(root: etree._Element, r: random.Random) -> None:
    body = next(root.iter(_q("body")), None)
    if body is None or len(body) < 2:
        return
    children = list(body)
    if r.random() < 0.5:
        r.shuffle(children)
    else:
        moved = r.choice(children)
        children.remove(moved)
        children.insert(0, moved)
    for child in children:
        body.remove(child)
    body.extend(children)


def insert_quotations(root: etree._Element, r: random.Random) -> None:
    hosts, pool = _all(root, "p", "item", "caption", "h2"), [*_ids(root), "nobody"]
    attribute = {"q": "speaker", "statement": "by", "mention": "ref"}
    for _ in range(r.randint(1, 4)):
        if not hosts:
            return
        kind = r.choice(("q", "q", "statement", "mention"))
        e = etree.Element(_q(kind))
        e.set(attribute[kind], r.choice(pool))
        if kind == "statement" and r.random() < 0.3:
            e.set("issued", r.choice(DATES))
        e.text = r.choice(("Words here.", "\u201cQuoted\u201d", " ", "fine"))
        e.tail = r.choice((" and so on. ", ""))
        host = r.choice(hosts)
        host.insert(r.randint(0, len(host)), e)
        if r.random() < 0.2 and kind != "mention":
            inner_kind = r.choice(("q", "mention", "statement"))
            inner = etree.SubElement(e, _q(inner_kind))
            inner.set(attribute[inner_kind], r.choice(pool))
            inner.text = "inner"


def add_entities(root: etree._Element, r: random.Random) -> None:
    registry = next(root.iter(_q("entities")), None)
    if registry is None:
        return
    if r.random() < 0.5:
        person = etree.SubElement(registry, _q("person"), id="extra-p")
        etree.SubElement(person, _q("name")).text = "Extra"
    if r.random() < 0.5:
        kind = r.choice(("media", "government"))
        organization = etree.SubElement(registry, _q("organization"), id="extra-o", kind=kind)
        etree.SubElement(organization, _q("name")).text = "Extra Org"
    if r.random() < 0.5:
        for e in _all(root, "q", "statement", "blockquote"):
            if r.random() < 0.3:
                name = "by" if e.tag == _q("statement") else "speaker"
                e.set(name, r.choice(("extra-p", "extra-o")))


def rewrite_attributions(root: etree._Element, r: random.Random) -> None:
    pool = _ids(root)
    for blockquote in _all(root, "blockquote"):
        for attribution in list(blockquote.iter(_q("attribution"))):
            if r.random() < 0.5:
                blockquote.remove(attribution)
        if r.random() < 0.6:
            attribution = etree.SubElement(blockquote, _q("attribution"))
            attribution.text = r.choice(("said ", "", " ", "Someone"))
            if r.random() < 0.6 and pool:
                mention = etree.SubElement(attribution, _q("mention"))
                mention.set("ref", r.choice([*pool, blockquote.get("speaker") or "x"]))
                mention.text = "Name"


MUTATIONS: tuple[Mutation, ...] = (
    unwrap_mentions,
    retarget_speakers,
    drop_titles,
    add_marks,
    empty_text,
    move_dates,
    drop_credits,
    blank_alt,
    rewrite_headline,
    retarget_byline,
    shuffle_body,
    insert_quotations,
    add_entities,
    rewrite_attributions,
)


def documents(files: int, mutants: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every document to check, in a fixed order."""
    fixed = [p for base in ("tests", "samples") for p in sorted((ROOT / base).rglob("*.xml"))]
    corpus = sorted(generate.ensure_files(files, seed, 0.01).rglob("*.xml"))
    for path in [*fixed, *corpus]:
        yield str(path.relative_to(ROOT)), path.read_bytes()
    bases = [p for p in fixed if p.parent.name in ("samples", "rules")] + corpus
    r = random.Random(seed)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    for i in range(mutants):
        try:
            root = etree.fromstring(bases[i % len(bases)].read_bytes(), parser)
        except etree.XMLSyntaxError:
            continue
        if root.tag != _q("article"):
            continue
        for mutation in r.sample(MUTATIONS, r.randint(1, 4)):
            mutation(root, r)
        yield f"mutant-{i:05d}", etree.tostring(root, xml_declaration=True, encoding="UTF-8")


Row = list[str | int]


def record(names_and_data: Iterator[tuple[str, bytes]]) -> dict[str, tuple[bool, list[Row]]]:
    """Every rules finding per document, plus whether the schema accepts it."""
    result: dict[str, tuple[bool, list[Row]]] = {}
    for name, data in names_and_data:
        try:
            tree = parse_bytes(data)
        except InputRejected:
            continue
        valid = bool(xsd.schema().xsd.validate(tree))
        found = rules.check_rules(tree, data)
        rows = sorted(
            (d.code, str(d.severity), d.line or 0, d.column or 0, d.xpath or "", d.message)
            for d in found
        )
        result[name] = (valid, [list(row) for row in rows])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the findings to this file")
    action.add_argument("--against", type=Path, help="compare with findings saved before")
    parser.add_argument("--files", type=int, default=2000, help="generated articles")
    parser.add_argument("--mutants", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--schematron", type=Path, help="compile this .sch instead")
    args = parser.parse_args(argv)
    if args.schematron:
        compiled = rules_build.compile_schematron(args.schematron.read_bytes())
        stylesheet = etree.XSLT(etree.fromstring(compiled))
        rules.transform = lambda: stylesheet  # type: ignore[assignment]
    found = record(documents(args.files, args.mutants, args.seed))
    counts = Counter(str(row[0]) for _, rows in found.values() for row in rows)
    total = sum(counts.values())
    print(f"{len(found)} documents, {total} findings: {dict(sorted(counts.items()))}")
    if args.save:
        args.save.write_text(json.dumps(found, ensure_ascii=False, sort_keys=True), "utf-8")
        return 0
    before = json.loads(args.against.read_text("utf-8"))
    after = json.loads(json.dumps(found, ensure_ascii=False))  # tuples as lists, as saved
    differ = sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
    for name in differ[:20]:
        print(f"{name}: before {before.get(name)}\n{' ' * len(name)}  after  {after.get(name)}")
    print(f"{len(differ)} of {len(found)} documents differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
