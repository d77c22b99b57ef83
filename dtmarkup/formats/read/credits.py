"""Credit lines and bylines as agencies write them, taken apart for the importers.

Photo credits arrive as free text, often buried at the end of a caption:
``Foto: Amit Sharma / AP / NTB``, ``(Photo by Spencer Platt/Getty Images)``,
``(AP Photo/Evan Vucci)``, ``State Department photo by Ron Przysucha``, ``Karl Melander/TT``.
Bylines likewise: ``By BERNARD CONDON``, ``Von Christian Hollmann, dpa``, ``NTB-AFP-DPA``.
These functions only split text; they never invent a name that is not in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KNOWN_AGENCIES = frozenset(
    [
        "ap",
        "afp",
        "reuters",
        "dpa",
        "ntb",
        "tt",
        "aap",
        "pa",
        "efe",
        "ansa",
        "ritzau",
        "stt",
        "kyodo",
        "xinhua",
        "anp",
        "belga",
        "apa",
        "sda",
        "tass",
        "dha",
        "anadolu",
        "bloomberg",
        "upi",
        "epa",
        "pap",
        "ctk",
        "scanpix",
        "ntb-scanpix",
        "epa-efe",
        "afp/getty",
    ]
) | {
    "associated press",
    "agence france-presse",
    "getty images",
    "pa wire",
    "pa sport",
    "agencia efe",
    "ntb scanpix",
    "tt nyhetsbyrån",
    "keystone-sda",
    "ria novosti",
}
"""Lower-case names of news and photo agencies that a credit or byline may name."""

_ORG_WORDS = re.compile(
    r"\b(press|images|image|news|agency|agencia|department|ministry|office|service|photos|"
    r"pictures|picture|media|times|post|herald|network|wire|council|government|house|"
    r"kremlin|bureau|nyheter|nachrichten|presse|handout|pool|archive|archiv|staff|"
    r"database|magazine|journal|tribune|gazette|radio|tv|television|broadcasting|daily|"
    r"weekly|online|foundation|association|institute|university|committee|commission|"
    r"authority|police|party|union|league|club|group|corp|inc|ltd|gmbh|ag|asa|ab|spa|llc|"
    r"plc|zeitung|avis|avisen|tidende|dagblad|dagbladet|tidning|lehti|agentur|verlag)\b",
    re.IGNORECASE,
)

_CREDIT_LABEL = re.compile(
    r"(?:^|(?<=[\s.,;]))(?:foto|photo|photos|bild|kuva|credit|credits|picture|billede|"
    r"photograph|fotograf|image)\s*:\s*(?P<credit>[^:]{2,120})$",
    re.IGNORECASE,
)
_TRAILING_PARENS = re.compile(r"\s*\((?P<credit>[^()]{2,120})\)\s*$")
_PHOTO_BY = re.compile(
    r"^(?P<source>.*?)\s*\b(?:photo|photograph|picture|foto)\s+by\s+"
    r"(?P<person>[^/]+?)(?:\s*/\s*(?P<after>.+))?$",
    re.IGNORECASE,
)
_AGENCY_PHOTO = re.compile(
    r"^(?P<source>[\w .&\-]+?)\s+(?:photo|foto)\s*/\s*(?P<person>.+)$", re.IGNORECASE
)
_VIA = re.compile(r"^(?P<source>.+?)\s+via\s+(?P<via>.+)$", re.IGNORECASE)
_FILE_SUFFIX = re.compile(r",?\s*\b(file|arkiv|archive|archiv|handout|pool)\b\.?$", re.I)
_DOMAIN = re.compile(r"\w\.(?:com|org|net|no|se|dk|fi|de|fr|es|it|nl|uk|is|info)$", re.I)
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "del",
        "della",
        "di",
        "do",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "ten",
        "af",
        "av",
        "zu",
        "y",
        "e",
        "bin",
        "ibn",
        "al",
    ]
)
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_BYLINE_PREFIX = re.compile(
    r"^\s*(?:by|von|av|af|par|por|di|door|de|från|fra|text|tekst)\s*:?\s+", re.IGNORECASE
)
_AGENCY_SLASH = re.compile(r"(.*[^\s/])/([A-Za-z][\w\-]{0,19})")
"""``Karl Melander/TT``: a name, a slash without spaces, an agency."""
_JOB_TITLE = re.compile(
    r"(?i)\b(writer|correspondent|reporter|editor|journalist|columnist|staff|"
    r"photographer|analyst|critic|redakteur\w*|korrespondent\w*|toimittaja|kirjeenvaihtaja|"
    r"reportrar?|medarbetare|journalistin|mitarbeiter\w*)\b"
)
"""The job words of a byline title (``By X, AP Business Writer``)."""
_BYLINE_SPLIT = re.compile(
    r"\s*(?:,|;|&|\s/\s|\band\b|\bund\b|\bog\b|\boch\b|\bet\b|\by\b|\be\b|\bja\b)\s*"
)


def is_agency(text: str) -> bool:
    """Whether ``text`` names a known agency (``AP``, ``Getty Images``, ``dpa``...)."""
    return text.strip().casefold() in KNOWN_AGENCIES


def looks_like_org(text: str) -> bool:
    """An agency, an acronym (``NTB``, ``DHA``) or a name with an organization word."""
    stripped = text.strip()
    if re.match(r"(?i)the\s", stripped):
        return True
    if is_agency(stripped) or _ORG_WORDS.search(stripped) or _DOMAIN.search(stripped):
        return True
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&\-]{1,7}", stripped))


def looks_like_person(text: str) -> bool:
    """One to five name-like words, not an organization: ``Ron Przysucha``, ``Karben``,
    ``Frances d'Emilio``, ``Jean-Pierre Ruiz``; not ``montasje av Faktisk.no`` or
    ``Facebook-innlegg``."""
    words = text.split()
    if not 1 <= len(words) <= 5 or looks_like_org(text):
        return False
    if not all(_NAME_WORD.match(word) for word in words):
        return False
    for word in words:
        if word.casefold() in _PARTICLES or re.match(r"^(d'|d’|o'|o’|al-|el-|bin)", word):
            continue
        if not all(part[:1].isupper() for part in word.split("-") if part):
            return False
    return re.sub(r"^(d'|d’|o'|o’|al-|el-)", "", words[-1])[:1].isupper()


def display_name(text: str) -> str:
    """A name as a registry name: ALL-CAPS names in title case, a possessive 's dropped."""
    name = " ".join(text.split())
    name = re.sub(r"(?<=\w)['’]s$", "", name)
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters) and " " in name:
        name = " ".join(word.capitalize() for word in name.split())
    return name


