"""DT0xx: the input gate. What is refused before any schema runs, and why."""

from __future__ import annotations

from dtmarkup.codes import CodeInfo
from dtmarkup.diagnostics import Severity

E = Severity.ERROR
L = "input"

TABLE: tuple[CodeInfo, ...] = (
    CodeInfo(
        "DT001",
        E,
        "Document is not well-formed XML",
        "A document that is not well-formed XML cannot be read by any XML tool; nothing "
        "else about it can be checked.",
        "<p>Blinken <em>met</p>",
        "<p>Blinken <em>met</em></p>",
        "Fix the XML syntax at the line and column given: close every element, quote "
        "every attribute, escape & and < in text.",
        L,
    ),
    CodeInfo(
        "DT002",
        E,
        "Input cannot be read",
        "The file does not exist, is a directory, or cannot be opened.",
        "dtmarkup validate missing.xml",
        "dtmarkup validate samples/article.xml",
        "Check the path and the file's permissions.",
        L,
    ),
    CodeInfo(
        "DT003",
        E,
        "DOCTYPE declarations are not allowed",
        "A DOCTYPE can declare entities that expand exponentially (billion laughs) or "
        "read local files (XXE). dtmarkup documents never need one.",
        '<!DOCTYPE article SYSTEM "article.dtd">',
        '<article xmlns="urn:dtmarkup:1" ...>',
        "Remove the DOCTYPE declaration; write characters directly (UTF-8) or as "
        "numeric references such as &#8217;.",
        L,
    ),
    CodeInfo(
        "DT004",
        E,
        "Entity reference not allowed",
        "Only the five predefined entities (&amp; &lt; &gt; &quot; &apos;) and numeric "
        "character references are allowed; any other entity needs a DTD.",
        "<p>&nbsp;Reykjavik</p>",
        "<p>&#160;Reykjavik</p>",
        "Replace the entity with the character itself or a numeric reference.",
        L,
    ),
    CodeInfo(
        "DT005",
        E,
        "Document is too large",
        "Inputs are capped in size so that one document cannot exhaust memory.",
        "a 2 GB article",
        "an article under the limit (50 MB by default)",
        "Split the document, or raise the limit with --max-size if it is trusted.",
        L,
    ),
    CodeInfo(
        "DT006",
        E,
        "Encoding not allowed or not decodable",
        "dtmarkup reads UTF-8 and UTF-16 (and the ASCII and Latin-1 families). Odd "
        "encodings such as UTF-7 are a known way to smuggle markup past filters, and "
        "bytes that do not decode are not text.",
        '<?xml version="1.0" encoding="UTF-7"?>',
        '<?xml version="1.0" encoding="UTF-8"?>',
        "Save the document as UTF-8.",
        L,
    ),
)
