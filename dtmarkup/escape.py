"""Untrusted text made inert for a terminal, a CI log or a line-based report.

File names, article ids and messages that quote a document are untrusted: an ESC starts a
terminal escape sequence (colours, a title, a hyperlink, a cursor move), a CR or LF forges
a report line or a GitHub workflow command, a bidi override reorders what a reviewer sees
(Trojan Source). Every reporter and the CLI pass such strings through ``printable`` at the
output boundary; structured formats (JSON, SARIF) escape by their own rules on top.
"""

from __future__ import annotations

import re

__all__ = ["json_inert", "printable"]

_CONTROLS = "\x00-\x1f\x7f-\x9f"
"""C0 controls (with TAB, LF and CR), DEL and the C1 controls (CSI U+009B among them)."""
_BIDI = "\u202a-\u202e\u2066-\u2069"
"""The bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI)."""
_OTHER = "\u2028\u2029\ud800-\udfff"
"""Line and paragraph separators (line breaks to some viewers), and lone surrogates (a
file name that is not UTF-8, decoded with surrogateescape: its raw bytes could be C1)."""

_UNSAFE = re.compile(f"[{_CONTROLS}{_BIDI}{_OTHER}]")
_UNSAFE_NO_BIDI = re.compile(f"[{_CONTROLS}{_OTHER}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, bidi: bool = True) -> str:
    r"""``text`` with every control, bidi override, line separator and lone surrogate
    shown as a visible escape (``\x1b``, ``\u202e``), so that it stays on its line and
    does only what it says.

    ``bidi=False`` keeps the bidi controls, for article text whose renderer balances them
    (``render.safety.clean_text`` closes any left open at the end of the text).
    """
    pattern = _UNSAFE if bidi else _UNSAFE_NO_BIDI
    return pattern.sub(_visible, text)


_JSON_INERT = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029]")


def json_inert(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with DEL, the C1 controls,
    bidi controls and U+2028/U+2029 written as ``\\uXXXX`` escapes: the same JSON value,
    and inert when the file is printed to a terminal. JSON escapes C0 itself; these
    characters can only occur inside strings, where the escape means the same."""
    return _JSON_INERT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
