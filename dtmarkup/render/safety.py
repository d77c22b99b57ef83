"""What every renderer does to keep its output inert: URL policy, character clean-up,
bidi balancing. Each change is reported once as a DT4xx warning, never made silently."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Schemes a link may use; a URL without a scheme (relative) is always fine."""
SAFE_IMAGE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/=]*\Z", re.I)

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# What browsers drop before they parse a URL: leading/trailing C0 and space, inner tab/LF/CR.
_URL_STRIP = "".join(chr(c) for c in range(0x21))
_URL_INNER = re.compile(r"[\t\n\r]")
# Not allowed in HTML text: C1 controls and noncharacters.
_BAD_CHARS = re.compile(
    "[\u0080-\u009f\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
_EMBED_OPEN = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF U+202C
_ISOLATE_OPEN = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI U+2069


class Notes:
    """The findings of one rendering, each reported once."""

    def __init__(self, url_paths: dict[str, str] | None = None) -> None:
        self._seen: set[tuple[str, str]] = set()
        self.diagnostics: list[Diagnostic] = []
        self.url_paths = url_paths or {}
        """Where each URL first occurs in the article, as an XPath (see common.url_paths)."""

    def add(self, code: str, message: str, xpath: str | None = None) -> None:
        if (code, message) not in self._seen:
            self._seen.add((code, message))
            self.diagnostics.append(diagnostic(code, message, xpath=xpath))


def safe_url(url: str, notes: Notes, *, image: bool = False) -> str | None:
    """``url`` made fit for an href/src, or None (reported as DT401) when it is unsafe."""
    cleaned = _URL_INNER.sub("", url.strip(_URL_STRIP))
    match = _SCHEME.match(cleaned)
    if match is None or match.group(1).lower() in SAFE_SCHEMES:
        # percent-encode what HTML's URL syntax does not allow (spaces, quotes, < >...)
        return quote(cleaned, safe="!#$%&'()*+,-./:;=?@[]_~")
    if image and SAFE_IMAGE_DATA.match(cleaned):
        return cleaned
    shown = cleaned if len(cleaned) <= 60 else cleaned[:57] + "..."
    kind = "image address" if image else "link"
    notes.add(
        "DT401",
        f"{kind} {shown!r} uses an unsafe scheme; it was not written",
        notes.url_paths.get(url),
    )
    return None


def clean_text(text: str, notes: Notes) -> str:
    """Text in NFC, with forbidden characters replaced (DT404) and open bidi controls
    closed (DT402) at its end, so nothing it holds can reach past it."""
    text = unicodedata.normalize("NFC", text)
    if _BAD_CHARS.search(text):
        found = sorted({f"U+{ord(c):04X}" for c in _BAD_CHARS.findall(text)})
        notes.add("DT404", f"replaced {', '.join(found)} with U+FFFD")
        text = _BAD_CHARS.sub("\ufffd", text)
    closers = _bidi_closers(text)
    if closers:
        notes.add("DT402", "closed bidirectional control characters left open in the text")
        text += closers
    return text


def _bidi_closers(text: str) -> str:
    stack: list[str] = []
    for char in text:
        if char in _EMBED_OPEN:
            stack.append("\u202c")
        elif char in _ISOLATE_OPEN:
            stack.append("\u2069")
        elif char == "\u202c" and stack and stack[-1] == "\u202c":
            stack.pop()
        elif char == "\u2069":
            # a PDI closes the last isolate and every embedding opened inside it
            while stack and stack[-1] != "\u2069":
                stack.pop()
            if stack:
                stack.pop()
    return "".join(reversed(stack))


def json_for_script(text: str) -> str:
    """JSON text made safe inside <script>: no ``</script``, ``<!--`` or line separators
    can appear (``<``, ``>``, ``&``, U+2028, U+2029 are written as \\u escapes)."""
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
