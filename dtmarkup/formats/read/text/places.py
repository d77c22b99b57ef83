"""A small offline gazetteer: country names (from pycountry, plus the short forms wire copy
uses) and the cities that most often open a dateline, each with its ISO 3166-1 code.

A place the gazetteer does not know is never invented: the caller reports it (DT375).
"""

from __future__ import annotations

import functools

import pycountry

from dtmarkup.formats.read.gazetteer import US_STATE_CODES

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
        "US": "Washington|New York|Los Angeles|Chicago|San Francisco|Boston|Miami|Houston|"
        "Dallas|Atlanta|Seattle|Denver|Philadelphia|Detroit|Sacramento|San Diego|Norfolk|"
        "Newport News|Las Vegas|Phoenix|New Orleans",
        "GB": "London|Edinburgh|Glasgow|Manchester|Birmingham|Liverpool|Belfast|Cardiff|Leeds|"
        "Sheffield|Bristol",
        "FR": "Paris|Lyon|Marseille|Strasbourg|Toulouse|Nice|Bordeaux",
        "DE": "Berlin|Munich|München|Frankfurt|Hamburg|Cologne|Köln|Dortmund|Bonn|Stuttgart|"
        "Düsseldorf|Leipzig|Dresden|Gelsenkirchen",
        "BE": "Brussels|Antwerp",
        "NL": "Amsterdam|The Hague|Rotterdam",
        "CH": "Geneva|Zurich|Bern|Basel|Davos|Lausanne",
        "AT": "Vienna",
        "IT": "Rome|Milan|Naples|Turin|Florence|Venice|Grosseto|Genoa",
        "ES": "Madrid|Barcelona|Seville|Valencia|Algeciras",
        "PT": "Lisbon|Porto",
        "IE": "Dublin",
        "SE": "Stockholm|Gothenburg|Malmö|Uppsala",
        "NO": "Oslo|Bergen|Trondheim|Tromsø|Tromso|Stavanger|Skien",
        "DK": "Copenhagen",
        "FI": "Helsinki",
        "EE": "Tallinn",
        "LV": "Riga",
        "LT": "Vilnius",
        "PL": "Warsaw|Krakow",
        "CZ": "Prague",
        "HU": "Budapest",
        "GR": "Athens",
        "TR": "Ankara|Istanbul|Edirne",
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
"""Dateline cities and their countries."""

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


def country_code(name: str) -> str | None:
    """The ISO code of a country name as written ("Iceland", "Russia"), or None."""
    return _countries().get(name.strip().casefold())


def city_code(name: str) -> str | None:
    """The ISO country code of a known dateline city ("Reykjavik", "NEW YORK"), or None."""
    wanted = name.strip().casefold()
    for city, code in CITIES.items():
        if city.casefold() == wanted:
            return code
    return None


def is_country(name: str) -> bool:
    return country_code(name) is not None


def place_names() -> set[str]:
    """Every city and country name the gazetteer knows, as usually written."""
    found = set(CITIES) | set(COUNTRY_ALIASES)
    for country in pycountry.countries:
        found.add(country.name)
        common = getattr(country, "common_name", None)
        if isinstance(common, str):
            found.add(common)
    return found
