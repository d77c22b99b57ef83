"""DT3xx: the convert layer. What a reader refuses, and what a writer cannot carry.

DT301-DT309 belong to the JSON reader (dtmarkup/formats/json.py). Other readers and
writers take the next free block of ten.
"""

from __future__ import annotations

from dtmarkup.codes import CodeInfo
from dtmarkup.diagnostics import Severity

E = Severity.ERROR
L = "convert"

TABLE: tuple[CodeInfo, ...] = (
    CodeInfo(
        "DT301",
        E,
        "JSON input is not readable JSON",
        "The JSON form can only be read when it is UTF-8 JSON text: a syntax error, "
        "NaN/Infinity or another encoding stops the reader.",
        '{"format": "dtmarkup-1", "id": "a1",}',
        '{"format": "dtmarkup-1", "id": "a1"}',
        "Fix the JSON syntax at the line and column given (trailing commas, quotes), and "
        "save the file as UTF-8.",
        L,
    ),
    CodeInfo(
        "DT302",
        E,
        "Duplicate key in a JSON object",
        "JSON parsers disagree on which of two equal keys wins; dtmarkup refuses to guess.",
        '{"id": "a1", "id": "a2"}',
        '{"id": "a1"}',
        "Keep one of the two members.",
        L,
    ),
    CodeInfo(
        "DT303",
        E,
        "JSON does not match the dtmarkup JSON Schema",
        "The JSON form is checked against schema/dtmarkup-1.schema.json (draft 2020-12): "
        "a missing member, an unknown member or a wrong value would lose or invent content.",
        '{"type": "p", "text": "Hello"}',
        '{"type": "p", "content": ["Hello"]}',
        "Fix the member at the JSON pointer given; docs/model.md describes the JSON form.",
        L,
    ),
    CodeInfo(
        "DT304",
        E,
        "Character that XML cannot hold",
        "JSON strings may hold control characters (U+0000-U+001F except tab, newline, "
        "carriage return) and lone surrogates; XML 1.0 cannot, so the article could not be "
        "written as dtmarkup XML.",
        '{"headline": "Talks\\u0007 end"}',
        '{"headline": "Talks end"}',
        "Remove the character at the JSON pointer given.",
        L,
    ),
    CodeInfo(
        "DT305",
        E,
        "Reference in JSON does not resolve",
        "Every ref, speaker, by, source and photographer must name an entity of "
        "head.entities of the right kind (a speaker is a person or an organization, a "
        "dateline place a place); entity ids are unique.",
        '{"type": "q", "speaker": "reykjavik", "content": ["..."]}',
        '{"type": "q", "speaker": "blinken", "content": ["..."]}',
        "Point the reference at an entity of the right kind, or add that entity to head.entities.",
        L,
    ),
    CodeInfo(
        "DT306",
        E,
        "JSON nested too deeply",
        "Arrays and objects nested more than 520 levels deep are refused before any other "
        "check, as the XML input gate refuses more than 256 levels of elements (DT009): "
        "deep nesting is a way to exhaust a reader's stack.",
        '{"type": "em", "content": [{"type": "em", "content": [... 300 levels ...]}]}',
        '{"type": "em", "content": ["candid"]}',
        "Flatten the content: no real article nests emphasis or quotations that deep.",
        L,
    ),
)

# ---------------------------------------------------------------------------------------
# DT320-DT369: NITF, NewsML-G2 and ninjs (dtmarkup/formats/read/nitf.py, newsml.py, ninjs.py and
# their iptc_* helpers; docs/formats.md). DT320-DT329 writers, DT340-DT369 readers, DT330-DT339
# more readers.

W = Severity.WARNING
I = Severity.INFO  # noqa: E741


def _iptc(code: str, severity: Severity, title: str, rationale: str, bad: str, good: str,
          fix: str) -> CodeInfo:  # fmt: skip
    return CodeInfo(code, severity, title, rationale, bad, good, fix, L)


