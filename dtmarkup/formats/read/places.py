"""Which country a place is in, for the importers (NITF, NewsML-G2, ninjs).

dtmarkup requires an ISO 3166-1 alpha-2 country on every place; agency copy rarely gives
one. ``country_for`` answers from a small built-in table of well-known cities, countries
and US states, and says nothing when it does not know: the importers then fall back in a
documented order (docs/formats.md) and report it.
"""

from __future__ import annotations

import re
import unicodedata

from dtmarkup.formats.read.gazetteer import ISO_CODES
from dtmarkup.formats.read.gazetteer import US_STATE_CODES as US_STATES

# alpha-3 -> alpha-2 for the codes agencies send most (NITF evloc/@iso-cc is often alpha-3).
ALPHA3 = {
    "ARG": "AR",
    "AUS": "AU",
    "AUT": "AT",
    "BEL": "BE",
    "BRA": "BR",
    "CAN": "CA",
    "CHE": "CH",
    "CHL": "CL",
    "CHN": "CN",
    "COL": "CO",
    "CUB": "CU",
    "CZE": "CZ",
    "DEU": "DE",
    "DNK": "DK",
    "EGY": "EG",
    "ESP": "ES",
    "EST": "EE",
    "FIN": "FI",
    "FRA": "FR",
    "GBR": "GB",
    "GRC": "GR",
    "GTM": "GT",
    "HND": "HN",
    "HUN": "HU",
    "IDN": "ID",
    "IND": "IN",
    "IRL": "IE",
    "IRN": "IR",
    "IRQ": "IQ",
    "ISL": "IS",
    "ISR": "IL",
    "ITA": "IT",
    "JPN": "JP",
    "KEN": "KE",
    "KOR": "KR",
    "LTU": "LT",
    "LVA": "LV",
    "MEX": "MX",
    "NGA": "NG",
    "NIC": "NI",
    "NLD": "NL",
    "NOR": "NO",
    "NZL": "NZ",
    "PAK": "PK",
    "PER": "PE",
    "PHL": "PH",
    "POL": "PL",
    "PRT": "PT",
    "ROU": "RO",
    "RUS": "RU",
    "SAU": "SA",
    "SLV": "SV",
    "SRB": "RS",
    "SWE": "SE",
    "SYR": "SY",
    "THA": "TH",
    "TUR": "TR",
    "UKR": "UA",
    "USA": "US",
    "VEN": "VE",
    "VNM": "VN",
    "ZAF": "ZA",
}

_COUNTRIES = {
    "IS": "iceland island",
    "NO": "norway norge noreg",
    "SE": "sweden sverige",
    "DK": "denmark danmark",
    "FI": "finland suomi",
    "DE": "germany deutschland tyskland",
    "FR": "france frankrike frankreich",
    "ES": "spain espana spania spanien",
    "IT": "italy italia italien",
    "PT": "portugal",
    "GB": "britain uk united-kingdom great-britain england scotland wales storbritannia",
    "IE": "ireland republic-of-ireland irland",
    "NL": "netherlands holland nederland",
    "BE": "belgium belgia belgien",
    "CH": "switzerland sveits schweiz",
    "AT": "austria osterrike osterreich",
    "PL": "poland polen",
    "CZ": "czechia czech-republic",
    "HU": "hungary ungarn",
    "GR": "greece hellas",
    "TR": "turkey turkiye tyrkia",
    "RU": "russia russland",
    "UA": "ukraine ukraina",
    "BY": "belarus",
    "US": "united-states usa us america u.s. u.s.a.",
    "CA": "canada",
    "MX": "mexico",
    "BR": "brazil brasil",
    "AR": "argentina",
    "CL": "chile",
    "CO": "colombia",
    "VE": "venezuela",
    "HN": "honduras",
    "CU": "cuba",
    "CN": "china kina",
    "JP": "japan",
    "KR": "south-korea korea",
    "KP": "north-korea",
    "IN": "india",
    "PK": "pakistan",
    "AF": "afghanistan",
    "IR": "iran",
    "IQ": "iraq irak",
    "SY": "syria",
    "IL": "israel",
    "PS": "palestine gaza west-bank",
    "LB": "lebanon",
    "SA": "saudi-arabia",
    "AE": "united-arab-emirates uae",
    "EG": "egypt egypten",
    "ZA": "south-africa",
    "NG": "nigeria",
    "KE": "kenya",
    "ET": "ethiopia",
    "AU": "australia australia",
    "NZ": "new-zealand",
    "ID": "indonesia",
    "PH": "philippines",
    "TH": "thailand",
    "VN": "vietnam",
    "SG": "singapore",
    "MY": "malaysia",
    "SJ": "svalbard",
    "FO": "faroe-islands faroes",
    "GL": "greenland",
    "LK": "sri-lanka",
    "EE": "estonia",
    "LV": "latvia",
    "LT": "lithuania",
    "RS": "serbia",
    "RO": "romania",
    "BG": "bulgaria",
    "HR": "croatia",
}

