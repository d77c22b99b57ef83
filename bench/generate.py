"""Benchmark corpus: N realistic dtmarkup articles of varied size, deterministic by seed.

Articles are written from the structures the schema defines and the samples use: a head
with byline, dateline, subjects, keywords and an entity registry; a body of paragraphs
with mentions, inline quotes and statements, subheadings, figures with credits, block
quotes, block statements and lists. Sizes follow a long-tailed distribution (a wire brief
of 1 KB up to a 60 KB feature). When samples/ is present, one article in ten is a sample
with a fresh id, so the corpus also holds hand-written markup.

    python bench/generate.py --files 10000                  # bench/corpus/articles-10000-s1/
    python bench/generate.py --collection-mb 1024            # bench/corpus/collection-1024mb-s1.xml

A small fraction of articles (--invalid, default 1 %) carries one schema error (a mention
pointing to an entity that is not in the registry), so reports are not trivially empty.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
SAMPLES = ROOT / "samples"
NS = "urn:dtmarkup:1"


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _split(
    "Anna Björn Carlos Dana Eero Farah Gustav Hana Ines Jonas Kari Lena Mateo Nadia Olek "
    "Pia Quentin Rosa Sami Tove Ugo Vera Wiktor Ximena Yusuf Zofia Amal Bruno Chiara Dmitri"
)
LAST = _split(
    "Andersen Becker Castro Dahl Eriksen Fontaine Garcia Halvorsen Ivanova Jensen Kowalski "
    "Lindgren Moreau Nakamura Olsen Petrov Quist Rossi Sato Torres Ueda Varga Weber Xu Yilmaz "
    "Zielinski Ahmed Brennan Costa Novak"
)
TITLES = (
    "Minister of Finance",
    "Harbour director",
    "Spokesperson",
    "Chief executive",
    "Mayor",
    "Professor of economics",
    "Correspondent",
    "Head of research",
    "Union leader",
    "Police chief",
)
ORG_WORDS = (
    "Harbour Authority",
    "Ministry of Transport",
    "National Bank",
    "Energy Agency",
    "Teachers' Union",
    "Rail Company",
    "Health Board",
    "Climate Network",
    "Fisheries Council",
    "Broadcasting Corporation",
)
ORG_KINDS = ("government", "ministry", "agency", "media", "intergovernmental", "ngo", "company")
PLACES = (
    ("Reykjavik", "IS"),
    ("Oslo", "NO"),
    ("Lyon", "FR"),
    ("Leipzig", "DE"),
    ("Porto", "PT"),
    ("Gdansk", "PL"),
    ("Tampere", "FI"),
    ("Bergen", "NO"),
    ("Ghent", "BE"),
    ("Turin", "IT"),
    ("Aarhus", "DK"),
    ("Graz", "AT"),
)
SUBJECTS = (
    ("medtop:11000000", "politics"),
    ("medtop:04000000", "economy, business and finance"),
    ("medtop:06000000", "environment"),
    ("medtop:07000000", "health"),
    ("medtop:15000000", "sport"),
    ("medtop:01000000", "arts, culture, entertainment and media"),
)
WORDS = _split(
    "the council said on Tuesday that its plan would cut costs by a third while keeping "
    "services open in every district residents have asked for years about the harbour and "
    "the new line which opens next spring after two delays officials expect traffic to grow "
    "steadily as fares fall the report found that most households spend more on energy than "
    "a decade ago according to figures published by the statistics office critics called "
    "the proposal late and too small but welcomed the promise of an independent review of "
    "spending on schools hospitals roads and bridges ministers will meet again in June to "
    "agree the final budget which must pass parliament before the summer recess the company "
    "reported higher profits for the third quarter in a row driven by exports to neighbouring "
    "markets and a weaker currency analysts warned that the gains may not last"
)
STATEMENT_KINDS = ("statement", "press-release", "readout", "communique", "remarks")


class ArticleWriter:
    """Writes one article as XML text; ``rng`` makes every choice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def words(self, low: int, high: int) -> str:
        rng = self.rng
        count = rng.randint(low, high)
        start = rng.randrange(len(WORDS))
        steps = (1, 1, 1, 3, 7)
        picked = [WORDS[(start + i * rng.choice(steps)) % len(WORDS)] for i in range(count)]
        return " ".join(picked)

    @staticmethod
    def capital(text: str) -> str:
        return text[0].upper() + text[1:]

    def sentence(self) -> str:
        return self.capital(self.words(8, 24)) + "."

    def headline(self) -> str:
        return self.capital(self.words(5, 12))[:100].strip()

    def article(self, article_id: str, invalid: bool) -> str:
        rng = self.rng
        people = [
            (f"p{i}-{rng.choice(LAST).lower()}", f"{rng.choice(FIRST)} {rng.choice(LAST)}")
            for i in range(rng.randint(2, 8))
        ]
        orgs = [
            (f"o{i}", f"{rng.choice(PLACES)[0]} {rng.choice(ORG_WORDS)}", rng.choice(ORG_KINDS))
            for i in range(rng.randint(1, 5))
        ]
        media = ("wire", "Nordic Wire Service", "media")
        orgs.append(media)
        places = [(f"l{i}", *rng.choice(PLACES)) for i in range(rng.randint(1, 4))]
        agents = [p[0] for p in people] + [o[0] for o in orgs]
        entities = people + [(o[0], o[1]) for o in orgs] + [(p[0], p[1]) for p in places]
        self.entities = entities
        self.agents = agents
        self.people = people
        speakers = [p[0] for p in people]
        day = f"20{rng.randint(10, 26):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        author = people[0]
        out = [
            f'<article xmlns="{NS}" id="{article_id}" xml:lang="en" schemaVersion="1.0" '
            f'revision="{rng.randint(1, 3)}">',
            "  <head>",
            f"    <headline>{escape(self.headline())}</headline>",
        ]
        if rng.random() < 0.5:
            out.append(f"    <subheadline>{escape(self.sentence())}</subheadline>")
        out += [
            "    <byline>",
            f'      <author ref="{author[0]}">{escape(author[1])}</author>',
            f'      <publication ref="wire">{media[1]}</publication>',
            "    </byline>",
            "    <dateline>",
            f'      <place ref="{places[0][0]}">{places[0][1].upper()}</place>',
            f'      <date when="{day}">{day}</date>',
            "    </dateline>",
            f"    <published>{day}T{rng.randint(0, 23):02d}:{rng.randint(10, 59)}:00Z</published>",
            "    <subjects>",
        ]
        for qcode, label in rng.sample(SUBJECTS, rng.randint(1, 3)):
            out.append(f'      <subject qcode="{qcode}">{escape(label)}</subject>')
        out += ["    </subjects>", "    <keywords>"]
        for _ in range(rng.randint(1, 5)):
            out.append(f"      <keyword>{escape(self.words(1, 3))}</keyword>")
        out += ["    </keywords>", "    <entities>"]
        for pid, name in people:
            out += [
                f'      <person id="{pid}">',
                f"        <name>{escape(name)}</name>",
                f"        <title>{escape(rng.choice(TITLES))}</title>",
                f'        <affiliation ref="{rng.choice(orgs)[0]}"/>',
                "      </person>",
            ]
        for oid, name, kind in orgs:
            out.append(
                f'      <organization id="{oid}" kind="{kind}">\n'
                f"        <name>{escape(name)}</name>\n      </organization>"
            )
        for lid, name, country in places:
            out.append(
                f'      <place id="{lid}" country="{country}">\n'
                f"        <name>{escape(name)}</name>\n      </place>"
            )
        out += ["    </entities>", "  </head>", "  <body>"]
        # The lead paragraph introduces every entity, as an editor would: later quotes are
        # then attributed to someone the reader has met (rules DT204, DT205).
        intro = [
            f'{escape(self.words(2, 6))} <mention ref="{ref}">{escape(name)}</mention>'
            for ref, name in entities
        ]
        out.append(f"    <p>{self.capital(', '.join(intro))}.</p>")
        self.speakers = speakers
        blocks = max(2, min(90, int(rng.lognormvariate(2.2, 0.7))))
        broken = rng.randrange(blocks) if invalid else -1
        for index in range(blocks):
            out.append(self.block(day, index == broken))
        out += ["  </body>", "</article>"]
        return "\n".join(out) + "\n"

    def inline(self, broken: bool = False, statements: bool = True) -> str:
        """A paragraph's content: sentences with mentions, dates, quotes and statements."""
        rng = self.rng
        parts: list[str] = []
        for _ in range(rng.randint(2, 6)):
            roll = rng.random()
            if roll < 0.35:
                ref, name = rng.choice(self.entities)
                parts.append(
                    f'{escape(self.words(3, 10))} <mention ref="{ref}">{escape(name)}</mention> '
                    f"{escape(self.words(3, 12))}."
                )
            elif roll < 0.5:
                parts.append(
                    f'<q speaker="{rng.choice(self.speakers)}">{escape(self.sentence())}</q> '
                    f"{escape(self.words(2, 5))}."
                )
            elif roll < 0.58 and statements:
                parts.append(
                    f'{escape(self.words(2, 6))} <statement by="{rng.choice(self.agents)}" '
                    f'kind="statement">{escape(self.words(6, 14))}</statement>.'
                )
            elif roll < 0.65:
                parts.append(f"{escape(self.words(3, 8))} <em>{escape(self.words(1, 3))}</em>.")
            else:
                parts.append(escape(self.sentence()))
        if broken:
            parts.append('Also <mention ref="nobody-here">someone</mention> spoke.')
        return " ".join(parts)

    def block(self, day: str, broken: bool) -> str:
        rng = self.rng
        roll = rng.random()
        if broken or roll < 0.62:
            return f"    <p>{self.inline(broken)}</p>"
        if roll < 0.70:
            return f"    <h2>{escape(self.words(2, 6))}</h2>"
        if roll < 0.78:
            speaker = rng.choice(self.speakers)
            paras = "\n".join(
                f"      <p>{self.inline(statements=False)}</p>" for _ in range(rng.randint(1, 3))
            )
            return f'    <blockquote speaker="{speaker}">\n{paras}\n    </blockquote>'
        if roll < 0.84:
            paras = "\n".join(f"      <p>{self.inline()}</p>" for _ in range(rng.randint(1, 4)))
            kind = rng.choice(STATEMENT_KINDS)
            return (
                f'    <statement by="{rng.choice(self.agents)}" kind="{kind}" issued="{day}">\n'
                f"{paras}\n    </statement>"
            )
        if roll < 0.92:
            source = rng.choice(self.agents)
            photographer = rng.choice(self.people)[0]
            alt = escape(self.words(4, 10))
            return (
                "    <figure>\n"
                f'      <image src="https://media.example/{day}/{rng.randrange(10**6)}.jpg" '
                f'alt="{alt}" width="1600" height="1067"/>\n'
                f"      <caption>{self.inline(statements=False)}</caption>\n"
                f'      <credit source="{source}" photographer="{photographer}">'
                f"{escape(self.words(3, 6))}</credit>\n"
                "    </figure>"
            )
        items = "\n".join(
            f"      <item>{escape(self.sentence())}</item>" for _ in range(rng.randint(2, 6))
        )
        return f'    <list kind="{rng.choice(("bullet", "ordered"))}">\n{items}\n    </list>'


