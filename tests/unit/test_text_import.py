"""Plain text -> dtmarkup (issue 9): the seed against the hand-marked reference, the rules
one by one, the command line, and the evaluation figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from dtmarkup import model as m
from dtmarkup.cli import main
from dtmarkup.errors import InvalidDocumentError
from dtmarkup.formats import detect
from dtmarkup.formats.dtm import load
from dtmarkup.formats.read.text import read
from dtmarkup.formats.read.text.dates import find_dates
from dtmarkup.formats.read.text.segment import Block, find_credit, parse_byline, parse_dateline
from dtmarkup.run.document import validate
from dtmarkup.xml.serialize import serialize
from tools import textmark_eval as evaluate

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seed" / "diplomatic-times-blinken-lavrov.txt"
REFERENCE = REPO / "samples" / "diplomatic-times-blinken-lavrov.xml"
EVAL = REPO / "tests" / "textmark" / "eval"
FIXTURES = REPO / "tests" / "textmark" / "fixtures"

needs_seed = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is absent")


def convert(text: str, **options: object) -> m.Article:
    return read(text.encode("utf-8"), "story.txt", **options).article  # type: ignore[arg-type]


def codes_of(text: str, **options: object) -> set[str]:
    result = read(text.encode("utf-8"), "story.txt", **options)  # type: ignore[arg-type]
    return {d.code for d in result.diagnostics}


def quotes(article: m.Article) -> list[tuple[str, str, str]]:
    """(element, speaker's registry name, content) for every quotation, in order."""
    out: list[tuple[str, str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, tuple):
            for item in node:
                walk(item)
        elif isinstance(node, m.Quote):
            out.append(
                ("q", article.head.entities.name(node.speaker) or "", m.plain_text(node.content))
            )
        elif isinstance(node, m.InlineStatement):
            out.append(
                ("statement", article.head.entities.name(node.by) or "", m.plain_text(node.content))
            )
        elif isinstance(node, m.BlockQuote):
            text = " ".join(m.plain_text(p.content) for p in node.paragraphs)
            out.append(("blockquote", article.head.entities.name(node.speaker) or "", text))
        elif isinstance(node, m.Paragraph):
            walk(node.content)

    walk(article.body)
    return out


# ---------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed() -> tuple[m.Article, bytes, set[str]]:
    if not SEED.exists():
        pytest.skip("../shared/seed is absent")
    result = read(SEED.read_bytes(), str(SEED))
    return result.article, serialize(result.article), {d.code for d in result.diagnostics}


@needs_seed
def test_seed_validates_and_passes_the_editorial_rules(
    seed: tuple[m.Article, bytes, set[str]],
) -> None:
    _, data, _ = seed
    report = validate(data)
    assert report.schema_valid
    assert report.valid
    assert [d.code for d in report.diagnostics] == []


@needs_seed
def test_seed_findings_say_what_was_inferred(seed: tuple[m.Article, bytes, set[str]]) -> None:
    assert seed[2] == {"DT370", "DT373", "DT378", "DT379", "DT380", "DT383", "DT384"}


@needs_seed
def test_seed_agrees_with_the_reference_on_every_speaker(
    seed: tuple[m.Article, bytes, set[str]],
) -> None:
    ours, reference = seed[0], load(REFERENCE)
    assert quotes(ours) == quotes(reference)
    assert [(kind, who) for kind, who, _ in quotes(ours)] == [
        ("blockquote", "Antony J. Blinken"),
        ("statement", "U.S. Department of State"),
        ("blockquote", "Sergey Lavrov"),
    ]


@needs_seed
def test_seed_statement_is_an_inline_statement_of_the_state_department(
    seed: tuple[m.Article, bytes, set[str]],
) -> None:
    ours = seed[0]
    paragraph = ours.body[3]
    assert isinstance(paragraph, m.Paragraph)
    statement = next(i for i in paragraph.content if isinstance(i, m.InlineStatement))
    issuer = ours.head.entities.get(statement.by)
    assert isinstance(issuer, m.Organization)
    assert (issuer.name, issuer.kind, statement.kind) == (
        "U.S. Department of State",
        "ministry",
        "statement",
    )


@needs_seed
def test_seed_blockquote_attribution_line_is_kept(seed: tuple[m.Article, bytes, set[str]]) -> None:
    ours, reference = seed[0], load(REFERENCE)
    ours_bq = [b for b in ours.body if isinstance(b, m.BlockQuote)]
    ref_bq = [b for b in reference.body if isinstance(b, m.BlockQuote)]
    assert (
        [m.plain_text(b.attribution or ()) for b in ours_bq]
        == [m.plain_text(b.attribution or ()) for b in ref_bq]
        == ["U.S. Secretary of State Antony Blinken", ""]
    )


@needs_seed
def test_seed_photo_credit_agrees(seed: tuple[m.Article, bytes, set[str]]) -> None:
    ours, reference = seed[0], load(REFERENCE)

    def credit(article: m.Article) -> tuple[str, str | None, str | None]:
        figure = article.body[0]
        assert isinstance(figure, m.Figure)
        e = article.head.entities
        return figure.credit.text, e.name(figure.credit.source), e.name(figure.credit.photographer)

    assert (
        credit(ours)
        == credit(reference)
        == ("State Department photo by Ron Przysucha", "U.S. Department of State", "Ron Przysucha")
    )


@needs_seed
def test_seed_byline_and_dateline_agree(seed: tuple[m.Article, bytes, set[str]]) -> None:
    ours, reference = seed[0], load(REFERENCE)

    def head(article: m.Article) -> tuple[object, ...]:
        h, e = article.head, article.head.entities
        pub = h.byline.publication
        assert pub is not None
        place = e.get(h.dateline.place.ref)
        assert isinstance(place, m.Place)
        return (
            [(a.text, e.name(a.ref)) for a in h.byline.authors],
            (pub.text, e.name(pub.ref)),
            (h.dateline.place.text, place.name, place.country),
            (h.dateline.date.when, h.dateline.date.text),
        )

    assert head(ours) == head(reference)


@needs_seed
def test_seed_one_entity_per_person_however_written(
    seed: tuple[m.Article, bytes, set[str]],
) -> None:
    ours = seed[0]
    names = [p.name for p in ours.head.entities.persons]
    assert names.count("Antony J. Blinken") == 1
    assert "Blinken" not in names and "Antony Blinken" not in names
    mentions = {
        item.text
        for block in ours.body
        if isinstance(block, m.Paragraph)
        for item in block.content
        if isinstance(item, m.Mention) and item.ref == "blinken"
    }
    assert mentions == {"Antony J. Blinken", "Blinken"}


@needs_seed
def test_conversion_is_deterministic() -> None:
    assert serialize(read(SEED.read_bytes(), "a").article) == serialize(
        read(SEED.read_bytes(), "a").article
    )


# ---------------------------------------------------------------------------- header lines


@pytest.mark.parametrize(
    ("line", "authors", "publication", "title"),
    [
        ("By Gary Raynaldo DIPLOMATIC TIMES", ["Gary Raynaldo"], "DIPLOMATIC TIMES", None),
        (
            "By Mira Castellane, Labour Correspondent",
            ["Mira Castellane"],
            None,
            "Labour Correspondent",
        ),
        ("By Samuel Brandt and Ines Morell", ["Samuel Brandt", "Ines Morell"], None, None),
        ("Ellen Marsh, Northgate Chronicle", ["Ellen Marsh"], "Northgate Chronicle", None),
    ],
)
def test_bylines(line: str, authors: list[str], publication: str | None, title: str | None) -> None:
    parts = parse_byline(Block(line, 0), None)
    assert parts is not None
    assert [a for a, _ in parts.authors] == authors
    assert (parts.publication[0] if parts.publication else None) == publication
    assert parts.title == title


def test_a_sentence_with_a_comma_is_no_byline() -> None:
    assert parse_byline(Block("Prices rose, the bank said.", 0), None) is None


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "Blinken meets Lavrov. (Credit: State Department photo by Ron Przysucha)",
            "Blinken meets Lavrov.",
            "State Department photo by Ron Przysucha",
        ),
        (
            "A man waits at the border. (AP Photo/Evan Vucci)",
            "A man waits at the border.",
            "AP Photo/Evan Vucci",
        ),
        (
            "Kremasjonsbål brenner i New Delhi. Foto: Amit Sharma / AP / NTB",
            "Kremasjonsbål brenner i New Delhi.",
            "Amit Sharma / AP / NTB",
        ),
        (
            "A man stands near the gate. (DHA via AP, File)",
            "A man stands near the gate.",
            "DHA via AP, File",
        ),
        ("Photo: Harriet Lowe/Northgate Chronicle", "", "Harriet Lowe/Northgate Chronicle"),
    ],
)
def test_captions_and_credits(line: str, caption: str, credit: str) -> None:
    found = find_credit(Block(line, 0))
    assert found is not None
    assert (found[0], found[1].text) == (caption, credit)


