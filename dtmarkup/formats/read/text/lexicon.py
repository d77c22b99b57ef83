"""Word lists the text rules use: speech verbs, titles, pronouns, organization nouns.

Data only. Everything is lower case; lookups lower-case the word first.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS: frozenset[str] = _words(
    """
    acknowledged acknowledges added adds admits admitted affirme afirmó ajoute announced
    announces argued argues argumentiert argumentierte asked asks añadió befand befindet
    berättar betont betonte called calls claimed claims conceded concedes continued
    countered counters declared declares declaró described describes dijo dit déclare
    emphasised emphasized ergänzt ergänzte erklärt erklärte estime explained explains
    explicó explique forteller fortæller förklarar insisted insists konstaterar
    kritisiert kritisierte meint meinte menar mener noted notes observed observes posted
    predicted predicts recalled recalls remarked remarks replied replies sa sade sagde
    sagen sagt sagte sagten said say says señaló sier siger skriver stated states
    stressed stresses säger tells told tweeted udtaler uppger urged urges uttaler warned
    warns warnt warnte writes wrote
    vowed vows promised promises pledged pledges joked jokes quipped boasted charged
    contended maintained responded responds asserted alleged cautioned lamented complained
    complains reiterated suggested suggests predicted
    saying adding noting telling writing arguing explaining insisting warning
    """
)
"""Verbs that attribute a quotation to its subject (English, German, Nordic, French,
Spanish: the languages of the agency samples)."""

STATEMENT_PHRASES: dict[str, str] = {
    "in a statement": "statement",
    "in a written statement": "statement",
    "in a joint statement": "statement",
    "in a news release": "press-release",
    "in a press release": "press-release",
    "in a readout": "readout",
    "in a communique": "communique",
    "in a communiqué": "communique",
    "in einer erklärung": "statement",
    "in einer mitteilung": "press-release",
    "i ett pressmeddelande": "press-release",
    "i en pressemelding": "press-release",
}
"""Phrases that make a quotation an excerpt of an official statement, with its kind."""

PRONOUNS: frozenset[str] = _words(
    """
    ella elle er han he hon hun il she él
    """
)
"""Singular personal pronouns that refer back to the last person named."""

TITLE_HEADS: frozenset[str] = _words(
    """
    activist adm. admiral adviser advisor agent aide ambassador analyst attorney bishop
    bundeskanzler bundeskanzlerin campaigner captain cardinal ceo chair chairman
    chairwoman chancellor chief coach col. colonel commissioner correspondent councillor
    councilor deputy diplomat director doctor dr. economist editor engineer envoy
    executive experte expertin founder gen. general gov. governor head imam inspector
    judge kanzler kanzlerin king kommunikationschef lawyer leader lt. manager mayor
    minister ministerin negotiator officer official owner partner pope premier president
    pressesjef prince princess prof. professor prosecutor präsident präsidentin queen
    rabbi referee rep. representative researcher schiedsrichter schiri scientist
    secretary sen. senator sergeant sheriff spokesman spokesperson spokeswoman sprecher
    sprecherin statsminister superintendent surgeon talsperson teacher trainer trainerin
    utrikesminister
    """
)
"""Words that end a title ("Foreign Minister", "Council leader", "Top-Referee")."""

TITLE_SUFFIXES: tuple[str, ...] = (
    "minister",
    "ministerin",
    "chef",
    "chefin",
    "experte",
    "expertin",
    "sprecher",
    "sprecherin",
    "präsident",
    "referee",
    "boss",
    "trainer",
    "leiter",
    "leiterin",
)
"""Endings of compound titles: Außenminister, Schiri-Boss, Sky-Experte, Top-Referee."""

TITLE_MODIFIERS: frozenset[str] = _words(
    """
    acting agriculture assistant associate chief city club communications council county
    culture defence defense deputy economic economy education energy environment
    executive federal finance first fisheries foreign former general health interim
    interior justice labor labour managing national of opposition party press prime
    regional royal security senior sports state the trade transport vice
    """
)
"""Lower-case words allowed inside a title before its head ("opposition leader",
"managing director", "Secretary of State")."""

TITLE_BACKREFS: frozenset[str] = _words(
    """
    ambassador analyst captain chairman chairwoman chancellor chief coach commissioner
    councillor director executive general governor judge leader mayor minister official
    premier president referee secretary senator spokesman spokesperson spokeswoman
    """
)
"""Nouns that, after "the", refer back to the last person with that title
("the minister said")."""

ORG_HEADS: dict[str, str] = {
    "ministry": "ministry",
    "department": "ministry",
    "ministerium": "ministry",
    "departement": "ministry",
    "agency": "agency",
    "administration": "agency",
    "authority": "agency",
    "service": "agency",
    "commission": "agency",
    "office": "agency",
    "police": "agency",
    "bureau": "agency",
    "government": "government",
    "council": "other",
    "parliament": "government",
    "assembly": "government",
    "senate": "government",
    "congress": "government",
    "court": "government",
    "army": "government",
    "navy": "government",
    "party": "other",
    "campaign": "other",
    "union": "other",
    "association": "ngo",
    "foundation": "ngo",
    "fund": "ngo",
    "institute": "other",
    "university": "other",
    "school": "other",
    "committee": "other",
    "organization": "other",
    "organisation": "other",
    "federation": "other",
    "bank": "company",
    "company": "company",
    "corporation": "company",
    "corp.": "company",
    "inc.": "company",
    "ltd": "company",
    "group": "company",
    "times": "media",
    "post": "media",
    "news": "media",
    "press": "media",
    "herald": "media",
    "journal": "media",
    "tribune": "media",
    "gazette": "media",
    "chronicle": "media",
    "radio": "media",
    "television": "media",
}
"""Last words of organization names, with the kind they suggest (``other`` when the word
alone cannot tell: a council may be a city's or an intergovernmental body)."""

DEMONYMS: dict[str, str] = {
    "american": "US",
    "u.s.": "US",
    "us": "US",
    "russian": "RU",
    "british": "GB",
    "u.k.": "GB",
    "french": "FR",
    "german": "DE",
    "chinese": "CN",
    "japanese": "JP",
    "indian": "IN",
    "italian": "IT",
    "spanish": "ES",
    "portuguese": "PT",
    "ukrainian": "UA",
    "turkish": "TR",
    "iranian": "IR",
    "israeli": "IL",
    "palestinian": "PS",
    "egyptian": "EG",
    "swedish": "SE",
    "norwegian": "NO",
    "danish": "DK",
    "finnish": "FI",
    "icelandic": "IS",
    "polish": "PL",
    "dutch": "NL",
    "belgian": "BE",
    "swiss": "CH",
    "austrian": "AT",
    "greek": "GR",
    "canadian": "CA",
    "mexican": "MX",
    "brazilian": "BR",
    "australian": "AU",
    "korean": "KR",
    "south korean": "KR",
    "north korean": "KP",
    "saudi": "SA",
    "syrian": "SY",
    "iraqi": "IQ",
    "afghan": "AF",
    "pakistani": "PK",
    "nigerian": "NG",
    "kenyan": "KE",
    "south african": "ZA",
    "honduran": "HN",
}
"""Nationality adjectives that may open a title ("Russian Foreign Minister")."""

STOP_CAPITALS: frozenset[str] = _words(
    """
    a after all also am an and apr april as at att auch auf aug august av before bei but
    by dabei daher damit das de dec december dem den der des det die dies diese dieser
    during ein eine en er et ett even feb february for friday from för für har he her
    here his how however hvis i if ikke im in ingen inte it its jan january jul july jun
    june just many mar march may meanwhile med men mit monday more most mr mr. mrs mrs.
    ms ms. my nach no not nov november och oct october of og om on one only or our på
    saturday sep sept september she so som some still strittig sunday than that the
    their then there these they this those three thursday til till to today tomorrow
    tonight tuesday two und unter von vor we wednesday what when where while who why
    with yes yesterday yet you your zu zudem är über
    """
)
"""Capitalised words that do not start a name: sentence openers, weekdays, months."""
