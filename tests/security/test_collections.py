"""Hostile collections: `dtmarkup validate` on a <collection> gates every article too.

A collection is cut into articles by a scanner (dtmarkup/sources/collection.py) and each
article goes through the input gate; these payloads check that nothing slips between the two.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .hostile import CANARY, CPU_SECONDS, MAX_RSS_BYTES, Bait, dtmarkup_command, run_limited

ARTICLE = '<article id="a{n}" xml:lang="en"><head/></article>'
OPEN = '<collection xmlns="urn:dtmarkup:1">'


def collection(*articles: str, prolog: str = "") -> bytes:
    return (prolog + OPEN + "".join(articles) + "</collection>").encode()


def _xxe(bait: Bait) -> bytes:
    return collection(
        ARTICLE.format(n=1),
        '<article id="a2" xml:lang="en"><head/>&x;</article>',
        prolog=f'<!DOCTYPE collection [<!ENTITY x SYSTEM "{bait.files[-1]}">]>\n',
    )


PAYLOADS: dict[str, tuple[str, Callable[[Bait], bytes]]] = {
    "doctype-in-prolog": ("DT003", _xxe),
    "entity-in-article": (
        "DT004",
        lambda b: collection('<article id="a" xml:lang="en">&x;</article>'),
    ),
    "pi-in-article": (
        "DT012",
        lambda b: collection('<article id="a" xml:lang="en"><?x y?></article>'),
    ),
    "xinclude-in-article": (
        "DT013",
        lambda b: collection(
            '<article id="a" xml:lang="en"><xi:include xmlns:xi="http://www.w3.org/2001/XInclude"'
            f' href="{b.files[-1]}" parse="text"/></article>'
        ),
    ),
    "deep-article": (
        "DT009",
        lambda b: collection('<article id="a" xml:lang="en">' + "<p>" * 20_000 + "</article>"),
    ),
    "huge-text-article": (
        "DT010",
        lambda b: collection('<article id="a" xml:lang="en">' + "x" * 11_000_000 + "</article>"),
    ),
    "utf7-collection": (
        "DT006",
        lambda b: b'<?xml version="1.0" encoding="UTF-7"?>' + collection(ARTICLE.format(n=1)),
    ),
    "gzip-collection": ("DT007", lambda b: gzip.compress(collection(ARTICLE.format(n=1)))),
    "nul-in-article": (
        "DT008",
        lambda b: collection('<article id="a" xml:lang="en">\x00</article>'),
    ),
}


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_hostile_collection(name: str, bait_with_fifo: Bait, tmp_path: Path) -> None:
    code, build = PAYLOADS[name]
    work = tmp_path / "work"
    work.mkdir()
    source = work / "feed.xml"
    data = build(bait_with_fifo)
    source.write_bytes(data)

    run = run_limited([*dtmarkup_command(), "validate", "--format", "json", "feed.xml"], work)

    assert not run.timed_out
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert CANARY not in run.stdout + run.stderr
    assert run.cpu_seconds < CPU_SECONDS
    assert run.max_rss_bytes < MAX_RSS_BYTES
    codes = {d["code"] for f in json.loads(run.stdout)["files"] for d in f["diagnostics"]}
    assert codes == {code}
    assert source.read_bytes() == data