@dataclass(frozen=True, slots=True)
class CreditParts:
    """A credit line taken apart: who took the picture, who it comes from."""

    text: str
    photographer: str | None = None
    sources: tuple[str, ...] = field(default=())

    @property
    def source(self) -> str | None:
        return self.sources[0] if self.sources else None


def split_caption(caption: str) -> tuple[str, str | None]:
    """A caption without the credit buried at its end, and that credit (or None).

    Recognised: a trailing ``Foto: …``/``Photo: …``/``Credit: …`` label, and a trailing
    parenthesis that reads as a credit (``(AP Photo/X)``, ``(Photo by X/Getty Images)``,
    ``(DHA via AP, File)``, ``(X/Reuters)``).
    """
    text = caption.rstrip()
    match = _CREDIT_LABEL.search(text)
    if match and ". " not in match.group("credit"):
        return text[: match.start()].rstrip(), match.group("credit").strip().rstrip(".")
    match = _TRAILING_PARENS.search(text)
    if match and _reads_as_credit(match.group("credit")):
        return text[: match.start()].rstrip(), match.group("credit").strip()
    return caption, None


def _reads_as_credit(inner: str) -> bool:
    low = inner.casefold()
    if re.search(r"\b(photo|foto|bild|credit|picture|kuva)\b", low):
        return True
    parts = [p.strip() for p in re.split(r"/|\bvia\b|,", inner) if p.strip()]
    return any(is_agency(_FILE_SUFFIX.sub("", p).strip()) for p in parts)