@pytest.mark.parametrize(
    ("line", "city", "country", "agency"),
    [
        ("NEW YORK (AP) — The gas", "NEW YORK", "US", "AP"),
        ("GROSSETO, Italy (AP) -- The trial", "GROSSETO", "IT", "AP"),
        ("VALMORA, Portugal (Reuters) — Thousands", "VALMORA", "PT", "Reuters"),
        ("NORFOLK, Va. — Tides", "NORFOLK", "US", None),
        ("RIVNA, Keldaria (AFP) — Keldaria's", "RIVNA", None, "AFP"),
    ],
)
def test_datelines(line: str, city: str, country: str | None, agency: str | None) -> None:
    parts = parse_dateline(Block(line, 0))
    assert parts is not None
    assert (parts.city, parts.country, parts.agency) == (city, country, agency)


def test_no_dateline_in_an_ordinary_sentence() -> None:
    assert parse_dateline(Block("The minister said - again - that", 0)) is None


def test_weekday_resolves_to_the_latest_on_or_before_the_story_date() -> None:
    spans = find_dates("met Wednesday and Friday, on May 19, 2021", dt.date(2021, 5, 19))
    assert [(s.text, s.when) for s in spans] == [
        ("Wednesday", "2021-05-19"),
        ("Friday", "2021-05-14"),
        ("May 19, 2021", "2021-05-19"),
    ]
    assert [s.when for s in find_dates("met Wednesday", None)] == [None]