_ROOT_ID = re.compile(r'(<article\b[^>]*?\bid=)("[^"]*"|\'[^\']*\')', re.S)


def sample_texts() -> list[str]:
    """The samples' markup without XML declaration and leading comments, if present."""
    texts = []
    for path in sorted(SAMPLES.glob("*.xml")) if SAMPLES.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        start = text.find("<article")
        if start >= 0 and _ROOT_ID.search(text):
            texts.append(text[start:])
    return texts


def articles(count: int, seed: int, invalid: float) -> Iterator[tuple[str, str]]:
    """(article id, article markup) for ``count`` articles."""
    rng = random.Random(seed)
    writer = ArticleWriter(rng)
    samples = sample_texts()
    for number in range(count):
        article_id = f"bench-{seed}-{number:07d}"
        if samples and number % 10 == 9:
            text = samples[(number // 10) % len(samples)]
            yield article_id, _ROOT_ID.sub(rf'\g<1>"{article_id}"', text, count=1)
        else:
            yield article_id, writer.article(article_id, rng.random() < invalid)


def write_files(count: int, seed: int, invalid: float, out: Path) -> list[Path]:
    """One file per article, 1000 per subdirectory; returns the paths in order."""
    paths = []
    for number, (_, text) in enumerate(articles(count, seed, invalid)):
        folder = out / f"{number // 1000:04d}"
        if number % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{number:07d}.xml"
        path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + text, encoding="utf-8")
        paths.append(path)
    return paths


def write_collection(megabytes: float, seed: int, invalid: float, out: Path) -> int:
    """A <collection> of articles of at least ``megabytes`` MiB; returns the article count."""
    target = int(megabytes * 1024 * 1024)
    written = 0
    count = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        head = f'<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="{NS}">\n'
        handle.write(head)
        written += len(head)
        for _, text in articles(10**9, seed, invalid):
            text = text.replace(f' xmlns="{NS}"', "", 1)
            handle.write(text)
            written += len(text.encode("utf-8"))
            count += 1
            if written >= target:
                break
        handle.write("</collection>\n")
    return count


def corpus_dir(count: int, seed: int) -> Path:
    return CORPUS / f"articles-{count}-s{seed}"


def ensure_files(count: int, seed: int, invalid: float) -> Path:
    """The corpus directory for (count, seed), generated once and then reused."""
    out = corpus_dir(count, seed)
    done = out / ".complete"
    if not done.exists():
        write_files(count, seed, invalid, out)
        done.write_text(f"{count} {seed} {invalid}\n")
    return out


def ensure_collection(megabytes: float, seed: int, invalid: float) -> Path:
    out = CORPUS / f"collection-{megabytes:g}mb-s{seed}.xml"
    done = out.with_suffix(".complete")
    if not done.exists():
        count = write_collection(megabytes, seed, invalid, out)
        done.write_text(f"{count}\n")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=0, help="articles, one per file")
    parser.add_argument("--collection-mb", type=float, default=0, help="size of a collection")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--invalid", type=float, default=0.01, help="fraction with an error")
    args = parser.parse_args(argv)
    if args.files:
        print(ensure_files(args.files, args.seed, args.invalid))
    if args.collection_mb:
        print(ensure_collection(args.collection_mb, args.seed, args.invalid))
    if not args.files and not args.collection_mb:
        parser.error("give --files N and/or --collection-mb M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
