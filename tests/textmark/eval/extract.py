"""Print the body paragraphs of an agency sample (NITF, NewsML-G2 inline NITF, ninjs), one
per line, numbered: the tool used to cut the short passages of the dev evaluation set.

    python tests/textmark/eval/extract.py ../shared/external/samples/nitf/ap-nitf.xml

The passages kept under dev/ are short quote-bearing excerpts with their source named in
the label file; the samples themselves are not copied into the repository.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

from lxml import etree

_BLOCK = re.compile(r"<(?:p|blockquote|CITAT|P)\b[^>]*>(.*?)</(?:p|blockquote|CITAT|P)>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _from_html(markup: str) -> list[str]:
    return [html.unescape(_TAG.sub("", m)).strip() for m in _BLOCK.findall(markup)]


def paragraphs(path: Path) -> list[str]:
    """The body paragraphs of one sample file, whitespace collapsed."""
    data = path.read_bytes()
    out: list[str] = []
    if path.suffix == ".json":
        doc = json.loads(data)
        bodies = doc.get("bodies") or []
        for body in bodies:
            if body.get("contentType") == "text/html":
                out = _from_html(body["value"])
                break
        if not out and isinstance(doc.get("body_html"), str):
            out = _from_html(doc["body_html"])
        for desc in doc.get("descriptions", []):
            if not out and desc.get("role") == "caption":
                out = [desc["value"]]
    else:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(data, parser)
        for el in root.iter():
            if isinstance(el.tag, str) and etree.QName(el).localname in ("p", "media-caption"):
                out.append("".join(el.itertext()))
    return [" ".join(p.split()) for p in out if p.strip()]


if __name__ == "__main__":
    for number, text in enumerate(paragraphs(Path(sys.argv[1]))):
        print(f"{number:3d} {text}")
