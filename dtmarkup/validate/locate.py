"""Where an element is: a readable XPath and a line/column in the source bytes.

libxml2 gives each element its line but not its column, and names elements in its
error paths as /*/*[2]/*[1]. Editors want /article/body/p[1] and a column they can jump
to, so both are worked out here, only for elements that have a finding.
"""

from __future__ import annotations

import re

from lxml import etree

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def local_name(element: etree._Element) -> str:
    """The element's name without namespace; "" for comments and processing instructions."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def readable_xpath(element: etree._Element) -> str:
    """A path like /article/body/blockquote[2]; an index only where a name repeats."""
    steps: list[str] = []
    node: etree._Element | None = element
    while node is not None:
        name = local_name(node)
        parent = node.getparent()
        if parent is None:
            steps.append(name)
        else:
            same = [sibling for sibling in parent if sibling.tag == node.tag]
            steps.append(f"{name}[{same.index(node) + 1}]" if len(same) > 1 else name)
        node = parent
    return "/" + "/".join(reversed(steps))


class SourceLocator:
    """Finds the column of an element's start tag in the original document text."""

    def __init__(self, data: bytes | None, encoding: str | None) -> None:
        self._data = data
        self._encoding = encoding or "utf-8"
        self._lines: list[str] | None = None

    def _text_lines(self) -> list[str]:
        if self._lines is None:
            if self._data is None:
                self._lines = []
            else:
                try:
                    text = self._data.decode(self._encoding, errors="replace")
                except LookupError:
                    text = self._data.decode("utf-8", errors="replace")
                # XML line breaks only: str.splitlines() also breaks on U+2028, \f...
                self._lines = _LINE_BREAK.split(text)
        return self._lines

    def position(self, element: etree._Element) -> tuple[int | None, int | None]:
        """(line, column) of ``element``'s ``<``, both 1-based.

        libxml2 records the line where a start tag *ends*; for a tag spread over several
        lines (long attribute lists) the ``<`` is on an earlier line, found here.
        """
        line = element.sourceline
        lines = self._text_lines()
        if line is None or not 0 < line <= len(lines):
            return line, None
        name = local_name(element)
        # The n-th start tag of this name on this line, n counted in document order.
        nth = 0
        for other in element.getroottree().getroot().iter(str(element.tag)):
            if other is element:
                break
            if other.sourceline == line:
                nth += 1
        start = -1
        for _ in range(nth + 1):
            start = _find_start_tag(lines[line - 1], name, start + 1)
            if start < 0:
                break
        if start >= 0:
            return line, start + 1
        for earlier in range(line - 1, max(0, line - _LOOK_BACK), -1):
            start = _find_last_start_tag(lines[earlier - 1], name)
            if start >= 0:
                return earlier, start + 1
        return line, None

    def column(self, element: etree._Element) -> int | None:
        """1-based column of ``element``'s ``<``, or None when it cannot be found."""
        return self.position(element)[1]


_LOOK_BACK = 200
"""How many lines back a multi-line start tag is looked for."""


def _find_last_start_tag(text: str, name: str) -> int:
    index, found = 0, -1
    while (index := _find_start_tag(text, name, index)) >= 0:
        found = index
        index += 1
    return found


def _find_start_tag(text: str, name: str, offset: int) -> int:
    """Index of the next ``<name`` or ``<prefix:name`` start tag at or after ``offset``."""
    while True:
        index = text.find("<", offset)
        if index < 0:
            return -1
        end = index + 1
        while end < len(text) and text[end] not in " \t\r\n/>":
            end += 1
        qname = text[index + 1 : end]
        if qname == name or qname.endswith(":" + name):
            return index
        offset = index + 1