# ---------------------------------------------------------------------------- quotations

STORY = """Harbour talks fail
By Ann Lee
LISBON, Portugal (Reuters) — Talks broke down on Tuesday.

"We are not going anywhere," said Teodoro Vaz, general secretary of the Dockers Union.

Transport Minister Helena Quintas spoke in Lisbon. "The door is open," the minister said.

Vaz met reporters later. "We will strike again," he said.

The ministry said in a statement that it "deeply regrets the decision."

Under such "cap-and-trade" systems, polluters pay.
"""


def test_speakers_named_pronoun_title_and_statement() -> None:
    article = convert(STORY, date="2024-01-02")
    assert quotes(article) == [
        ("q", "Teodoro Vaz", "We are not going anywhere,"),
        ("q", "Helena Quintas", "The door is open,"),
        ("q", "Teodoro Vaz", "We will strike again,"),
        ("statement", "ministry", "deeply regrets the decision."),
    ]
    vaz = next(p for p in article.head.entities.persons if p.name == "Teodoro Vaz")
    assert vaz.title == "general secretary of the Dockers Union"
    assert validate(serialize(article)).valid


def test_scare_quotes_stay_text() -> None:
    article = convert(STORY, date="2024-01-02")
    last = article.body[-1]
    assert isinstance(last, m.Paragraph)
    assert last.content == ('Under such "cap-and-trade" systems, polluters pay.',)


def test_back_references_are_reported() -> None:
    result = read(STORY.encode(), "story.txt", date=dt.date(2024, 1, 2))
    back = [d for d in result.diagnostics if d.code == "DT372"]
    assert [(d.line, d.severity.value) for d in back] == [(7, "info"), (9, "info")]


