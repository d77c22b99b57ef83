"""The entity registry: persons, organizations and places found in the text, one entity
per real-world referent however it is written ("Antony J. Blinken", "Secretary Blinken",
"Blinken"), and the spotting of their names in running text.

Persons come from explicit evidence only: a title before a name ("Foreign Minister Sergey
Lavrov"), a byline, a photo credit, or the subject of a speech verb (``quotes``).
Organizations come from a short table of well-known bodies and from names ending in an
organization noun ("Arctic Council", "Environmental Protection Agency"). Places come from
the gazetteer in ``places``. Anything else stays plain text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from dtmarkup.formats.read.text import lexicon, places


@dataclass(frozen=True, slots=True)
class KnownOrg:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]


KNOWN_ORGS: tuple[KnownOrg, ...] = (
    KnownOrg(
        "state-dept",
        "U.S. Department of State",
        "ministry",
        ("State Department", "Department of State", "U.S. Department of State"),
    ),
    KnownOrg("white-house", "The White House", "government", ("White House",)),
    KnownOrg("kremlin", "The Kremlin", "government", ("Kremlin",)),
    KnownOrg("pentagon", "U.S. Department of Defense", "ministry", ("Pentagon",)),
    KnownOrg("voa", "Voice of America", "media", ("Voice of America", "VOA")),
    KnownOrg(
        "rferl",
        "Radio Free Europe/Radio Liberty",
        "media",
        ("Radio Free Europe/Radio Liberty", "RFE/RL"),
    ),
    KnownOrg("ap", "The Associated Press", "media", ("Associated Press", "AP")),
    KnownOrg("reuters", "Reuters", "media", ("Reuters",)),
    KnownOrg("afp", "Agence France-Presse", "media", ("Agence France-Presse", "AFP")),
    KnownOrg("dpa", "Deutsche Presse-Agentur", "media", ("Deutsche Presse-Agentur", "dpa")),
    KnownOrg("efe", "Agencia EFE", "media", ("EFE",)),
    KnownOrg("tt", "TT Nyhetsbyrån", "media", ("TT",)),
    KnownOrg("ntb", "Norsk Telegrambyrå", "media", ("NTB",)),
    KnownOrg("aap", "Australian Associated Press", "media", ("AAP",)),
    KnownOrg("pa", "PA Media", "media", ("PA Media",)),
    KnownOrg("un", "United Nations", "intergovernmental", ("United Nations", "U.N.", "UN")),
    KnownOrg("eu", "European Union", "intergovernmental", ("European Union", "EU")),
    KnownOrg("nato", "NATO", "intergovernmental", ("NATO",)),
    KnownOrg(
        "who", "World Health Organization", "intergovernmental", ("World Health Organization",)
    ),
    KnownOrg("dfb", "Deutscher Fußball-Bund", "other", ("DFB",)),
)
"""Organizations wire copy names by a short form that no rule could type."""

_AMBIGUOUS_PLACES = frozenset({"Jordan", "Chad", "Georgia", "Victoria", "Florence"})

_WORD = re.compile(r"[^\W\d_](?:[\w’'\-]*[\w])?\.?|\d+")
_CONNECTORS = frozenset({"of", "for", "and", "on", "de", "des", "du", "für", "the"})
_PARTICLES = frozenset({"van", "von", "de", "da", "di", "bin", "al", "le", "la", "du", "ter"})
_ABBREVIATIONS = frozenset(
    {
        "gov.",
        "sen.",
        "rep.",
        "dr.",
        "prof.",
        "gen.",
        "col.",
        "lt.",
        "adm.",
        "st.",
        "jr.",
        "u.s.",
        "u.n.",
        "u.k.",
        "mr.",
        "mrs.",
        "ms.",
        "sr.",
    }
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    """The word without a trailing full stop (kept for initials and abbreviations) and
    without a possessive 's."""
    start: int
    end: int
    possessive: bool = False
    stop_after: bool = False
    """A sentence-ending full stop follows the word."""

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    """Words with their offsets; possessives and sentence stops split off."""
    out: list[Token] = []
    for m in _WORD.finditer(text):
        word, start, end = m.group(0), m.start(), m.end()
        stop = False
        if word.endswith(".") and not _is_initial(word) and word.lower() not in _ABBREVIATIONS:
            word, end, stop = word[:-1], end - 1, True
        possessive = False
        for suffix in ("’s", "'s"):
            if word.endswith(suffix) and len(word) > 2:
                word, end, possessive = word[: -len(suffix)], end - len(suffix), True
        if word:
            out.append(Token(word, start, end, possessive, stop))
    return out


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.)+", word))


