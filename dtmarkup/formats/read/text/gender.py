"""What a pronoun may refer to: the grammatical gender a text gives a named person.

Evidence, strongest first: an honorific the text uses with the surname (``Mr. Trump``,
``Ms. Clinton``), a gendered title (``spokeswoman``, ``congressman``), then the first name
(a short list of common English given names; a name not on it tells nothing). Nothing is
inferred from anything else: an unknown gender stays unknown, and a pronoun that two
persons of unknown gender could take is reported as ambiguous, not guessed.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """The words of ``text``, as a set."""
    return frozenset(text.split())


FEMALE_TITLES = words(
    """
    ms mrs miss madam spokeswoman chairwoman congresswoman businesswoman councilwoman
    assemblywoman congresswomen actress queen princess duchess lady sister mother wife
    daughter grandmother widow first-lady
    """
)
MALE_TITLES = words(
    """
    mr sir spokesman chairman congressman businessman councilman assemblyman king prince
    duke lord brother father husband son grandfather widower
    """
)
# Common given names whose gender is not in doubt in English-language news.
FEMALE_NAMES = words(
    """
    abigail alexandria alice alison amanda amy ana andrea angela ann anna anne barbara
    betsy beth betty brenda carly carol caroline catherine cathy charlotte cheryl christine
    claire cynthia dana deborah debbie debra denise diana diane donna dorothy elaine
    elizabeth ellen emily emma evelyn frances gina gloria grace hannah heather helen
    hillary huma ivanka jane janet janice jean jeanne jennifer jessica jill joan joanne
    joni josephine joyce judith judy julia julie karen kate katherine kathleen kathy
    kayleigh kellyanne kelly kimberly kirsten laura lauren linda lisa loretta lori louise
    lucy lynn madeleine margaret maria marie marsha martha mary megyn melania melissa
    michelle nancy nicole nikki olivia pam pamela patricia paula peggy rachel rebecca rosa
    ruth sally samantha sandra sara sarah sharon shirley stephanie susan susana suzanne
    tammy teresa tulsi valerie victoria virginia wendy ingrid helena sofia marta eva karin
    astrid sigrid greta ulla birgit heidi silke petra monika claudia sabine ursula annika
    lena nina maja camille chloe isabelle lucia carmen elena francesca giulia chiara
    """
)
MALE_NAMES = words(
    """
    aaron adam alan albert alex alexander andrew anthony antonin arthur barack ben benjamin
    bernie bill billy bob bobby brad brandon brian bruce carl charles chris christopher
    chuck cory craig dan daniel darrell dave david dennis dick don donald doug douglas ed
    edward elijah eric frank fred gary george gerald greg gregory harold harry henry howard
    jack jacob jake james jason jeb jeff jeffrey jeremy jerry jim jimmy joe joel john
    johnny jon jonathan jordan jose joseph josh joshua juan justin keith kevin larry
    lawrence lindsey marco mark martin matt matthew michael mike mitch mitt nathan newt
    nicholas nick patrick paul peter phil philip ralph randy raymond reince richard rick
    rob robert roger ron ronald roy rudy russell ryan sam samuel scott sean sherrod stephen
    steve steven ted terry thomas tim timothy todd tom tony tyler vincent walter wayne
    william willie henrik lars jonas erik anders olaf ole nils sven magnus hans jurgen
    klaus stefan markus lucien pierre luc antoine francois carlos javier miguel luis pablo
    diego giuseppe luca matteo sergey vladimir dmitry igor antony teodoro rudi
    """
)
UNISEX_NAMES = words(
    """
    pat jordan taylor casey morgan jamie robin leslie kim
    """
)
"""Given names that mark a person but not a gender."""
PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "er": "m", "han": "m", "il": "m", "él": "m",
    "she": "f", "her": "f", "hers": "f", "hon": "f", "hun": "f", "elle": "f", "ella": "f",
}  # fmt: skip


def is_given_name(word: str) -> bool:
    """A common given name (of either gender, or both)."""
    low = word.lower()
    return low in FEMALE_NAMES or low in MALE_NAMES or low in UNISEX_NAMES


def from_words(words: str) -> str | None:
    """``m``/``f`` when a title or honorific in ``words`` says so, else None."""
    seen = {w.lower().rstrip(".") for w in re.findall(r"[\w.-]+", words)}
    female, male = bool(seen & FEMALE_TITLES), bool(seen & MALE_TITLES)
    if female != male:
        return "f" if female else "m"
    return None


def of_person(name: str, title: str | None, text: str) -> str | None:
    """The gender ``text`` gives the person called ``name`` (with ``title``), or None."""
    words = name.split()
    if not words:
        return None
    surname = re.escape(words[-1])
    honorifics = {
        m.group(1).lower().rstrip(".")
        for m in re.finditer(rf"\b(Mr|Mrs|Ms|Miss)\.?\s+{surname}\b", text)
    }
    if honorifics and honorifics <= {"mr"}:
        return "m"
    if honorifics and not honorifics & {"mr"}:
        return "f"
    if title:
        found = from_words(title)
        if found:
            return found
    first = words[0].lower().rstrip(".")
    if first in FEMALE_NAMES:
        return "f"
    if first in MALE_NAMES:
        return "m"
    return None