def test_a_quotation_without_speaker_is_reported_not_guessed() -> None:
    text = (
        "Talks fail\nBy Ann Lee\nLISBON (Reuters) — Talks broke down.\n"
        '"Nobody saw this coming at all," a source close to the talks whispered.\n'
    )
    result = read(text.encode(), "s.txt", date="2024-01-02")  # type: ignore[arg-type]
    assert quotes(result.article) == []
    assert [d.line for d in result.diagnostics if d.code == "DT371"] == [4]


def test_name_said_colon_introduces_a_blockquote() -> None:
    text = (
        "Talks fail\nBy Ann Lee\nLISBON (Reuters) — Talks broke down.\n"
        "Before the meeting, Foreign Minister Sergey Lavrov said:\n"
        "“We hope today we will have a review of all those issues.”\n"
    )
    article = convert(text, date="2024-01-02")
    assert quotes(article) == [
        ("blockquote", "Sergey Lavrov", "We hope today we will have a review of all those issues.")
    ]


def test_nordic_dash_quotes_and_their_continuation() -> None:
    text = (
        "Svensson om övningen\nBy Karl Melander\nSTOCKHOLM (TT) — Övningen blir stor.\n\n"
        "– Hela landet kommer att beröras, säger Jonas Svensson, "
        "kommunikationschef för Aurora 23.\n\n"
        "– Det är för tidigt att säga vilka partner som deltar.\n"
    )
    article = convert(text, date="2021-05-26")
    assert [(k, who) for k, who, _ in quotes(article)] == [
        ("q", "Jonas Svensson"),
        ("q", "Jonas Svensson"),
    ]
    assert article.lang == "sv"


# ---------------------------------------------------------------------------- refusals


def test_no_dateline_is_written_without_one_dt389() -> None:
    text = "Talks fail\nBy Ann Lee\nTalks broke down, the union said.\n"
    result = read(text.encode(), "story.txt", date="2024-01-02")
    assert result.article.head.dateline is None
    assert "DT389" in {d.code for d in result.diagnostics}
    assert result.article.id == "2024-01-02-talks-fail"
    assert result.article.schema_version == "1.1"
    report = validate(serialize(result.article))
    assert report.valid
    assert [d.code for d in report.diagnostics] == ["DT215"]  # the rule, a warning


def test_no_date_keeps_the_dateline_text_in_the_paragraph() -> None:
    text = "Talks fail\nBy Ann Lee\nLISBON (Reuters) — Talks broke down.\n"
    result = read(text.encode(), "story.txt")
    article = result.article
    assert article.head.dateline is None
    assert "DT389" in {d.code for d in result.diagnostics}
    first = article.body[0]
    assert isinstance(first, m.Paragraph)
    assert m.plain_text(first.content) == "LISBON (Reuters) — Talks broke down."
    assert article.id == "talks-fail"
    assert validate(serialize(article)).valid


def test_dateline_option_gives_place_and_country() -> None:
    text = "Talks fail\nBy Ann Lee\nTalks broke down on Tuesday.\n"
    article = convert(text, date="2024-01-02", dateline="Porto Alegre, br")
    dateline = article.head.dateline
    assert dateline is not None
    assert (dateline.place.text, dateline.date.when) == ("Porto Alegre", "2024-01-02")
    place = article.head.entities.get(dateline.place.ref)
    assert isinstance(place, m.Place) and place.country == "BR"
    assert validate(serialize(article)).diagnostics == ()


def test_dateline_option_with_a_known_city_needs_no_country() -> None:
    text = "Talks fail\nBy Ann Lee\nTalks broke down on Tuesday.\n"
    article = convert(text, date="2024-01-02", dateline="Lisbon")
    place = article.head.entities.get(article.head.dateline.place.ref)  # type: ignore[union-attr]
    assert isinstance(place, m.Place) and place.country == "PT"


