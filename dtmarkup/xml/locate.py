"""Where an element is: a readable XPath and a line/column in the source bytes.

libxml2 gives each element its line but not its column, and names elements in its
error paths as /*/*[2]/*[1]. Editors want /article/body/p[1] and a column they can jump
to, so both are worked out here, only for elements that have a finding.
"""

from __future__ import annotations

import re

from lxml import etree

from dtmarkup.sources.encoding import text_encoding
from dtmarkup.xml.names import local_name

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


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
    """Finds where elements start in the original document text, and names them.

    Built for one document; everything it learns is cached, so that a document with
    thousands of findings costs one pass over the tree, not one pass per finding.
    """

    def __init__(self, data: bytes | None, encoding: str | None) -> None:
        self._data = data
        self._encoding = encoding or "utf-8"
        self._lines: list[str] | None = None
        self._nth_on_line: dict[etree._Element, int] | None = None
        self._tag_offsets: dict[tuple[int, str], list[int]] = {}
        self._paths: dict[etree._Element, str] = {}
        self._steps: dict[etree._Element, str] = {}

    def _text_lines(self) -> list[str]:
        if self._lines is None:
            if self._data is None:
                self._lines = []
            else:
                # only a real text encoding: a declared rot13 or zlib must not run here
                encoding = text_encoding(self._encoding) or "utf-8"
                text = self._data.decode(encoding, errors="replace")
                # XML line breaks only: str.splitlines() also breaks on U+2028, \f...
                self._lines = _LINE_BREAK.split(text)
        return self._lines

    def _nth(self, element: etree._Element) -> int:
        """How many start tags of the same name precede ``element`` on its line."""
        if self._nth_on_line is None:
            self._nth_on_line = {}
            seen: dict[tuple[int | None, str], int] = {}
            for node in element.getroottree().getroot().iter(etree.Element):
                key = (node.sourceline, local_name(node))
                self._nth_on_line[node] = seen.get(key, 0)
                seen[key] = seen.get(key, 0) + 1
        return self._nth_on_line.get(element, 0)

    def _offsets(self, line: int, name: str) -> list[int]:
        """Indexes of every ``<name`` start tag on ``line`` (1-based), computed once."""
        key = (line, name)
        if key not in self._tag_offsets:
            text = self._text_lines()[line - 1]
            offsets: list[int] = []
            index = _find_start_tag(text, name, 0)
            while index >= 0:
                offsets.append(index)
                index = _find_start_tag(text, name, index + 1)
            self._tag_offsets[key] = offsets
        return self._tag_offsets[key]

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
        offsets = self._offsets(line, name)
        nth = self._nth(element)
        if nth < len(offsets):
            return line, offsets[nth] + 1
        for earlier in range(line - 1, max(0, line - _LOOK_BACK), -1):
            before = self._offsets(earlier, name)
            if before:
                return earlier, before[-1] + 1
        return line, None

    def column(self, element: etree._Element) -> int | None:
        """1-based column of ``element``'s ``<``, or None when it cannot be found."""
        return self.position(element)[1]

    def xpath(self, element: etree._Element) -> str:
        """``readable_xpath(element)``, with sibling positions counted once per parent."""
        path = self._paths.get(element)
        if path is None:
            parent = element.getparent()
            if parent is None:
                path = "/" + local_name(element)
            else:
                if element not in self._steps:
                    self._index_children(parent)
                path = self.xpath(parent) + "/" + self._steps[element]
            self._paths[element] = path
        return path

    def _index_children(self, parent: etree._Element) -> None:
        """Record each child's step: its name, and its position where the name repeats."""
        children = [child for child in parent if isinstance(child.tag, str)]
        totals: dict[str, int] = {}
        for child in children:
            totals[str(child.tag)] = totals.get(str(child.tag), 0) + 1
        counts: dict[str, int] = {}
        for child in children:
            tag = str(child.tag)
            counts[tag] = counts.get(tag, 0) + 1
            name = local_name(child)
            self._steps[child] = f"{name}[{counts[tag]}]" if totals[tag] > 1 else name


_LOOK_BACK = 200
"""How many lines back a multi-line start tag is looked for."""


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


_NODE_STEP = re.compile(r"/(?P<name>\*|[^/\[]+)(?:\[(?P<index>[1-9][0-9]*)\])?")


class NodePaths:
    """Resolves libxml2's node paths (``/*/*[2]/dt:p[3]/@id``) to elements in O(depth).

    libxml2 names an element by ``prefix:name`` counted among its same-named siblings, or,
    in a default namespace, by ``*`` counted among all element siblings; each parent's
    children are indexed once, so thousands of paths cost one pass over the tree, not
    one per path. An attribute, text or other non-element step ends at its element.
    """

    def __init__(self, root: etree._Element) -> None:
        self._root = root
        self._all: dict[etree._Element, list[etree._Element]] = {}
        self._named: dict[etree._Element, dict[str, list[etree._Element]]] = {}

    def _children(self, parent: etree._Element) -> list[etree._Element]:
        children = self._all.get(parent)
        if children is None:
            children = list(parent.iterchildren(etree.Element))
            self._all[parent] = children
        return children

    def _same_name(self, parent: etree._Element, name: str) -> list[etree._Element]:
        table = self._named.get(parent)
        if table is None:
            table = {}
            for child in self._children(parent):
                table.setdefault(_libxml_name(child), []).append(child)
            self._named[parent] = table
        return table.get(name, [])

    def element(self, path: str) -> etree._Element | None:
        """The element ``path`` names, the element of an attribute path; None if none."""
        node: etree._Element | None = None
        position = 0
        while position < len(path):
            step = _NODE_STEP.match(path, position)
            if step is None:
                return None
            name = step.group("name")
            if name.startswith("@") or name.endswith("()"):
                return node
            position = step.end()
            index = int(step.group("index") or 1) - 1
            if node is None:
                root = self._root
                fits = name == "*" or name == _libxml_name(root)
                node = root if fits and index == 0 else None
            else:
                candidates = self._children(node) if name == "*" else self._same_name(node, name)
                node = candidates[index] if index < len(candidates) else None
            if node is None:
                return None
        return node


def _libxml_name(element: etree._Element) -> str:
    """The name libxml2 gives ``element`` in a node path (``*`` in a default namespace)."""
    if element.prefix:
        return f"{element.prefix}:{local_name(element)}"
    return "*" if etree.QName(element).namespace else local_name(element)
