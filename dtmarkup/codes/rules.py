"""DT2xx: the editorial rules layer (schema/dtmarkup-1-rules.sch).

Each row here is one assert or report of the Schematron file, with the same code and
severity (a test keeps the two in step). Rules run only on schema-valid documents.
"""

from __future__ import annotations

from dtmarkup.codes import CodeInfo
from dtmarkup.diagnostics import Severity

E = Severity.ERROR
W = Severity.WARNING
L = "rules"

TABLE: tuple[CodeInfo, ...] = (
    CodeInfo(
        "DT201",
        E,
        "Figure credit is free text only",
        "A credit line that points to nobody cannot be checked, paid or converted into "
        "IPTC credit and creator fields; the agency or photographer must be an entity.",
        "<credit>State Department photo by Ron Przysucha</credit>",
        '<credit source="state-dept" photographer="przysucha">State Department photo '
        "by Ron Przysucha</credit>",
        "Add @source (the agent the image comes from) and/or @photographer (a person in "
        "head/entities) to the credit.",
        L,
    ),
    CodeInfo(
        "DT202",
        E,
        "Dateline date later than publication",
        "A story cannot be filed after it was published. A dateline date is compared from "
        "its first moment (in its time zone, or the earliest one when it has none) with "
        "head/published.",
        '<date when="2021-05-20">May 20</date> ... <published>2021-05-19T21:30:00Z</published>',
        '<date when="2021-05-19">May 19</date> ... <published>2021-05-19T21:30:00Z</published>',
        "Correct the dateline's @when or the publication time; both are usually off by a "
        "day or a time zone.",
        L,
    ),
    CodeInfo(
        "DT203",
        E,
        "Update earlier than publication",
        "head/updated is when this revision went out: it cannot come before the first "
        "publication. Instants are compared in UTC, so time zones may differ.",
        "<published>2021-05-19T21:30:00Z</published><updated>2021-05-19T21:00:00Z</updated>",
        "<published>2021-05-19T21:30:00Z</published><updated>2021-05-20T08:00:00Z</updated>",
        "Correct updated (or published); check the time zone offsets.",
        L,
    ),
    CodeInfo(
        "DT204",
        W,
        "Speaker or issuer not introduced",
        "A reader must know who speaks before or while reading the words. The speaker of a "
        "q or blockquote, or the issuer of a statement, counts as introduced when named "
        "earlier (a mention, the byline, an earlier quotation of the same agent), mentioned "
        "anywhere in the same paragraph, inside a quotation by the same agent, or, for a "
        "blockquote, named in its attribution line (if the attribution has mentions, one "
        "of them must be the speaker).",
        '<p>The talks were <q speaker="lavrov">useful</q>.</p>',
        '<p>The talks were <q speaker="lavrov">useful</q>, '
        '<mention ref="lavrov">Lavrov</mention> said.</p>',
        "Mention the speaker (mention ref=...) before the quotation or in the same "
        "paragraph, or give the blockquote an attribution.",
        L,
    ),
    CodeInfo(
        "DT205",
        W,
        "Entity never referenced",
        "Every entity in the registry should be used by a mention, byline, dateline, "
        "quotation, statement, credit or affiliation; an unused one is usually a leftover "
        "or a typo in a reference.",
        '<place id="moscow" country="RU"><name>Moscow</name></place> (never referenced)',
        'relations with <mention ref="moscow">Moscow</mention>',
        "Mention the entity in the text, or remove it from head/entities.",
        L,
    ),
    CodeInfo(
        "DT206",
        W,
        "Quotation marks inside quoted text",
        "Renderers put the quotation marks of the reader's language around q, blockquote "
        "and inline statement text; marks written inside come out doubled "
        "(““like this””), a classic wire error.",
        '<q speaker="blinken">“We will respond.”</q>',
        '<q speaker="blinken">We will respond.</q>',
        "Remove the quotation marks at the start and end of the quoted text.",
        L,
    ),
    CodeInfo(
        "DT207",
        W,
        "Headline too long or ends with a full stop",
        "Headlines are cut off in feeds, search results and social cards beyond about 110 "
        "characters, and news headlines by convention carry no final full stop (an "
        "ellipsis, or an abbreviation with inner dots such as U.S., is fine).",
        "<headline>Blinken meets Lavrov in Reykjavik.</headline>",
        "<headline>Blinken meets Lavrov in Reykjavik</headline>",
        "Shorten the headline to 110 characters or less; drop the final full stop.",
        L,
    ),
    CodeInfo(
        "DT208",
        W,
        "Organization quoted as a speaker",
        "Organizations do not speak: their words come from a statement, a press release or "
        "a spokesperson. A q or blockquote attributed to an organization loses that "
        "distinction, which converters map to different fields.",
        '<q speaker="state-dept">deep concerns</q>',
        '<statement by="state-dept" kind="statement">deep concerns</statement>',
        "Use statement (inline or block) with @by and @kind, or attribute the quotation "
        "to the person who spoke.",
        L,
    ),
    CodeInfo(
        "DT209",
        E,
        "Empty paragraph, caption, attribution, headline or name",
        "An empty or white-space-only element (no-break spaces included) renders as a "
        "blank line or an empty label, and is usually left over from editing.",
        "<p>&#160;</p>",
        "<p>Blinken met Lavrov on Wednesday.</p>",
        "Write the missing text, or remove the element.",
        L,
    ),
    CodeInfo(
        "DT210",
        W,
        "Quoted person without title or affiliation",
        "Readers weigh a quotation by who said it. A person who is quoted (q, blockquote "
        "or statement) needs a title or an affiliation in the registry so that renderers "
        "and converters can say who they are.",
        '<person id="lavrov"><name>Sergey Lavrov</name></person>',
        '<person id="lavrov"><name>Sergey Lavrov</name><title>Foreign Minister</title></person>',
        "Add a title and/or an affiliation (ref to an organization) to the person.",
        L,
    ),
    CodeInfo(
        "DT211",
        E,
        "Byline author not a person, or publication not a media organization",
        "A byline author is a person (an agency byline goes in publication), and the "
        "publication is an organization of kind media. Converters map them to the author "
        "and publisher fields of NewsML-G2, ninjs and schema.org.",
        '<author ref="diplomatic-times">DIPLOMATIC TIMES</author>',
        '<author ref="raynaldo">Gary Raynaldo</author>'
        '<publication ref="diplomatic-times">DIPLOMATIC TIMES</publication>',
        'Point author at a person and publication at an organization with kind="media".',
        L,
    ),
    CodeInfo(
        "DT212",
        W,
        "Image without alt text",
        "Readers who cannot see the image get its alt text instead; without it, screen "
        "readers announce a file name. Accessibility laws require it of many publishers.",
        '<image src="blinken-lavrov.jpg"/>',
        '<image src="blinken-lavrov.jpg" alt="Blinken and Lavrov shake hands in Reykjavik"/>',
        "Describe what the image shows in @alt.",
        L,
    ),
    CodeInfo(
        "DT213",
        E,
        "Statement issued after publication",
        "An article cannot quote a statement that was issued after the article was "
        "published: @issued or published is wrong. A date-only @issued counts from its "
        "first moment.",
        '<statement by="state-dept" kind="statement" issued="2021-05-21">...</statement>',
        '<statement by="state-dept" kind="statement" issued="2021-05-19">...</statement>',
        "Correct the statement's @issued (or the publication time).",
        L,
    ),
    CodeInfo(
        "DT214",
        W,
        "Empty quotation, mention, subheading or list item",
        "A q, inline statement, mention, h2, list item, em, strong or a without text "
        "renders as nothing (or as an empty pair of quotation marks) and is usually left "
        "over from editing.",
        '<mention ref="blinken"/>',
        '<mention ref="blinken">Antony J. Blinken</mention>',
        "Write the missing text, or remove the element.",
        L,
    ),
    CodeInfo(
        "DT215",
        W,
        "Article without dateline",
        "Since schema 1.1 the dateline is optional: domestic copy, features and tables "
        "often have none. A desk that requires datelines makes this rule an error with "
        'error = ["DT215"] in its configuration.',
        "<head><headline>…</headline><byline>…</byline><entities>…</entities></head>",
        '<dateline><place ref="lisbon">LISBON</place>'
        '<date when="2021-05-19">May 19, 2021</date></dateline>',
        "Add the place and date the story was filed, or ignore DT215 if your desk does not "
        "use datelines.",
        L,
    ),
)
