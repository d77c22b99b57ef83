"""xml/names.py: the one local-name helper."""

from __future__ import annotations

from lxml import etree

from dtmarkup.xml.names import NS, XML_LANG, local_name


def test_local_name_of_elements_tags_comments_and_pis() -> None:
    root = etree.fromstring(f'<article xmlns="{NS}"><!-- c --><?pi x?><p/></article>'.encode())
    assert local_name(root) == "article"
    assert [local_name(child) for child in root] == ["", "", "p"]
    assert local_name("{urn:x}headline") == "headline"
    assert local_name("plain") == "plain"
    # what etree.QName refuses: the local name is what follows the last "}"
    assert local_name("{a}b}c") == "c"


def test_xml_lang_is_the_xml_namespace() -> None:
    element = etree.fromstring(b'<a xml:lang="de"/>')
    assert element.get(XML_LANG) == "de"


def test_the_namespace_is_the_models() -> None:
    from dtmarkup.model import NAMESPACE

    assert NS == NAMESPACE