def is_title_head(word: str) -> bool:
    low = word.lower()
    if low in lexicon.TITLE_HEADS:
        return True
    last = low.rsplit("-", 1)[-1]
    return last in lexicon.TITLE_HEADS or any(
        low.endswith(s) and len(low) > len(s) + 2 for s in lexicon.TITLE_SUFFIXES
    )


def is_name_word(token: Token) -> bool:
    """A word that can be part of a person's name."""
    if _is_initial(token.text):
        return True
    if not token.capital or token.lower in lexicon.STOP_CAPITALS or is_title_head(token.text):
        return False
    if token.text.isupper() and len(token.text) > 1:
        return False  # acronyms and shouted labels (BEHAUPTUNG) are not names
    return token.lower not in lexicon.ORG_HEADS and token.text[-1] != "."


def slug(text: str) -> str:
    """An entity id from a name: ASCII, lower case, hyphens ("Kinhöfer" -> "kinhofer")."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if not out or not out[0].isalpha():
        out = "e-" + out
    return out[:48].rstrip("-")


# ---------------------------------------------------------------------------- registry


@dataclass(slots=True)
class Entity:
    """One entity of the registry, mutable while the text is read."""

    id: str
    kind: str
    """person, organization or place."""
    name: str
    rule: str
    """The rule that first found it (for --explain)."""
    title: str | None = None
    affiliation: str | None = None
    org_kind: str | None = None
    country: str | None = None
    aliases: set[str] = field(default_factory=set)

    @property
    def tokens(self) -> list[str]:
        return [t.text for t in tokenize(self.name)]


_PARTY_TAIL = re.compile(r"\s*(?:\(|,\s*(?:[DRI]-|[a-z])|\s[DRI]-[A-Z]).*$")


def clean_person_name(name: str) -> str:
    """``Hank Johnson (D-Ga.`` -> ``Hank Johnson``; ``Mitch McConnell, R-Ky.`` ->
    ``Mitch McConnell``; ``Brandon Silverman, CrowdTangle`` is left to the caller."""
    cut = _PARTY_TAIL.sub("", name).strip(" ,")
    return cut if cut else name


def _compatible(given_a: list[str], given_b: list[str]) -> bool:
    if not given_a or not given_b:
        return True
    a, b = given_a[0].rstrip("."), given_b[0].rstrip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


class Registry:
    """Every entity found, with the rules that merge variants of one name."""

    def __init__(self) -> None:
        self.items: list[Entity] = []

    def _unique_id(self, base: str) -> str:
        taken = {e.id for e in self.items}
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def get(self, entity_id: str) -> Entity | None:
        return next((e for e in self.items if e.id == entity_id), None)

    # -- persons

    def person(self, name: str, rule: str, title: str | None = None) -> Entity:
        """The person called ``name``, merged with a compatible earlier form. A party tag
        or an appositive that came along (``Rep. X (D-N.C.)``, ``X, R-Ky.``) is cut off."""
        name = clean_person_name(name)
        words = [t.text for t in tokenize(name)]
        surname = words[-1]
        for entity in self.items:
            if entity.kind != "person":
                continue
            theirs = entity.tokens
            if theirs and theirs[-1] == surname and _compatible(theirs[:-1], words[:-1]):
                if len(words) > len(theirs):
                    entity.name = name
                if title and not entity.title:
                    entity.title = title
                entity.aliases.add(name)
                return entity
            if len(words) == 1 and len(theirs) > 1 and theirs[0] == surname:
                entity.aliases.add(name)  # a first name alone: "Sergey"
                return entity
        entity = Entity(self._unique_id(slug(surname)), "person", name, rule, title=title)
        entity.aliases.add(name)
        self.items.append(entity)
        return entity

    def persons(self) -> list[Entity]:
        return [e for e in self.items if e.kind == "person"]

    # -- organizations

    def organization(self, name: str, kind: str, rule: str, entity_id: str | None = None) -> Entity:
        for entity in self.items:
            if entity.kind == "organization" and (
                entity.id == entity_id or name in entity.aliases or entity.name == name
            ):
                entity.aliases.add(name)
                return entity
        entity = Entity(
            self._unique_id(entity_id or slug(name)), "organization", name, rule, org_kind=kind
        )
        entity.aliases.add(name)
        self.items.append(entity)
        return entity

    def known_organization(self, alias: str, rule: str) -> Entity | None:
        for known in KNOWN_ORGS:
            if alias in known.aliases or alias == known.name:
                entity = self.organization(known.name, known.kind, rule, known.id)
                entity.aliases.update(known.aliases)
                return entity
        return None

    def organization_named(self, name: str, rule: str) -> Entity | None:
        """An organization from its name: the known table, then its last (or first) noun."""
        known = self.known_organization(name, rule)
        if known is not None:
            return known
        words = name.split()
        for word in (words[-1], words[0]):
            kind = lexicon.ORG_HEADS.get(word.lower())
            if kind is not None and len(words) >= 2:
                return self.organization(name, kind, rule)
        return None

    # -- places

    def place(self, name: str, country: str, rule: str) -> Entity:
        for entity in self.items:
            if entity.kind == "place" and (entity.name == name or name in entity.aliases):
                return entity
        entity = Entity(self._unique_id(slug(name)), "place", name, rule, country=country)
        entity.aliases.add(name)
        self.items.append(entity)
        return entity

    # -- lookups

    def aliases(self) -> dict[str, Entity]:
        """Every string that names exactly one entity, mapped to it.

        A person is also named by their surname and, when no other person shares it, by
        their first name; a surname two persons share names neither.
        """
        table: dict[str, Entity] = {}
        clash: set[str] = set()

        def add(alias: str, entity: Entity) -> None:
            if len(alias) < 2:
                return
            other = table.get(alias)
            if other is not None and other is not entity:
                clash.add(alias)
            table[alias] = entity

        for entity in self.items:
            for alias in entity.aliases | {entity.name}:
                add(alias, entity)
            if entity.kind == "person":
                words = entity.tokens
                add(words[-1], entity)
                if len(words) >= 2:
                    add(f"{words[0]} {words[-1]}", entity)
                    if len(words[0]) > 2 and not _is_initial(words[0]):
                        add(words[0], entity)
        for alias in clash:
            del table[alias]
        return table


# ---------------------------------------------------------------------------- spotting


@dataclass(frozen=True, slots=True)
class Found:
    """A name found in a text: where, which entity, by which rule."""

    start: int
    end: int
    entity_id: str
    rule: str
    title: str | None = None
    title_start: int | None = None


def _title_before(text: str, tokens: list[Token], head: int) -> int:
    """The index where the title that ends with ``tokens[head]`` starts."""
    start = head
    while start > 0 and head - start < 4:
        prev = tokens[start - 1]
        if prev.stop_after or text[prev.end : tokens[start].start].strip(" ’'s"):
            break
        low = prev.lower
        if prev.possessive:
            if prev.capital:
                start -= 1
            break
        if (prev.capital and low not in lexicon.STOP_CAPITALS) or low in lexicon.TITLE_MODIFIERS:
            start -= 1
            continue
        if low in lexicon.DEMONYMS:
            start -= 1
            continue
        break
    while start < head and tokens[start].lower in ("of", "the", "and"):
        start += 1
    return start


def _name_end(tokens: list[Token], start: int) -> int:
    """The index after the person's name that starts at ``start`` (== start: no name)."""
    j = start
    while j < len(tokens) and j - start < 4:
        cur = tokens[j]
        particle = (
            cur.lower in _PARTICLES
            and j > start
            and j + 1 < len(tokens)
            and is_name_word(tokens[j + 1])
        )
        if not (is_name_word(cur) or particle):
            break
        j += 1
        if cur.possessive or cur.stop_after:
            break
    while j > start and tokens[j - 1].lower in _PARTICLES:
        j -= 1
    return j


def _not_a_person(name: str) -> bool:
    return bool(places.country_code(name) or places.city_code(name) or _known_org_alias(name))


def titled_persons(text: str, registry: Registry) -> list[Found]:
    """Persons introduced by a title: "Foreign Minister Sergey Lavrov", "Schiri Zwayer",
    "Its chairman, Goran Lipa,"."""
    tokens = tokenize(text)
    found: list[Found] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not is_title_head(tok.text) or tok.possessive:
            i += 1
            continue
        j = i + 1
        rule = "name.title-before-name"
        # "Secretary of State Antony Blinken": one capitalised word after "of" is title
        if (
            j + 2 < len(tokens)
            and tok.capital
            and tokens[j].lower == "of"
            and tokens[j + 1].capital
            and not tok.stop_after
            and is_name_word(tokens[j + 2])
        ):
            j += 2
        if j >= len(tokens) or tokens[j - 1].stop_after:
            i += 1
            continue
        gap = text[tokens[j - 1].end : tokens[j].start]
        if gap.strip() == ",":
            rule = "name.title-comma-name"  # "Its chairman, Goran Lipa, urged calm"
            end = _name_end(tokens, j)
            after = text[tokens[end - 1].end : tokens[end - 1].end + 1] if end > j else ""
            if end == j or after != ",":
                i += 1
                continue
        elif gap.strip():
            i += 1
            continue
        name_start = j
        j = _name_end(tokens, name_start)
        if j == name_start:
            i += 1
            continue
        name = text[tokens[name_start].start : tokens[j - 1].end]
        if _not_a_person(name):
            i = j
            continue
        title_start = _title_before(text, tokens, i)
        title_end = tokens[name_start - 1].end if rule != "name.title-comma-name" else tok.end
        title = text[tokens[title_start].start : title_end]
        entity = registry.person(name, rule, title=title)
        found.append(
            Found(
                tokens[name_start].start,
                tokens[j - 1].end,
                entity.id,
                rule,
                title,
                tokens[title_start].start,
            )
        )
        i = j
    return found


def _known_org_alias(name: str) -> bool:
    return any(name in k.aliases or name == k.name for k in KNOWN_ORGS)


def _capital_runs(text: str) -> list[list[Token]]:
    """Runs of capitalised words, joined by connectors (of, for, and...)."""
    tokens = tokenize(text)
    runs: list[list[Token]] = []
    current: list[Token] = []
    for idx, tok in enumerate(tokens):
        gap = text[current[-1].end : tok.start] if current else ""
        contiguous = not current or (
            gap.strip() == "" and not current[-1].possessive and not current[-1].stop_after
        )
        if tok.capital and contiguous:
            current.append(tok)
            continue
        nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
        if (
            current
            and contiguous
            and tok.lower in _CONNECTORS
            and nxt is not None
            and nxt.capital
            and not tok.stop_after
        ):
            current.append(tok)
            continue
        if current:
            runs.append(current)
        current = [tok] if tok.capital else []
    if current:
        runs.append(current)
    out: list[list[Token]] = []
    for run in runs:
        while run and (run[0].lower in lexicon.STOP_CAPITALS or run[0].lower in _CONNECTORS):
            run = run[1:]
        while run and run[-1].lower in _CONNECTORS:
            run = run[:-1]
        if run:
            out.append(run)
    return out


def _split_at_and(run: list[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for tok in run:
        if tok.lower in ("and", "und", "och", "og", "et"):
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


def organizations_by_head(text: str, registry: Registry) -> None:
    """Register "Arctic Council", "University of Dakar": names ending (or starting) with an
    organization noun. "VOA and Radio Free Europe" is two names, not one."""
    for whole in _capital_runs(text):
        head_first = (
            len(whole) >= 3 and whole[0].lower in lexicon.ORG_HEADS and whole[1].lower == "of"
        )
        # "School of International Relations and Pacific Studies" is one name
        for run in [whole] if head_first else _split_at_and(whole):
            _organization_in_run(text, run, registry)


def _organization_in_run(text: str, run: list[Token], registry: Registry) -> None:
    words = [t.lower for t in run]
    heads = [k for k, w in enumerate(words) if w in lexicon.ORG_HEADS]
    if not heads:
        return
    last = heads[-1]
    if last >= 1:
        span = run[: last + 1]
    elif len(run) >= 3 and words[1] == "of":
        span = run
    else:
        return
    if len(span) < 2 or span[-1].lower in _CONNECTORS:
        return
    name = text[span[0].start : span[-1].end]
    if registry.known_organization(name, "org.known-table") is None:
        kind = lexicon.ORG_HEADS[words[last]]
        registry.organization(name, kind, "org.name-ends-in-organization-noun")


def known_organizations(text: str, registry: Registry) -> None:
    """Register the well-known organizations the text names."""
    for known in KNOWN_ORGS:
        for alias in known.aliases:
            if re.search(rf"(?<![\w/]){re.escape(alias)}(?![\w/])", text):
                registry.known_organization(alias, "org.known-table")
                break


@functools.cache
def _place_pattern() -> re.Pattern[str]:
    """One pattern for every gazetteer name written as in running text."""
    known = {n for n in places.place_names() if n[:1].isupper() and n not in _AMBIGUOUS_PLACES}
    alternatives = "|".join(re.escape(n) for n in sorted(known, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def known_places(text: str, registry: Registry) -> None:
    """Register the gazetteer places the text names."""
    for m in _place_pattern().finditer(text):
        name = m.group(0)
        code = places.city_code(name) or places.country_code(name)
        if code is not None:
            registry.place(name, code, "place.gazetteer")


@functools.lru_cache(maxsize=64)
def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    return re.compile(rf"(?<![\w/-])(?:{alternatives})(?![\w/-]|’\w\w|'\w\w)")


@functools.lru_cache(maxsize=4096)
def _spot(text: str, table: tuple[tuple[str, str], ...]) -> tuple[Found, ...]:
    ids = dict(table)
    pattern = _alias_pattern(tuple(ids))
    return tuple(
        Found(m.start(), m.end(), ids[m.group(0)], "mention.registry-name")
        for m in pattern.finditer(text)
    )


def spot(text: str, registry: Registry) -> list[Found]:
    """Every occurrence of a registry name in ``text``, longest first, no overlaps."""
    table = registry.aliases()
    if not table:
        return []
    return list(_spot(text, tuple(sorted((alias, e.id) for alias, e in table.items()))))


def given_name_persons(text: str, registry: Registry) -> list[Found]:
    """Persons named with a common given name and a surname ("Pat Caddell", "Angelique
    Brunner, a developer"), so that later surnames and pronouns can refer to them."""
    from dtmarkup.formats.read.text import gender

    tokens = tokenize(text)
    found: list[Found] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        first = tok.lower
        if tok.possessive or tok.stop_after or not tok.capital or not gender.is_given_name(first):
            i += 1
            continue
        end = _name_end(tokens, i)
        if end - i < 2 or end - i > 4:
            i = max(end, i + 1)
            continue
        name = text[tokens[i].start : tokens[end - 1].end]
        if _not_a_person(name) or any(t.lower in lexicon.ORG_HEADS for t in tokens[i:end]):
            i = end
            continue
        entity = registry.person(name, "name.given-name")
        found.append(Found(tokens[i].start, tokens[end - 1].end, entity.id, "name.given-name"))
        i = end
    return found


_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"]\s))(?P<name>[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+)?)"
    r"(?=,\s+(?:who|a|an|the)\b|\s+(?:also|then|later|again|further|has|had|is|was|added|"
    + "|".join(sorted(lexicon.SPEECH_VERBS, key=len, reverse=True))
    + r")\b)"
)
_PLURAL_GROUP = re.compile(r"(?:ans|ats|ists|ers|ives|als)$")


def subject_names(text: str, registry: Registry) -> list[Found]:
    """A capitalised word (or two) opening a sentence as the subject of a verb ("Cuban said",
    "Roffman, who ...", "Paul also asked"): a person, unless it is a place, an organization
    or a group ("Republicans"). Registered so that a later "he" or "she" is not taken for
    someone named earlier; a surname of a known person only links to them."""
    from dtmarkup.formats.read.text import gender

    found: list[Found] = []
    for m in _SUBJECT.finditer(text):
        name = m.group("name")
        first = re.split(r"[’']", name.split()[0].lower())[0]
        if " " in name and not gender.is_given_name(first):
            continue  # "Network Rail said": two capitalised words are a name only after a
            # given name; one alone is a surname ("Cuban said")
        if (
            first in lexicon.STOP_CAPITALS
            or first in lexicon.PRONOUNS
            or is_title_head(name.split()[0])
            or _PLURAL_GROUP.search(name)
            or _not_a_person(name)
            or registry.organization_named(name, "org.subject") is not None
            or name.split()[-1].lower() in lexicon.ORG_HEADS
        ):
            continue
        aliases = registry.aliases()
        known = aliases.get(name)
        if known is not None and known.kind != "person":
            continue
        entity = known or registry.person(name, "name.sentence-subject")
        found.append(Found(m.start(), m.end(), entity.id, "name.sentence-subject"))
    return found