def parse_credit(text: str) -> CreditParts:
    """Photographer and sources named in a credit line (display text kept as given)."""
    shown = " ".join(text.split()).strip()
    body = re.sub(r"^(?:credit|credits|foto|photo|bild|kuva)\s*:\s*", "", shown, flags=re.I)
    body = _FILE_SUFFIX.sub("", body.strip("() ")).strip(" ,")
    match = _AGENCY_PHOTO.match(body)
    if match:
        return _parts(shown, match.group("person"), [match.group("source")])
    match = _PHOTO_BY.match(body)
    if match:
        found = [s for s in (match.group("source"), match.group("after")) if s and s.strip()]
        return _parts(shown, match.group("person"), found)
    match = _VIA.match(body)
    if match:
        inner = parse_credit(match.group("source"))
        return CreditParts(shown, inner.photographer, (*inner.sources, match.group("via").strip()))
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s*,\s*|\s+-\s+", body) if p.strip()]
    photographer = None
    sources: list[str] = []
    for part in parts:
        if photographer is None and looks_like_person(part):
            photographer = part
        else:
            sources.append(part)
    return CreditParts(shown, photographer, tuple(sources))


def _parts(shown: str, person: str | None, sources: list[str]) -> CreditParts:
    cleaned = tuple(s.strip(" ,/") for s in sources if s.strip(" ,/"))
    who = person.strip(" ,/") if person else None
    if who is not None and not looks_like_person(who):
        cleaned = (*cleaned, who)
        who = None
    return CreditParts(shown, who, cleaned)


@dataclass(frozen=True, slots=True)
class BylineName:
    """One name in a byline: as written, and whether it is a person or an organization."""

    text: str
    is_person: bool
    title: str | None = None
    """A job title the byline gives after the name ("By X, AP Business Writer")."""
    wire: bool = False
    """Read from a wire form ("Name/TT", "By X, <title>"): reported as DT369."""


def parse_byline(text: str) -> tuple[list[BylineName], str | None]:
    """The names in a byline and a trailing publication, if any.

    ``By Paulo Santalucia and Frances d'Emilio`` gives two persons; ``Von Christian
    Hollmann, dpa`` a person and the publication ``dpa``; ``NTB-AFP-DPA`` three agencies.
    Text that names nobody (``gr/bp``, editors' initials) gives an empty list.
    """
    body = _BYLINE_PREFIX.sub("", " ".join(text.split())).strip(" ,;")
    if not body:
        return [], None
    hyphenated = [p for p in body.split("-") if p]
    if len(hyphenated) > 1 and all(is_agency(p) for p in hyphenated):
        return [BylineName(p, False) for p in hyphenated], None
    slashed = _AGENCY_SLASH.fullmatch(body)
    if slashed and looks_like_org(slashed.group(2)):
        heads, _ = parse_byline(slashed.group(1))
        if heads and all(n.is_person for n in heads):
            wired = [BylineName(n.text, True, n.title, True) for n in heads]
            return wired, slashed.group(2)
    title = None
    pieces = body.rsplit(",", 1)
    if len(pieces) == 2 and _JOB_TITLE.search(pieces[1]):
        body, title = pieces[0].strip(" ,;"), pieces[1].strip()
    parts = [p for p in _BYLINE_SPLIT.split(body) if p and p.strip()]
    publication = None
    if title is not None:
        agency = title.split()[0]
        if is_agency(agency) or is_agency(title.rsplit(" ", 1)[0]):
            publication = agency if is_agency(agency) else title.rsplit(" ", 1)[0]
        persons = [p.strip() for p in parts]
        if persons and all(looks_like_person(p) for p in persons):
            one = title if len(persons) == 1 else None
            return [BylineName(p, True, one, True) for p in persons], publication
    if len(parts) > 1 and looks_like_org(parts[-1]) and not looks_like_org(parts[0]):
        publication = parts.pop().strip()
    names: list[BylineName] = []
    for part in parts:
        part = part.strip()
        slashed = _AGENCY_SLASH.fullmatch(part)
        if slashed and looks_like_org(slashed.group(2)) and looks_like_person(slashed.group(1)):
            names.append(BylineName(slashed.group(1), True, None, True))
            publication = publication or slashed.group(2)
        elif looks_like_org(part):
            names.append(BylineName(part, False))
        elif looks_like_person(part):
            names.append(BylineName(part, True))
        else:
            return [], publication
    return names, publication