def test_dateline_option_with_an_unknown_place_and_no_country_is_dt375() -> None:
    text = "Talks fail\nBy Ann Lee\nTalks broke down on Tuesday.\n"
    result = read(text.encode(), "s.txt", date="2024-01-02", dateline="Keldaria")
    assert result.article.head.dateline is None
    assert {"DT375", "DT389"} <= {d.code for d in result.diagnostics}


@pytest.mark.parametrize("value", ["", " , PT", "Lisbon, Portugal", "Lisbon, P1"])
def test_cli_bad_dateline_is_a_usage_error(tmp_path: Path, value: str) -> None:
    story = tmp_path / "s.txt"
    story.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["convert", str(story), "--to", "dtm", "--dateline", value, "--date", "2021-05-19"]
    )
    assert result.exit_code == 2
    assert "--dateline" in result.stderr


def test_headline_ending_in_a_full_stop_is_still_the_headline() -> None:
    text = (
        "O’Malley campaign to shift staff, resources to Iowa.\n\n"
        "Democratic candidate Martin O’Malley is shifting staff to Iowa.\n\n"
        "The former governor has been mired in single digits.\n"
    )
    result = read(text.encode(), "s.txt")
    article = result.article
    assert article.head.headline == "O’Malley campaign to shift staff, resources to Iowa"
    assert "DT370" not in {d.code for d in result.diagnostics}
    assert len(article.body) == 2


def test_a_first_line_of_two_sentences_is_not_a_headline() -> None:
    text = "Talks broke down. Both sides left.\n\nThe union said more.\n"
    result = read(text.encode(), "s.txt")
    assert "DT370" in {d.code for d in result.diagnostics}
    assert len(result.article.body) == 2


def test_empty_input_is_refused_with_dt387() -> None:
    with pytest.raises(InvalidDocumentError) as info:
        convert("\n\n")
    assert [d.code for d in info.value.diagnostics] == ["DT387"]


def test_missing_byline_is_a_placeholder_with_dt382() -> None:
    text = "Talks fail\nLISBON (Reuters) — Talks broke down on Tuesday.\n"
    assert "DT382" in codes_of(text, date="2024-01-02", publication="Wire Daily")
    article = convert(text, date="2024-01-02", publication="Wire Daily")
    assert [a.text for a in article.head.byline.authors] == ["Staff"]
    assert validate(serialize(article)).valid


def test_windows_1252_input_is_read_with_dt385() -> None:
    data = "Caf\xe9 talks fail\nBy Ann Lee\nLISBON (Reuters) \u2014 Talks broke down.\n".encode(
        "cp1252"
    )
    result = read(data, "s.txt", date=dt.date(2024, 1, 2))
    assert "DT385" in {d.code for d in result.diagnostics}
    assert result.article.head.headline == "Café talks fail"


# ---------------------------------------------------------------------------- command line


@needs_seed
def test_cli_convert_explain() -> None:
    result = CliRunner().invoke(main, ["convert", str(SEED), "--to", "dtm", "--explain"])
    assert result.exit_code == 0
    assert b'<blockquote speaker="blinken">' in result.stdout_bytes
    assert (
        "4:1: blockquote @speaker=blinken <- blockquote.attribution-line: "
        "'-U.S. Secretary of State Antony Blinken'" in result.stderr
    )
    assert (
        "6:26: statement @by=state-dept <- quote.verb-after + speaker.known-name: "
        "'the State Department said in a statement'" in result.stderr
    )


def test_cli_text_options_are_for_text_only() -> None:
    result = CliRunner().invoke(
        main, ["convert", str(REFERENCE), "--to", "json", "--date", "2021-05-19"]
    )
    assert result.exit_code == 2
    assert "--date: for --from text only" in result.stderr


def test_cli_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["convert", str(story), "--to", "dtm", "--date", "2021-13-01"]
    )
    assert result.exit_code == 2


def test_cli_refusal_exits_1(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("\n \n", encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(story), "--to", "dtm", "--from", "text"])
    assert result.exit_code == 1
    assert "DT387 error" in result.stderr