_CITIES = {
    "IS": "reykjavik akureyri",
    "FO": "torshavn klaksvik",
    "GL": "nuuk",
    "NO": "oslo bergen trondheim stavanger tromso skien kristiansand drammen",
    "SE": "stockholm gothenburg goteborg malmo uppsala",
    "DK": "copenhagen kobenhavn aarhus odense",
    "FI": "helsinki espoo tampere turku",
    "DE": "berlin hamburg munich munchen frankfurt cologne koln bonn dortmund stuttgart "
    "dusseldorf leipzig dresden",
    "FR": "paris marseille lyon toulouse nice strasbourg bordeaux lille",
    "ES": "madrid barcelona valencia seville sevilla bilbao",
    "IT": "rome roma milan milano naples napoli turin torino florence firenze venice grosseto",
    "PT": "lisbon lisboa porto",
    "GB": "london manchester birmingham liverpool edinburgh glasgow cardiff belfast leeds "
    "sheffield bristol oxford cambridge",
    "IE": "dublin cork",
    "NL": "amsterdam rotterdam the-hague den-haag",
    "BE": "brussels bruxelles antwerp",
    "CH": "geneva geneve zurich bern basel davos",
    "AT": "vienna wien salzburg",
    "PL": "warsaw warszawa krakow",
    "CZ": "prague praha",
    "HU": "budapest",
    "GR": "athens thessaloniki",
    "TR": "ankara istanbul izmir edirne",
    "RU": "moscow st.-petersburg saint-petersburg sochi",
    "UA": "kyiv kiev kharkiv odesa lviv",
    "BY": "minsk",
    "US": "washington new-york los-angeles chicago houston boston san-francisco miami "
    "atlanta seattle philadelphia detroit dallas denver las-vegas new-orleans norfolk "
    "newport-news san-diego phoenix baltimore",
    "CA": "ottawa toronto montreal vancouver",
    "MX": "mexico-city",
    "BR": "brasilia rio-de-janeiro sao-paulo",
    "AR": "buenos-aires",
    "HN": "tegucigalpa",
    "CU": "havana",
    "VE": "caracas",
    "CN": "beijing shanghai hong-kong",
    "JP": "tokyo osaka",
    "KR": "seoul",
    "IN": "new-delhi delhi mumbai kolkata chennai bangalore unnao",
    "PK": "islamabad karachi",
    "AF": "kabul",
    "IR": "tehran",
    "IQ": "baghdad",
    "SY": "damascus",
    "IL": "jerusalem tel-aviv",
    "LB": "beirut",
    "SA": "riyadh",
    "EG": "cairo",
    "ZA": "johannesburg cape-town pretoria",
    "KE": "nairobi",
    "AU": "sydney melbourne canberra brisbane perth adelaide",
    "NZ": "wellington auckland",
    "SG": "singapore",
    "TH": "bangkok",
    "ID": "jakarta",
    "PH": "manila",
    "VN": "hanoi",
}


AGENCY_COUNTRY = {
    "ap": "US",
    "associated press": "US",
    "afp": "FR",
    "reuters": "GB",
    "dpa": "DE",
    "ntb": "NO",
    "tt": "SE",
    "aap": "AU",
    "pa": "GB",
    "pa sport": "GB",
    "efe": "ES",
    "agencia efe": "ES",
    "ansa": "IT",
    "ritzau": "DK",
    "stt": "FI",
    "kyodo": "JP",
    "xinhua": "CN",
    "anp": "NL",
    "belga": "BE",
    "apa": "AT",
    "sda": "CH",
    "keystone-sda": "CH",
    "tass": "RU",
    "ria novosti": "RU",
    "dha": "TR",
    "anadolu": "TR",
    "bloomberg": "US",
    "upi": "US",
    "getty images": "US",
    "epa": "DE",
    "pap": "PL",
    "ctk": "CZ",
}
"""Where well-known news agencies are based (keys are lower case)."""

LANGUAGE_COUNTRY = {
    "is": "IS",
    "nb": "NO",
    "nn": "NO",
    "no": "NO",
    "sv": "SE",
    "da": "DK",
    "fi": "FI",
    "de": "DE",
    "fr": "FR",
    "es": "ES",
    "it": "IT",
    "pt": "PT",
    "nl": "NL",
    "pl": "PL",
    "cs": "CZ",
    "hu": "HU",
    "el": "GR",
    "tr": "TR",
    "ru": "RU",
    "uk": "UA",
    "ja": "JP",
    "ko": "KR",
    "zh": "CN",
}
"""The main country of a language, used only when a language tag has no region."""


def _key(name: str) -> str:
    """A comparison key: accents folded, lower case, spaces as hyphens."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("ø", "o").replace("Ø", "o").replace("æ", "ae").replace("ð", "d")
    folded = folded.replace("þ", "th").replace("ß", "ss").casefold().strip(" .,;:")
    return re.sub(r"[\s_]+", "-", folded)


def _table(source: dict[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, names in source.items():
        for name in names.split():
            table.setdefault(name, code)
    return table


_COUNTRY_NAMES = _table(_COUNTRIES)
_CITY_NAMES = _table(_CITIES)


def country_code(value: str | None) -> str | None:
    """An ISO alpha-2 code from an alpha-2 or alpha-3 code or a qcode such as
    ``iso3166-1a2:DE``; None when it is not one."""
    if not value:
        return None
    code = value.strip().rsplit(":", 1)[-1].upper()
    if code in ISO_CODES:
        return code
    return ALPHA3.get(code)


def country_named(name: str) -> str | None:
    """The code of a country written by name (English and a few local names)."""
    return _COUNTRY_NAMES.get(_key(name))


def country_for(name: str) -> str | None:
    """The country of a place name: a well-known city, a country, or ``City, ST`` with a
    US state or ``City, Country``. None when the table does not know it."""
    key = _key(name)
    if key in _CITY_NAMES:
        return _CITY_NAMES[key]
    if key in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[key]
    if "," in name:
        head, _, tail = name.rpartition(",")
        tail = tail.strip()
        if tail.upper().replace(".", "") in US_STATES and len(tail.replace(".", "")) == 2:
            return "US"
        return country_named(tail) or country_for(head)
    return None


def agency_country(name: str | None) -> str | None:
    """The home country of a well-known agency, by name or acronym."""
    if not name:
        return None
    return AGENCY_COUNTRY.get(name.strip().casefold())


def language_country(tag: str | None) -> str | None:
    """The country a language tag names (``nb-NO`` -> NO) or implies (``de`` -> DE)."""
    if not tag or tag == "und":
        return None
    parts = tag.replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 2 and part.upper() in ISO_CODES:
            return part.upper()
    return LANGUAGE_COUNTRY.get(parts[0].lower())