# fmt: off
TABLE += (
    _iptc("DT320", W, "Speaker reference written as a name",
          "NITF (q/bq @quote-source), NewsML-G2 (through its NITF body) and ninjs (HTML "
          "bodies) name a speaker only by a string. dtmarkup keeps the reference in an "
          "extension (dtm:speaker, data-speaker) that other readers ignore.",
          '<q speaker="blinken">…</q>  ->  <q quote-source="Antony J. Blinken">…</q>',
          "Nothing to fix in the article: read the output back with dtmarkup to keep the link.",
          "Accept the reduction, or publish dtmarkup XML/JSON where typed speakers matter."),
    _iptc("DT321", W, "Statement written as a quotation",
          "No IPTC format has an official-statement element: a statement becomes a quotation "
          "with class dtmarkup-statement; its issuer, kind and date survive only in dtm:/data- "
          "extension attributes.",
          '<statement by="state-dept" kind="statement">…</statement>',
          '<q class="dtmarkup-statement" quote-source="U.S. Department of State">…</q>',
          "Accept the reduction; downstream systems see a quotation by the issuer."),
    _iptc("DT322", W, "Entity registry reduced",
          "NITF identified-content and ninjs people/organisations/places hold names, not "
          "dtmarkup's typed registry: ninjs drops titles, affiliations, organization kinds and "
          "place countries; NITF keeps them only in dtm: extension attributes.",
          '<person id="blinken"><name>…</name><title>Secretary of State</title>…',
          '{"people": [{"name": "Antony J. Blinken", "literal": "blinken"}]}',
          "Accept the reduction; importing again re-infers what it can (see DT347)."),
    _iptc("DT323", W, "Typed photo credit written as text",
          "A figure credit's @source and @photographer references become names (NITF "
          "media-producer, ninjs association by/creditline); the references survive only in "
          "extension attributes (NITF) or not at all (ninjs).",
          '<credit source="state-dept" photographer="przysucha">…</credit>',
          '"by": "Ron Przysucha", "descriptions": [{"role": "creditline", "value": "…"}]',
          "Accept the reduction; importing again re-types credits from their text."),
    _iptc("DT324", W, "Dateline date carried by convention",
          "ninjs has no dateline: the place goes to 'located', the date to contentCreated and "
          "the displayed dateline to a description with role 'dateline'.",
          "<dateline><place …>REYKJAVIK</place><date when=\"2021-05-19\">May 19, 2021</date>",
          '"located": "REYKJAVIK", "contentCreated": "2021-05-19T00:00:00Z"',
          "Accept it; dtmarkup reads the convention back."),
    _iptc("DT330", I, "Body taken from the description",
          "A ninjs text item with no body but a text description (short items are sent so) "
          "is imported with the description as its one paragraph.",
          '{"descriptions": [{"role": "text", "value": "Google has bought…"}]} (no bodies)',
          '{"bodies": [{"role": "main", "contentType": "text/plain", "value": "…"}]}',
          "Nothing to do if the description is the story; else send the body."),
    _iptc("DT340", I, "DOCTYPE ignored",
          "DTD-era NITF files declare a DOCTYPE. The importer never loads a DTD or expands "
          "its entities: the declaration is blanked out before parsing.",
          '<!DOCTYPE nitf SYSTEM "nitf-3-2.dtd"><nitf>…',
          "<nitf>…",
          "Nothing to do; remove the DOCTYPE at the source to silence this."),
    _iptc("DT341", E, "DOCTYPE with internal subset refused",
          "An internal DTD subset can declare entities (billion laughs, external files); the "
          "importer refuses it rather than expand or guess.",
          '<!DOCTYPE nitf [<!ENTITY x "…">]><nitf>…',
          "<nitf>…",
          "Remove the internal subset and replace entity references with their text."),
    _iptc("DT342", I, "HTML named entities written as characters",
          "A NITF file that declared a DTD may use entities like &nbsp; that the DTD defined; "
          "with the DTD ignored they are resolved from the HTML entity table.",
          "25&nbsp;000", "25&#160;000",
          "Nothing to do; use numeric character references at the source."),
    _iptc("DT343", W, "Headline missing in the source",
          "dtmarkup requires a headline. It is taken from the title, else the first words of "
          "the first paragraph, else 'Untitled'.",
          "<hedline/> (no hl1)", "<hedline><hl1>Storm hits coast</hl1></hedline>",
          "Check the headline in the output and correct it."),
    _iptc("DT344", W, "Byline names no author",
          "dtmarkup requires at least one author. When the byline is missing or names nobody "
          "(editors' initials like gr/bp), the distributing organization stands in.",
          "<byline>gr/bp</byline>", "<byline>By Maria Lopez</byline>",
          "Put the real author in the byline, or accept the agency as author."),
    _iptc("DT345", W, "Dateline place missing",
          "Not emitted since schema 1.1 (see DT364). It said that a place 'Unknown' stood in "
          "for a dateline place the source did not give.",
          "<body.head> without dateline or evloc",
          "<dateline><location>NEW YORK</location></dateline>",
          "Set the real dateline place in the output."),
    _iptc("DT346", I, "Dateline place taken from elsewhere",
          "With no dateline element, the place comes from NITF evloc, NewsML-G2 located, "
          "ninjs located, or a wire dateline opening the first paragraph ('NEW YORK (AP) —').",
          "<p>NEW YORK (AP) — …</p> (no dateline element)",
          "<dateline><location>NEW YORK</location></dateline>",
          "Check the place; nothing to do if it is right."),
    _iptc("DT347", W, "Country of a place assumed",
          "Not emitted since schema 1.1 (see DT364, DT358): the importers no longer guess a "
          "country from the provider or the language; a place of unknown country is left "
          "out instead.",
          "<dateline>Unnao</dateline> (no country)",
          '<location>Unnao<country iso-cc="IN"/></location>',
          "Check the country in the output's entities; send a country at the source."),
    _iptc("DT348", I, "Dateline date taken from the item's timestamps",
          "The dateline had no date: the day of the publication (or version) timestamp is used.",
          "<dateline><location>Sydney</location></dateline>",
          '<dateline>…<story.date norm="20131020T192751+1100">Oct 20</story.date></dateline>',
          "Nothing to do if the day is right."),
    _iptc("DT349", W, "No date at all: import date used",
          "Not emitted since schema 1.1 (see DT364): with no date in the source, the article "
          "has no dateline rather than the day of the import.",
          "<contentSet> fragment without itemMeta",
          "<versionCreated>2021-05-19T10:00:00Z</versionCreated>",
          "Set the real date in the output."),
    _iptc("DT350", I, "Photo credit typed from its text",
          "Credits arrive as text ('Foto: X / AP / NTB', '(AP Photo/X)', '(Photo by X/Getty "
          "Images)'); the photographer and source entities were inferred from it.",
          "<media-caption>… Foto: Amit Sharma / AP / NTB</media-caption>",
          '<credit source="ap" photographer="amit-sharma">Amit Sharma / AP / NTB</credit>',
          "Check the credit's entities in the output."),
    _iptc("DT351", W, "Picture without credit",
          "dtmarkup requires a credit on every figure; 'Unknown' stands in (never the "
          "provider's name: the distributor of a story need not own its pictures).",
          "<media><media-reference source=\"x.jpg\"/></media>",
          "<media>…<media-producer>Karl Melander/TT</media-producer></media>",
          "Add the real credit."),
    _iptc("DT352", W, "Timestamp without time zone",
          "dtmarkup timestamps are instants; a source time without offset was read as UTC.",
          '<date.issue norm="2021-05-16T09:00:04"/>',
          '<date.issue norm="20210516T090004+0200"/>',
          "Check the time; send offsets at the source."),
    _iptc("DT353", W, "Source content not carried over",
          "Some source elements have no dtmarkup equivalent (tables, editors' notes, audio or "
          "video media, a second abstract); they are left out and counted here.",
          "<table>…</table>", "<p>…</p>",
          "Re-create the content by hand if it is needed."),
    _iptc("DT354", W, "Quotation without speaker kept as text",
          "A dtmarkup quotation needs a speaker; a source quotation that names none keeps its "
          "text without quotation markup.",
          "<q>It is over</q>", '<q quote-source="Jane Doe">It is over</q>',
          "Mark up the quotation with its speaker by hand."),
    _iptc("DT355", W, "Language unknown",
          "dtmarkup requires xml:lang; the source did not say, so 'und' (undetermined) is used.",
          "<nitf> without baselang", '<nitf baselang="en-AU">',
          "Set xml:lang in the output."),
    _iptc("DT356", I, "Article id derived",
          "The source has no identifier; the id is derived from a digest of the input, so the "
          "same input gives the same id.",
          "<docdata/> without doc-id", '<doc-id id-string="AAP.115314987"/>',
          "Nothing to do, or set your own id."),
    _iptc("DT357", E, "Input cannot be imported",
          "The input is not an item of the declared format (wrong root element, JSON that is "
          "not an object, no text content at all).",
          "<rss>…</rss> with --from nitf", "<nitf>…</nitf>",
          "Check --from, or convert the right file."),
    _iptc("DT358", I, "Place names in the text not linked",
          "NITF location elements whose country is unknown are kept as text rather than "
          "registered with a guessed country.",
          "<location>Oceanview</location>", '<mention ref="oceanview">Oceanview</mention>',
          "Link them by hand if needed."),
    _iptc("DT359", I, "Markup flattened to text",
          "dtmarkup does not allow some nestings (a quotation inside a link or emphasis, a "
          "statement inside a quotation, unknown elements); their text is kept.",
          "<em><q quote-source=\"X\">…</q></em>", "<q quote-source=\"X\"><em>…</em></q>",
          "Nothing to do unless the markup matters."),
    _iptc("DT360", I, "Picture item imported as an article",
          "A ninjs or NewsML-G2 picture item becomes an article whose body is one figure.",
          '{"type": "picture", …}', '{"type": "text", …}',
          "Nothing to do."),
    _iptc("DT361", W, "Further items not imported",
          "A NewsML-G2 newsMessage or package holds several items; the first text item is "
          "imported, the others are counted here.",
          "<newsMessage> with 3 newsItems", "<newsItem>…</newsItem>",
          "Split the message and import each item."),
    _iptc("DT362", W, "Timestamp without time of day",
          "A source timestamp gave only a day (NITF '20080219+0100'); dtmarkup timestamps are "
          "instants, so 00:00 in the given zone (else UTC) was assumed.",
          '<date.issue norm="20080219+0100"/>', '<date.issue norm="20080219T093000+0100"/>',
          "Check the time; send a full timestamp at the source."),
    _iptc("DT363", I, "Item metadata not carried over",
          "dtmarkup articles have no place for rights and workflow metadata (copyright, usage "
          "terms, urgency, editorial notes, slugline, genre); the importer names what the "
          "source had so that nothing disappears unnoticed.",
          '<doc.copyright holder="AP" year="2015"/><urgency ed-urg="4"/>',
          "(keep the source item next to the article when these matter)",
          "Keep the source item, or carry these fields in your own system."),
    _iptc("DT364", I, "Imported without a dateline",
          "The source has no dateline place, or one whose country neither the source nor the "
          "gazetteer knows, or no date for it: the article has no dateline (optional since "
          "schema 1.1) rather than a guessed one. The finding quotes the place as written.",
          "<dateline><location>Oceanview</location></dateline>",
          '<dateline><location>Oceanview<country iso-cc="US"/></location></dateline>',
          "Nothing to do if the story has no dateline; otherwise add it in the output."),
    _iptc("DT365", I, "Country looked up in the gazetteer",
          "The source named a place but not its country; the country comes from the "
          "gazetteer (curated dateline cities, pycountry's country names in agency "
          "languages, GeoNames cities of 15,000 inhabitants or more). An ambiguous name "
          "(cities of similar size in several countries) is never resolved.",
          "<dateline><location>MOSKAU</location></dateline>",
          '<location>Moskau<country iso-cc="RU"/></location>',
          "Check the country in the output's entities; send a country at the source."),
    _iptc("DT366", E, "No body text",
          "The source has no story text this importer can read (an empty body, a body in a "
          "form the format does not define): the import is refused rather than written as "
          "an empty article.",
          '{"headline": "Storm hits coast"} (no body)',
          '{"headline": "Storm hits coast", "body_html": "<p>…</p>"}',
          "Check that the input is a story item and that its body is where the format puts it."),
    _iptc("DT367", E, "Imported article fails the checks",
          "Every import is checked like a parsed document (schema, then rules); an article "
          "that would fail them is refused with the failing codes, not handed on.",
          '"contentCreated" after "versionCreated" in a way no repair covers',
          "a source whose facts agree with each other",
          "Correct the source; report the case if the source is right."),
    _iptc("DT368", W, "Dateline date after publication",
          "The source's dateline date (NITF dateline date, ninjs contentCreated) is later than "
          "its publication time, which rule DT202 forbids: the publication day is used.",
          '"contentCreated": "2021-05-20T10:00:00Z", "versionCreated": "2021-05-19T09:00:00Z"',
          '"contentCreated": "2021-05-19T08:00:00Z", "versionCreated": "2021-05-19T09:00:00Z"',
          "Check the dateline date in the output."),
    _iptc("DT369", I, "Byline read from a wire form",
          "A byline in a wire form ('By X, <title>', 'Name/TT', 'Von X, dpa') was split into "
          "the author (a person), their title and the agency (the publication).",
          "<byline>Karl Melander/TT</byline>",
          '<byline><person ref="karl-melander">Karl Melander</person>/TT</byline>',
          "Check the author in the output."),
)
# fmt: on