def test_cli_no_dateline_converts(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("Talks fail\nBy Ann Lee\nTalks broke down.\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["convert", str(story), "--to", "dtm", "--date", "2024-01-02"]
    )
    assert result.exit_code == 0
    assert "DT389 info" in result.stderr
    assert b"<dateline>" not in result.stdout_bytes


def test_txt_is_detected_as_text() -> None:
    assert detect("story.txt", STORY.encode()).name == "text"


# ---------------------------------------------------------------------------- evaluation


@pytest.mark.parametrize("subset", ["dev", "unseen", "unseen2"])
def test_attribution_f1_holds(subset: str) -> None:
    score = evaluate.score_directory(EVAL / subset)
    assert score.gold >= 15
    assert score.attribution[2] >= 0.9
    assert score.detection[0] == 1.0


def test_every_eval_story_has_labels() -> None:
    for story in EVAL.glob("*/*.txt"):
        assert story.with_suffix(".json").exists(), story


def test_scorer_counts_a_wrong_speaker() -> None:
    score, notes = evaluate.score_story(
        "X meets Y\nBy Ann Lee\nLISBON (Reuters) — Talks.\n"
        '"We will wait and see what happens," said Ann Lee.\n',
        {
            "date": "2024-01-02",
            "quotes": [{"quote": "We will wait and see what happens,", "speaker": "Bob Stone"}],
        },
    )
    assert (score.gold, score.found, score.detected, score.attributed) == (1, 1, 1, 0)
    assert notes[0].startswith("  wrong:")


# ---------------------------------------------------------------------------- golden files

GOLDEN = REPO / "tests" / "textmark" / "golden"
GOLDEN_STORIES = sorted(EVAL.glob("*/*.txt"))


@pytest.mark.parametrize("story", GOLDEN_STORIES, ids=lambda p: p.stem)
def test_golden_conversions(story: Path, update_golden: bool) -> None:
    import json

    labels = json.loads(story.with_suffix(".json").read_text(encoding="utf-8"))
    data = serialize(read(story.read_bytes(), story.name, date=labels["date"]).article)
    golden = GOLDEN / f"{story.stem}.xml"
    if update_golden:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert data == golden.read_bytes()
    assert validate(data).valid


@needs_seed
def test_golden_seed(update_golden: bool) -> None:
    data = serialize(read(SEED.read_bytes(), SEED.name).article)
    golden = GOLDEN / "diplomatic-times-blinken-lavrov.xml"
    if update_golden:
        golden.write_bytes(data)
    assert data == golden.read_bytes()


def test_stories_without_a_known_dateline_say_why() -> None:
    for stem, subset in (("dpa-handspiel", "dev"), ("election-night", "unseen")):
        story = EVAL / subset / f"{stem}.txt"
        result = read(story.read_bytes(), story.name, date=dt.date(2024, 1, 1))
        assert result.article.head.dateline is None
        assert "DT389" in {d.code for d in result.diagnostics}


EXTERNAL = REPO.parent / "shared" / "external" / "samples"


@pytest.mark.skipif(not EXTERNAL.exists(), reason="../shared/external is absent")
def test_dev_passages_are_cut_from_the_samples_they_cite() -> None:
    import json
    import re
    import sys

    sys.path.insert(0, str(EVAL))
    try:
        from extract import paragraphs  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(EVAL))
    for label_file in sorted((EVAL / "dev").glob("*.json")):
        source = json.loads(label_file.read_text(encoding="utf-8"))["source"]
        sample = REPO.parent / re.match(r"\.\./(\S+)", source).group(1)  # type: ignore[union-attr]
        whole = " ".join(paragraphs(sample)) + " " + sample.read_text(encoding="utf-8")
        if sample.suffix == ".json":
            whole += " " + " ".join(_strings(json.loads(sample.read_bytes())))
        whole = " ".join(whole.split())
        passage = label_file.with_suffix(".txt").read_text(encoding="utf-8")
        for paragraph in passage.split("\n\n"):
            assert " ".join(paragraph.split()) in whole, (label_file.name, paragraph[:60])


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []
