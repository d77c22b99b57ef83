"""Hypothesis strategies for schema-valid dtmarkup articles (every reference resolves)."""

from __future__ import annotations

from hypothesis import strategies as st

from dtmarkup import model as m

# XML 1.0 characters; no surrogates, no C0/C1 controls except tab and newline.
_chars = st.characters(
    blacklist_categories=("Cs", "Cc"),
    blacklist_characters="\ufffe\uffff",
) | st.sampled_from("\t\n \u00a0\u2028\u202e<>&\"'")

raw_text = st.text(_chars, max_size=12)
"""Any XML text, possibly empty (xs:string)."""
token_text = st.builds(
    lambda pre, core, post: pre + core + post,
    raw_text,
    st.text(st.characters(categories=("L", "N", "P")), min_size=1, max_size=8),
    raw_text,
)
"""Text that is not only white space (the XSD Text type)."""
entity_ids = st.from_regex(r"[a-z][a-z0-9\-]{0,10}", fullmatch=True)
dates = st.sampled_from(
    ["2021-05-19", "2021-05-19T21:30:00Z", "1999-12-31T23:59:59.5+02:00", "2024-02-29-05:00"]
)
timestamps = st.sampled_from(
    ["2021-05-19T21:30:00Z", "2021-05-20T08:00:00+02:00", "2000-01-01T00:00:00.125-11:30"]
)
uris = st.sampled_from(
    [
        "https://example.org/a?b=1&c=2",
        "img/photo.jpg",
        "mailto:desk@example.org",
        "#top",
        "javascript:alert(1)",
    ]
)


@st.composite
def articles(draw: st.DrawFn) -> m.Article:
    ids = draw(st.lists(entity_ids, min_size=3, max_size=8, unique=True))
    person_ids = ids[: max(1, len(ids) // 3)]
    org_ids = ids[len(person_ids) : len(person_ids) + max(1, len(ids) // 3)]
    place_ids = ids[len(person_ids) + len(org_ids) :]
    agent_ids = person_ids + org_ids
    agents = st.sampled_from(agent_ids)
    persons = st.sampled_from(person_ids)
    orgs = st.sampled_from(org_ids)
    places = st.sampled_from(place_ids)
    every = st.sampled_from(ids)

    entities: list[m.Entity] = []
    for pid in person_ids:
        affiliation = draw(st.none() | st.builds(m.Affiliation, orgs, raw_text))
        entities.append(m.Person(pid, draw(token_text), draw(st.none() | token_text), affiliation))
    entities += [
        m.Organization(oid, draw(st.sampled_from(m.ORGANIZATION_KINDS)), draw(token_text))
        for oid in org_ids
    ]
    entities += [
        m.Place(pid, draw(st.sampled_from(["IS", "US", "RU", "FR"])), draw(token_text))
        for pid in place_ids
    ]
    entities = draw(st.permutations(entities))

    def mixed(nodes: st.SearchStrategy[object]) -> st.SearchStrategy[tuple[object, ...]]:
        return st.lists(raw_text | nodes, max_size=4).map(lambda xs: m.normalize(tuple(xs)))

    phrasing = st.deferred(
        lambda: (
            st.builds(m.Mention, every, raw_text)
            | st.builds(m.DateRef, dates, raw_text)
            | st.builds(m.Emphasis, mixed(phrasing))
            | st.builds(m.Strong, mixed(phrasing))
            | st.builds(m.Link, uris, mixed(phrasing))
        )
    )
    quoting = st.deferred(lambda: phrasing | st.builds(m.Quote, agents, mixed(quoting)))
    inline_node = quoting | st.builds(
        m.InlineStatement,
        agents,
        st.sampled_from(m.STATEMENT_KINDS),
        mixed(quoting),
        st.none() | dates,
    )
    inline = mixed(inline_node)
    paragraphs = st.lists(st.builds(m.Paragraph, inline), min_size=1, max_size=3).map(tuple)
    blocks = st.one_of(
        st.builds(m.Paragraph, inline),
        st.builds(m.Heading, inline),
        st.builds(
            m.Figure,
            st.builds(
                m.Image,
                uris,
                st.none() | raw_text,
                st.none() | st.integers(1, 5000),
                st.none() | st.integers(1, 5000),
            ),
            st.builds(m.Credit, token_text, st.none() | agents, st.none() | persons),
            st.none() | inline,
        ),
        st.builds(m.BlockQuote, agents, paragraphs, st.none() | mixed(phrasing)),
        st.builds(
            m.BlockStatement,
            agents,
            st.sampled_from(m.STATEMENT_KINDS),
            paragraphs,
            st.none() | dates,
        ),
        st.builds(
            m.ListBlock,
            st.lists(inline, min_size=1, max_size=3).map(tuple),
            st.none() | st.sampled_from(m.LIST_KINDS),
        ),
    )
    names = st.builds(m.EntityName, agents, token_text)
    head = m.Head(
        headline=draw(token_text),
        subheadline=draw(st.none() | token_text),
        byline=m.Byline(
            tuple(draw(st.lists(names, min_size=1, max_size=2))), draw(st.none() | names)
        ),
        dateline=m.Dateline(
            m.EntityName(draw(places), draw(token_text)), m.DateRef(draw(dates), draw(raw_text))
        ),
        published=draw(st.none() | timestamps),
        updated=draw(st.none() | timestamps),
        subjects=tuple(
            draw(
                st.lists(
                    st.builds(m.Subject, st.sampled_from(["medtop:11000000", "x:1"]), token_text),
                    max_size=2,
                )
            )
        ),
        keywords=tuple(draw(st.lists(token_text, max_size=2))),
        entities=m.Entities(tuple(entities)),
    )
    return m.Article(
        id=draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:\-]{0,20}", fullmatch=True)),
        lang=draw(st.sampled_from(["en", "nb-NO", "sr-Latn-RS", "ar"])),
        head=head,
        body=tuple(draw(st.lists(blocks, max_size=5))),
        schema_version=draw(st.none() | st.sampled_from(["1.0", "1.12"])),
        revision=draw(st.none() | st.integers(1, 10**6)),
    )
