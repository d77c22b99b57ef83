"""What the IPTC writers (NITF, NewsML-G2, ninjs) share: the ``dtm:`` extension namespace,
the class of a statement and NITF's basic date form. Readers import these to read back
what the writers wrote; writers never import the readers' toolkit."""

from __future__ import annotations

import datetime as _dt

from dtmarkup import model as m

DTM = "urn:dtmarkup:extensions"
"""The namespace of the ``dtm:*`` extension attributes that carry into NITF what it has no
place for. Deliberately not the dtmarkup document namespace: a NITF or NewsML-G2 file is
not a dtmarkup document, and format detection must not take it for one."""

STATEMENT_CLASS = "dtmarkup-statement"


def basic_stamp(value: str) -> str:
    """An xs:date or xs:dateTime as NITF's preferred basic form ``YYYYMMDDTHHMMSS+HHMM``."""
    when = m.parse_when(value)
    if isinstance(when, _dt.datetime):
        offset = when.strftime("%z") or "+0000"
        return when.strftime("%Y%m%dT%H%M%S") + offset
    return when.strftime("%Y%m%d") + "T000000+0000"
