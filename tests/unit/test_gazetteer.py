"""The importers' country list is the schema's, so an inferred country always validates."""

from __future__ import annotations

from lxml import etree

from dtmarkup.check.xsd import schema_path
from dtmarkup.formats.read.places import ISO_CODES, US_STATE_CODES


def test_iso_codes_are_exactly_the_schemas_country_codes() -> None:
    xsd = etree.parse(schema_path())
    values = xsd.xpath(
        "//xs:simpleType[@name='CountryCode']//xs:enumeration/@value",
        namespaces={"xs": "http://www.w3.org/2001/XMLSchema"},
    )
    assert {str(v) for v in values} == ISO_CODES
    assert len(ISO_CODES) == 249


def test_us_state_codes_are_the_fifty_states_and_dc() -> None:
    assert len(US_STATE_CODES) == 51
    assert {"DC", "VA", "WY"} <= US_STATE_CODES
