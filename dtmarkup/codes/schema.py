"""DT1xx: the schema layer (XSD 1.0). libxml2's messages are mapped onto these codes."""

from __future__ import annotations

from dtmarkup.codes import CodeInfo
from dtmarkup.diagnostics import Severity

E = Severity.ERROR
L = "xsd"

TABLE: tuple[CodeInfo, ...] = (
    CodeInfo(
        "DT100",
        E,
        "Not a dtmarkup document",
        "The root element must be <article> in the namespace urn:dtmarkup:1; any other "
        "root or namespace is a different vocabulary.",
        "<article>...</article>",
        '<article xmlns="urn:dtmarkup:1" id="a1" xml:lang="en">...</article>',
        'Use <article> with xmlns="urn:dtmarkup:1" as the root element.',
        L,
    ),
    CodeInfo(
        "DT101",
        E,
        "Element not allowed here",
        "The element is unknown, or is not allowed at this place or in this order.",
        "<body><para>...</para></body>",
        "<body><p>...</p></body>",
        "Use one of the elements the message lists as expected, in the schema's order.",
        L,
    ),
    CodeInfo(
        "DT102",
        E,
        "Required element missing",
        "An element the vocabulary requires is absent (a headline, a dateline, a "
        "figure's credit...).",
        "<figure><image src='a.jpg'/></figure>",
        "<figure><image src='a.jpg'/><credit source='ap'>AP</credit></figure>",
        "Add the missing element named in the message, at the place shown.",
        L,
    ),
    CodeInfo(
        "DT103",
        E,
        "Required attribute missing",
        "An attribute the vocabulary requires is absent, e.g. a quote's @speaker or a "
        "statement's @by.",
        "<q>We will respond</q>",
        "<q speaker='blinken'>We will respond</q>",
        "Add the attribute named in the message.",
        L,
    ),
    CodeInfo(
        "DT104",
        E,
        "Attribute not allowed",
        "The attribute is not part of the vocabulary for this element.",
        "<p class='lead'>...</p>",
        "<p>...</p>",
        "Remove the attribute, or use the one the vocabulary defines for the purpose.",
        L,
    ),
    CodeInfo(
        "DT105",
        E,
        "Invalid value",
        "A value does not match its datatype: a date, a time without a time zone, an "
        "unknown country code, a malformed language tag, an empty name, an unknown kind.",
        "<place id='reykjavik' country='ISL'>",
        "<place id='reykjavik' country='IS'>",
        "Write the value in the form the message names (e.g. 2021-05-19, "
        "2021-05-19T18:00:00Z, an ISO 3166-1 alpha-2 code, a BCP 47 tag).",
        L,
    ),
    CodeInfo(
        "DT106",
        E,
        "Text not allowed here",
        "This element holds only other elements; loose text in it is lost by every consumer.",
        "<body>Blinken met Lavrov.</body>",
        "<body><p>Blinken met Lavrov.</p></body>",
        "Wrap the text in the element it belongs in (usually <p>), or remove it.",
        L,
    ),
    CodeInfo(
        "DT107",
        E,
        "Duplicate entity id",
        "Every entity in the registry needs its own id, or references become ambiguous.",
        "<person id='blinken'>...</person><person id='blinken'>...</person>",
        "<person id='blinken'>...</person><person id='lavrov'>...</person>",
        "Give each entity a different id and update the references.",
        L,
    ),
    CodeInfo(
        "DT108",
        E,
        "Reference to an unknown entity",
        "A reference attribute (speaker, by, ref, source, photographer) names an id "
        "that is not in head/entities.",
        "<q speaker='blinkn'>...</q>",
        "<q speaker='blinken'>...</q>",
        "Fix the id, or add the entity to head/entities.",
        L,
    ),
    CodeInfo(
        "DT109",
        E,
        "Reference to the wrong kind of entity",
        "The id exists but names the wrong kind of entity: a speaker must be a person or "
        "an organization, a photographer a person, a dateline place a place, an "
        "affiliation an organization.",
        "<q speaker='reykjavik'>...</q>",
        "<q speaker='blinken'>...</q>",
        "Point the reference at an entity of the kind the message names.",
        L,
    ),
    CodeInfo(
        "DT110",
        E,
        "Schema violation",
        "Another structural problem that the schema reports and no more specific code covers.",
        "(see the message)",
        "(see the message)",
        "Follow the message; the schema (dtmarkup schema --path) is the reference.",
        L,
    ),
)
