"""The plain-text importer's gazetteer: the one in dtmarkup/formats/read/places.py.

Kept as a thin alias so that ``from dtmarkup.formats.read.text import places`` and every
function the text importer calls keep working.
"""

from __future__ import annotations

from dtmarkup.formats.read.places import (
    CITIES,
    COUNTRY_ALIASES,
    US_STATE_CODES,
    US_STATES,
    city_code,
    country_code,
    is_country,
    place_names,
)

__all__ = [
    "CITIES",
    "COUNTRY_ALIASES",
    "US_STATES",
    "US_STATE_CODES",
    "city_code",
    "country_code",
    "is_country",
    "place_names",
]
