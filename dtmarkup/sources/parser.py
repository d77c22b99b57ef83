"""The one set of libxml2 parser settings every reader of untrusted XML uses.

It lives at the bottom of the flow so that the collection scanner (which parses the
skeleton around the articles) and the input gate share it without an upward import.
"""

from __future__ import annotations

from lxml import etree


def secure_parser() -> etree.XMLParser:
    """No entities, DTDs, network, huge trees or recovery."""
    # collect_ids must stay True: with False, libxml2 < 2.15 loads external DTDs and
    # parameter entities (see SECURITY.md).
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        recover=False,
        remove_blank_text=False,
        remove_pis=False,
        collect_ids=True,
    )
