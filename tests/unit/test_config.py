"""Configuration: found by walking up, flags override it, a bad one exits 2 naming the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dtmarkup.cli import main
from dtmarkup.workspace.config import ConfigError, discover, find_config, load_config

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "ci"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project: articles/ with the CI fixtures; the test runs from articles/."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("valid.xml", "invalid.xml", "warning.xml"):
        shutil.copy(FIXTURES / name, articles / name)
    monkeypatch.chdir(articles)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", *args])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_found_by_walking_up(project: Path) -> None:
    write(
        project / "pyproject.toml", '[project]\nname = "news"\n\n[tool.dtmarkup]\nstrict = true\n'
    )
    assert find_config(project / "articles") == project / "pyproject.toml"
    assert discover().strict is True
    assert invoke("warning.xml").exit_code == 1  # strict from the config
    assert invoke("warning.xml", "--no-strict").exit_code == 0  # the flag wins
    assert invoke("warning.xml", "--no-config").exit_code == 0


def test_pyproject_without_the_table_is_passed_over(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.dtmarkup]\nignore = ["DT108"]\n')
    write(project / "articles" / "pyproject.toml", '[project]\nname = "inner"\n')
    assert find_config(project / "articles") == project / "pyproject.toml"


def test_dtmarkup_toml_wins_in_its_directory(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.dtmarkup]\nstrict = true\n")
    write(project / "dtmarkup.toml", 'ignore = ["DT1"]\n')
    config = discover()
    assert config.path == project / "dtmarkup.toml"
    assert (config.strict, config.ignore) == (None, ("DT1",))


def test_select_and_ignore_from_config_and_flags(project: Path) -> None:
    write(project / "dtmarkup.toml", 'ignore = ["DT108"]\n')
    result = invoke("invalid.xml")
    assert result.exit_code == 1
    assert "DT103" in result.stdout and "DT108" not in result.stdout
    result = invoke("invalid.xml", "--ignore", "DT103")  # replaces the config's list
    assert "DT108" in result.stdout and "DT103" not in result.stdout
    write(project / "dtmarkup.toml", 'select = "DT2"\n')  # a comma string is accepted
    assert invoke("invalid.xml").exit_code == 0
    assert invoke("invalid.xml", "--select", "DT1").exit_code == 1


def test_per_file_ignores(project: Path) -> None:
    write(
        project / "dtmarkup.toml",
        '[per-file-ignores]\n"articles/inv*.xml" = ["DT103"]\n"warning.xml" = ["DT2"]\n',
    )
    config = discover()
    assert config.ignored_in("invalid.xml") == ("DT103",)
    assert config.ignored_in("../articles/warning.xml") == ("DT2",)
    assert config.ignored_in("valid.xml") == ()
    assert config.ignored_in("-") == ()
    result = invoke(".", "--strict", "--format", "json")
    assert '"DT103"' not in result.stdout and '"DT207"' not in result.stdout
    assert '"DT108"' in result.stdout
    assert result.exit_code == 1


def test_format_and_jobs_from_config(project: Path) -> None:
    write(project / "dtmarkup.toml", 'format = "json"\njobs = 2\n')
    result = invoke("valid.xml")
    assert result.stdout.startswith("{")
    assert invoke("valid.xml", "--format", "text").stdout.startswith("1 file checked")
    assert discover().jobs == 2


def test_config_format_beats_github_auto(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert invoke("invalid.xml", "--no-config").stdout.startswith("::error ")
    write(project / "dtmarkup.toml", 'format = "text"\n')
    assert invoke("invalid.xml").stdout.startswith("invalid.xml:11:7: DT103")


def test_config_option_names_a_file(project: Path) -> None:
    write(project / "dtmarkup.toml", "strict = true\n")
    other = write(project / "ci.toml", "strict = false\n")
    assert invoke("warning.xml").exit_code == 1
    assert invoke("warning.xml", "--config", str(other)).exit_code == 0
    pyproject = write(project / "pyproject.toml", "[tool.dtmarkup]\nstrict = true\n")
    assert invoke("warning.xml", "--config", str(pyproject)).exit_code == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("selct = []\n", "unknown key 'selct' in top level"),
        ("strict = 'yes'\n", "key 'strict' must be true or false, not a string 'yes'"),
        ("jobs = 0\n", "key 'jobs' must be a whole number from 1 to 256, not an integer 0"),
        ("jobs = true\n", "key 'jobs' must be a whole number from 1 to 256, not a boolean"),
        ("jobs = 257\n", "key 'jobs' must be a whole number from 1 to 256, not an integer 257"),
        ("format = 'xml'\n", "key 'format' must be one of text, json, junit"),
        ("select = 3\n", "key 'select' must be a list of codes"),
        ("ignore = ['DT999']\n", "key 'ignore': 'DT999' matches no code"),
        ("ignore = ['E501']\n", "key 'ignore': 'E501' is not a code or prefix"),
        ("ignore = [1]\n", "key 'ignore': an integer 1 is not a code"),
        ("per-file-ignores = ['a']\n", "key 'per-file-ignores' must be a table"),
        ("[per-file-ignores]\n'*.xml' = 'DT9'\n", "key \"per-file-ignores.'*.xml'\": 'DT9'"),
        ("baseline = 1\n", "key 'baseline' must be a file path"),
        ("baseline = '../known.json'\n", "key 'baseline': a string '../known.json' is outside"),
        ("baseline = '/etc/passwd'\n", "key 'baseline': a string '/etc/passwd' is outside"),
        ("baseline = 'a/../../b.json'\n", "key 'baseline': a string 'a/../../b.json' is outside"),
        ("strict = \n", "not valid TOML: Invalid value (at line 1, column 10)"),
    ],
)
def test_bad_config_exits_2_naming_file_and_key(project: Path, text: str, message: str) -> None:
    path = write(project / "dtmarkup.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    result = invoke("valid.xml")
    assert result.exit_code == 2
    assert result.stderr == f"dtmarkup: DT024 error: {caught.value}\n"
    assert result.stdout == ""


def test_bad_pyproject_table(project: Path) -> None:
    path = write(project / "pyproject.toml", "[tool]\ndtmarkup = 1\n")
    with pytest.raises(ConfigError, match=r"\[tool.dtmarkup\] must be a table"):
        load_config(path)
    path = write(project / "pyproject.toml", "[tool.dtmarkup]\nstrict = 1\n")
    result = invoke("valid.xml")
    assert result.exit_code == 2
    assert f"{path}: key 'strict' must be true or false, not an integer 1 ([tool.dtmarkup])" in (
        result.stderr
    )


def test_missing_config_file_exits_2(project: Path) -> None:
    result = invoke("valid.xml", "--config", "nowhere.toml")
    assert result.exit_code == 2
    assert "nowhere.toml: cannot read: No such file or directory" in result.stderr
    result = invoke("valid.xml", "--config", str(write(project / "pyproject.toml", "")))
    assert result.exit_code == 2
    assert "no [tool.dtmarkup] table" in result.stderr


def test_the_shipped_config_schema_agrees_with_the_code() -> None:
    import json

    from dtmarkup.report import REPORTERS
    from dtmarkup.workspace.config import KEYS

    schema = json.loads((REPO / "dtmarkup" / "schema" / "dtmarkup-config.schema.json").read_text())
    assert sorted(schema["properties"]) == sorted(KEYS)
    assert schema["properties"]["format"]["enum"] == list(REPORTERS)
    assert schema["properties"]["jobs"]["maximum"] == 256


def test_a_nested_per_file_value_names_its_glob(project: Path) -> None:
    path = write(project / "dtmarkup.toml", "[per-file-ignores]\n'*.xml' = 3\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "key \"per-file-ignores.'*.xml'\" must be a list of codes" in str(caught.value)


def test_config_baseline_inside_the_repository_is_kept(project: Path) -> None:
    path = write(project / "dtmarkup.toml", "baseline = 'ci/known.json'\n")
    assert load_config(path).baseline == project / "ci" / "known.json"


def test_config_baseline_through_a_link_out_of_the_repository_is_refused(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (project / "ci").symlink_to(outside, target_is_directory=True)
    path = write(project / "dtmarkup.toml", "baseline = 'ci/known.json'\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert f"{path}: key 'baseline': a string 'ci/known.json' is outside" in str(caught.value)
