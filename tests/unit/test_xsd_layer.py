"""The schema layer's translation of libxml2 errors: exact codes, messages and places."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

import dtmarkup
from dtmarkup.check.xsd import schema_path
from dtmarkup.cli import main
from dtmarkup.xml.locate import readable_xpath

ARTICLE = """\
<article xmlns="urn:dtmarkup:1" id="a1" xml:lang="en">
  <head>
    <headline>Storm closes harbour</headline>
    <byline><author ref="ann">Ann Berg</author></byline>
    <dateline><place ref="oslo">OSLO</place><date when="2021-05-19">May 19</date></dateline>
    <entities>
      <person id="ann"><name>Ann Berg</name></person>
      <organization id="govt" kind="government"><name>Government</name></organization>
      <place id="oslo" country="NO"><name>Oslo</name></place>
    </entities>
  </head>
  <body>
    <p>{p}</p>
  </body>
</article>
"""


def check(
    p: str = "Text.", **replace: str
) -> list[tuple[str, int | None, int | None, str | None, str]]:
    text = ARTICLE.replace("{p}", p)
    for old, new in replace.items():
        old = old.replace("_", " ") if old.startswith("_") else old
        text = text.replace(old, new)
    report = dtmarkup.validate(text.encode(), rules=False)
    return [(d.code, d.line, d.column, d.xpath, d.message) for d in report]


def test_base_article_is_valid() -> None:
    assert check() == []


def test_dangling_speaker_names_the_attribute_and_value() -> None:
    assert check('A <q speaker="anne">b</q>') == [
        (
            "DT108",
            13,
            10,
            "/article/body/p/q",
            "@speaker of <q> points to 'anne', which is not in the registry "
            "(head/entities); it must be a person or an organization",
        )
    ]


def test_speaker_pointing_at_a_place_is_the_wrong_kind() -> None:
    assert check('A <q speaker="ann">b</q> <q speaker="oslo">c</q>') == [
        (
            "DT109",
            13,
            33,
            "/article/body/p/q[2]",
            "@speaker of <q> points to 'oslo', which is a place; "
            "it must be a person or an organization",
        )
    ]


def test_missing_required_attribute() -> None:
    assert check("A <q>b</q>") == [
        ("DT103", 13, 10, "/article/body/p/q", "<q> is missing the required attribute @speaker")
    ]


def test_unknown_attribute() -> None:
    (finding,) = check(**{"<p>": '<p class="lead">'})
    assert finding[:4] == ("DT104", 13, 5, "/article/body/p")
    assert finding[4] == "<p> does not allow the attribute @class"


def test_unknown_element_lists_what_is_expected() -> None:
    (finding,) = check(**{"<p>Text.</p>": "<para>Text.</para>"})
    assert finding[0] == "DT101"
    assert finding[4] == (
        "unknown element <para> in <body>; expected one of <p>, <h2>, <figure>, "
        "<blockquote>, <statement>, <list>"
    )


def test_missing_element_before_a_present_one_is_reported_as_missing() -> None:
    (finding,) = check(**{"<headline>Storm closes harbour</headline>": ""})
    assert finding[:2] == ("DT102", 4)
    assert finding[4] == "<head> is missing <headline> before <byline>"


def test_element_in_wrong_order_is_unexpected() -> None:
    moved = (
        ARTICLE.replace("{p}", "x")
        .replace('    <byline><author ref="ann">Ann Berg</author></byline>\n', "")
        .replace("<entities>", '<byline><author ref="ann">Ann Berg</author></byline><entities>')
    )
    report = dtmarkup.validate(moved.encode(), rules=False)
    assert [d.code for d in report] == ["DT101"]


def test_time_without_zone_names_the_expected_form() -> None:
    (finding,) = check(**{"<entities>": "<published>2021-05-19T10:00:00</published><entities>"})
    assert finding[0] == "DT105"
    assert finding[4] == (
        "<published> has the invalid value '2021-05-19T10:00:00'; "
        "expected a date-time with a time zone, e.g. 2021-05-19T18:00:00Z"
    )


def test_bad_country_and_language() -> None:
    findings = check(**{'country="NO"': 'country="NOR"', 'xml:lang="en"': 'xml:lang="english!"'})
    assert [(f[0], f[3]) for f in findings] == [
        ("DT105", "/article"),
        ("DT105", "/article/head/entities/place"),
    ]
    assert "BCP 47" in findings[0][4] and "'english!'" in findings[0][4]
    assert "ISO 3166-1 alpha-2" in findings[1][4] and "'NOR'" in findings[1][4]


def test_enumeration_lists_allowed_values() -> None:
    (finding,) = check(**{'kind="government"': 'kind="ministry-of-truth"'})
    assert finding[4] == (
        "@kind of <organization> has the invalid value 'ministry-of-truth'; expected one of "
        "government, ministry, agency, media, intergovernmental, ngo, company, other"
    )


def test_empty_headline() -> None:
    (finding,) = check(**{"Storm closes harbour": "  "})
    assert finding[:4] == ("DT105", 3, 5, "/article/head/headline")
    assert finding[4] == "<headline> is empty; expected non-empty text"


def test_duplicate_id_is_reported_once() -> None:
    findings = check(
        **{'<person id="ann">': '<person id="ann"><name>X</name></person><person id="ann">'}
    )
    assert [f[0] for f in findings] == ["DT107"]
    assert findings[0][4] == "the entity id 'ann' is used more than once in the registry"


def test_text_in_body() -> None:
    (finding,) = check(**{"<body>": "<body>loose words"})
    assert finding[:2] == ("DT106", 12)
    assert finding[4] == "<body> holds only elements; wrap its loose text in <p>"


@pytest.mark.parametrize(
    ("root", "message"),
    [
        ("<article/>", "the root element is <article> with no namespace"),
        (
            '<news xmlns="urn:dtmarkup:1"/>',
            'the root element is <news> in namespace "urn:dtmarkup:1"',
        ),
        ('<article xmlns="urn:other"/>', 'the root element is <article> in namespace "urn:other"'),
    ],
)
def test_wrong_root(root: str, message: str) -> None:
    report = dtmarkup.validate(root.encode())
    assert report.codes() == {"DT100"}
    assert report.diagnostics[0].message == f'{message}; expected <article xmlns="urn:dtmarkup:1">'


def test_readable_xpath_indexes_only_repeated_names() -> None:
    from lxml import etree

    root = etree.fromstring(b"<a><b/><c><d/></c><c><d/><d/></c></a>")
    assert [readable_xpath(e) for e in root.iter()] == [
        "/a",
        "/a/b",
        "/a/c[1]",
        "/a/c[1]/d",
        "/a/c[2]",
        "/a/c[2]/d[1]",
        "/a/c[2]/d[2]",
    ]


def test_schema_command_prints_an_installed_path_xmllint_accepts(tmp_path: object) -> None:
    result = CliRunner().invoke(main, ["schema", "--path"])
    assert result.exit_code == 0
    assert result.output.strip() == schema_path()
    full = CliRunner().invoke(main, ["schema"])
    assert full.output.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed (make test installs it)")
    done = subprocess.run(
        [
            "xmllint",
            "--noout",
            "--schema",
            schema_path(),
            "samples/diplomatic-times-blinken-lavrov.xml",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_incomplete_element_names_the_required_child_not_the_optional_ones() -> None:
    (finding,) = check("x</p><figure><image src='a.jpg' alt='A'/></figure><p>y")
    assert finding[:4] == ("DT102", 13, 13, "/article/body/figure")
    assert finding[4] == "<figure> is missing <credit>"


def test_columns_count_xml_line_breaks_only() -> None:
    # U+2028 and form feed are not XML line breaks: libxml2 does not count them.
    (finding,) = check("A\u2028B <q>x</q>")
    assert finding[:3] == ("DT103", 13, 12)


def test_comments_among_children_do_not_confuse_the_translator() -> None:
    findings = check(**{"<body>": "<body><!-- note --><para/><!-- x -->"})
    assert [f[0] for f in findings] == ["DT101"]
    findings = check(
        **{"<headline>Storm closes harbour": "<!-- c --><headline>Storm<!-- c --><em>x</em>"}
    )
    assert [(f[0], f[4]) for f in findings] == [
        ("DT101", "<headline> holds plain text only; <em> is not allowed in it")
    ]


def test_cached_xpaths_equal_the_plain_ones_on_every_element() -> None:
    from pathlib import Path

    from lxml import etree

    from dtmarkup.xml.locate import SourceLocator

    data = Path("samples/diplomatic-times-blinken-lavrov.xml").read_bytes()
    tree = etree.fromstring(data).getroottree()
    locator = SourceLocator(data, "utf-8")
    elements = list(tree.getroot().iter(etree.Element))
    for element in reversed(elements):  # children before parents: caches built both ways
        assert locator.xpath(element) == readable_xpath(element)
    for element in elements:
        assert locator.xpath(element) == readable_xpath(element)


def test_the_same_bad_reference_used_many_times_on_one_line_gives_one_finding_each() -> None:
    findings = check('A <q speaker="nobody">b</q> <q speaker="nobody">c</q> <q speaker="ann">d</q>')
    assert [(f[0], f[2], f[3]) for f in findings] == [
        ("DT108", 10, "/article/body/p/q[1]"),
        ("DT108", 36, "/article/body/p/q[2]"),
    ]


def test_a_flood_of_schema_findings_is_capped_per_code_with_a_count() -> None:
    from dtmarkup.sources.limits import MAX_FINDINGS_PER_CODE

    found = check('x</p><p class="c">y' * 60)
    assert [code for code, *_ in found] == ["DT104"] * (MAX_FINDINGS_PER_CODE + 1)
    summary = ("DT104", None, None, None, "40 more findings like the ones above")
    assert found.count(summary) == 1
    located = [xpath for _, _, _, xpath, _ in found if xpath]
    assert located == [f"/article/body/p[{n}]" for n in range(2, MAX_FINDINGS_PER_CODE + 2)]


def test_node_paths_resolve_libxml2_paths_of_every_element_and_attribute() -> None:
    from lxml import etree

    from dtmarkup.xml.locate import NodePaths

    documents = (
        b'<a xmlns="u"><b/><c/><b><d x="1"/>t<d/></b></a>',
        b'<x:a xmlns:x="u" xmlns="v"><x:b/><c/><x:b><d/><x:d/><d/></x:b><e/></x:a>',
        b"<a><b/><c/><b><d/><!-- c --><d y='2'/></b></a>",
    )
    for document in documents:
        root = etree.fromstring(document)
        tree = root.getroottree()
        paths = NodePaths(root)
        for element in root.iter(etree.Element):
            path = tree.getpath(element)  # libxml2's xmlGetNodePath, as in error entries
            assert paths.element(path) is element, path
            assert paths.element(path + "/@x") is element
            assert paths.element(path + "/text()[1]") is element
    paths = NodePaths(etree.fromstring(b"<a><b/></a>"))
    assert paths.element("/a/b[2]") is None
    assert paths.element("/z") is None
    assert paths.element("a") is None


def test_every_fixture_gets_the_same_schema_verdict_from_libxml2_and_xmlschema() -> None:
    """Fixtures must not depend on the XSD engine (xmlschema is the second one)."""
    from pathlib import Path

    import xmlschema
    from lxml import etree

    from dtmarkup.check.xsd import schema
    from dtmarkup.xml.gate import InputRejected, parse_bytes

    root = Path(__file__).resolve().parents[2]
    second = xmlschema.XMLSchema(schema_path())
    checked, disagree = 0, []
    for path in sorted([*(root / "tests").rglob("*.xml"), *(root / "samples").rglob("*.xml")]):
        try:
            tree = parse_bytes(path.read_bytes())
        except InputRejected:
            continue
        if etree.QName(tree.getroot()).namespace != "urn:dtmarkup:1":
            continue
        checked += 1
        verdicts = (bool(schema().xsd.validate(tree)), bool(second.is_valid(tree)))
        if verdicts[0] != verdicts[1]:
            disagree.append((str(path.relative_to(root)), verdicts))
    assert checked > 100
    assert disagree == []