# ---------------------------------------------------------------------------------------
# DT370-DT399: plain text (dtmarkup/formats/read/text.py, dtmarkup/formats/read/text/;
# docs/text-import.md). What the rules inferred and could not tell.

# fmt: off
TABLE += (
    _iptc("DT370", I, "Headline derived from the text",
          "Plain text often starts with a caption or the first paragraph. The headline is "
          "then the caption's first clause or the first sentence, cut at 110 characters.",
          "Secretary of State Antony J. Blinken meets with ... (Credit: ...)",
          "Blinken meets Lavrov in Reykjavik\nSecretary of State Antony J. Blinken meets ...",
          "Put the headline on the first line of the text, or edit it in the output."),
    _iptc("DT371", I, "Quotation without a speaker left as text",
          "No rule could tell who is quoted (no speech verb next to the quotation, an unnamed "
          "speaker, a quoted title or term). It keeps its quotation marks and is not marked "
          "up: a wrong speaker is worse than none.",
          'Under such "cap-and-trade" systems', '"It works," said Ann Lee.',
          "Mark it up by hand if it is a quotation, or leave it."),
    _iptc("DT372", I, "Speaker read from a back-reference",
          "A pronoun (he, she), a title (the minister) or a quotation that continues an "
          "earlier one was resolved to the last person named before it. Worth a glance.",
          '"We will wait," she said.', '"We will wait," Horvat said.',
          "Check the speaker; name the speaker in the text to make it certain."),
    _iptc("DT373", I, "Weekday resolved against the story date",
          "A weekday (\"met Wednesday\") is the latest such day on or before the story's "
          "date (--date, or the caption's date).",
          "met Wednesday", '<date when="2021-05-19">Wednesday</date>',
          "Check the date, or give --date."),
    _iptc("DT374", I, "Date left unresolved",
          "A weekday or a date without a year needs the story's date, and none was given or "
          "found in a caption.",
          "met Wednesday (no --date)", "dtmarkup convert story.txt --from text --date 2021-05-19",
          "Give --date YYYY-MM-DD."),
    _iptc("DT375", I, "Place not in the gazetteer",
          "A place name the small built-in gazetteer does not know is not registered: its "
          "country would be a guess.",
          "RIVNA, Keldaria (AFP) —", "RIVNA, Keldaria (AFP) —  (with the country known)",
          "Add the place to the registry by hand."),
    _iptc("DT376", E, "No dateline place",
          "Not emitted since schema 1.1, where the dateline is optional (see DT389). "
          "A dtmarkup 1.0 article needs a dateline place with its country. The text has no "
          "dateline (CITY, Country — / CITY (Agency) —) whose country is known, and its "
          "caption names no known place.",
          "Thousands of dockworkers walked out...", "LISBON (Reuters) — Thousands of ...",
          "Start the first paragraph with a dateline such as \"LISBON, Portugal —\"."),
    _iptc("DT377", E, "No date for the dateline",
          "Not emitted since schema 1.1 (see DT389). A dtmarkup 1.0 article needs the "
          "date it was filed. Neither --date nor a full date in the caption gives it.",
          "dtmarkup convert story.txt --from text",
          "dtmarkup convert story.txt --from text --date 2021-05-19",
          "Give --date YYYY-MM-DD."),
    _iptc("DT378", I, "Dateline taken from the caption",
          "The text has no dateline; the place and date of the photo caption (\"in "
          "Reykjavik, Iceland, on May 19, 2021\") are used.",
          "caption: ... in Reykjavik, Iceland, on May 19, 2021.",
          "REYKJAVIK, Iceland — ...",
          "Check the dateline, or write one at the start of the first paragraph."),
    _iptc("DT379", I, "Image location unknown",
          "Plain text carries a caption and a credit but not the picture: the figure's "
          "image/@src is a placeholder (about:blank) and its alt text is the caption.",
          '<image src="about:blank" alt="Secretary ... meets ..."/>',
          '<image src="https://media.example/blinken-lavrov.jpg" alt="..."/>',
          "Set image/@src to the picture's address and write real alt text."),
    _iptc("DT380", I, "Organization kind assumed",
          "An organization found by its last word (Council, Union, Institute...) or by an "
          "unnamed phrase (the port authority) gets the kind that word suggests, or other.",
          '<organization id="arctic-council" kind="other">',
          '<organization id="arctic-council" kind="intergovernmental">',
          "Correct the kind in the registry."),
    _iptc("DT381", I, "Quoted person without title or affiliation",
          "The text names the speaker but says nothing of who they are; the editorial rules "
          "want a title or an affiliation for quoted persons (DT210).",
          '"...," said Marta Ferrer.', '"...," said Marta Ferrer, a patient advocate.',
          "Add a title to the person in the registry."),
    _iptc("DT382", W, "No byline",
          "The text has no byline (By NAME ...): the author is a placeholder person "
          "\"Staff\".",
          "(no By line)", "By Gary Raynaldo DIPLOMATIC TIMES",
          "Add a byline line after the headline, or correct the author."),
    _iptc("DT383", I, "Language detected",
          "xml:lang comes from the commonest function words of the text (en, de, fr, es, "
          "sv, no, da, it), English when unsure.",
          "Für Lucien Favre war es ...", 'xml:lang="de"',
          "Check xml:lang."),
    _iptc("DT384", I, "Article id derived",
          "Plain text has no identifier: the id is made of the date and the headline's "
          "first words.",
          "(no id)", 'id="2021-05-19-blinken-meets-lavrov"',
          "Replace it with the publisher's id."),
    _iptc("DT385", W, "Text not UTF-8",
          "The input is not valid UTF-8 and was decoded as Windows-1252; check accented "
          "letters and quotation marks.",
          "b'caf\\xe9'", "b'caf\\xc3\\xa9'",
          "Save the text as UTF-8."),
    _iptc("DT386", I, "Publication from --publication",
          "The byline names no publication (or another one); --publication gives it.",
          "By Daniel Okafor", "By Daniel Okafor  (--publication \"Diplomatic Times\")",
          "Nothing to do if --publication is right."),
    _iptc("DT387", E, "No text to convert",
          "The input holds no paragraph of running text.",
          "(empty file)", "A headline, a byline and paragraphs.",
          "Give a story."),
    _iptc("DT388", I, "Name not linked",
          "A name that could refer to two entities of the registry (two persons share a "
          "surname) is left as text.",
          "Jerry Brown ... Gordon Brown ... Brown said", "Jerry Brown said",
          "Use the full name in the text, or mark the mention by hand."),
    _iptc("DT389", I, "Written without a dateline",
          "The text has no dateline whose place has a known country (nor a caption that "
          "names one), or no date for it: the article is written without a dateline "
          "(optional since schema 1.1) rather than with an invented one. A dateline the "
          "text opens with stays in the first paragraph.",
          "Thousands of dockworkers walked out...",
          "dtmarkup convert story.txt --from text --dateline 'Lisbon, PT' --date 2021-05-19",
          "Nothing to do if the story has no dateline; otherwise give --dateline and --date."),
    _iptc("DT390", W, "Control characters in the text",
          "Control characters (form feed and vertical tab from old wire systems, ESC, NUL, "
          "C1 controls, U+FFFE) cannot appear in XML and are not text: each becomes a "
          "space, so lines and columns still match the source.",
          "Talks\\x0cbroke down", "Talks broke down",
          "Remove the control characters from the source, or accept the spaces."),
)
# fmt: on
