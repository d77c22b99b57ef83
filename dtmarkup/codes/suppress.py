"""DT5xx: inline suppressions (``<!-- dtmarkup: ignore DT210 - reason -->``).

A suppression is a promise that a person looked at a finding and decided; one that gives
no reason cannot be reviewed, and one that suppresses nothing hides the next real finding
at that place. Both are findings themselves, and neither can be suppressed.
"""

from __future__ import annotations

from dtmarkup.codes import CodeInfo
from dtmarkup.diagnostics import Severity

W = Severity.WARNING
L = "comment"

TABLE: tuple[CodeInfo, ...] = (
    CodeInfo(
        "DT501",
        W,
        "Suppression without a code or a reason",
        "A suppression comment turns a finding off where it stands. Without a reason a "
        "reviewer cannot tell a considered decision from a shortcut; without a code it "
        "suppresses nothing.",
        "<!-- dtmarkup: ignore DT210 -->",
        "<!-- dtmarkup: ignore DT210 - the minister's title is in the caption -->",
        "Name the code(s) and give the reason after a hyphen: "
        "<!-- dtmarkup: ignore DT210 - reason -->. (XML forbids -- inside a comment.)",
        L,
    ),
    CodeInfo(
        "DT502",
        W,
        "Suppression that suppresses nothing",
        "A suppression whose code is not found on its line or the next one is left over "
        "from an earlier version, and would silently hide a new finding there.",
        "<!-- dtmarkup: ignore DT206 - quoted as sent -->\n<p>No quotation here.</p>",
        "<p>No quotation here.</p>",
        "Remove the comment (dtmarkup fix does), or move it to the line it is about.",
        L,
    ),
)
