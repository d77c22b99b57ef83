"""Country facts shared by the importers (NITF/NewsML/ninjs and plain text).

Each importer keeps its own tables of names as its sources write them; the facts about
countries themselves live here once.
"""

from __future__ import annotations

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
