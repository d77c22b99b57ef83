"""Directory walks: never leave the tree given, never read what is not a regular file,
never stay silent about what was not read, and carry any file name safely (issues 12.1,
18.4, 18.5, 12.14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dtmarkup.run import check_all
from dtmarkup.run.plan import Options
from dtmarkup.sources import files
from dtmarkup.sources.files import expand, printable

VALID = Path(__file__).parents[2] / "samples"
SECRET = "machine example.com login ci password hunter2-SECRET"


def _article() -> bytes:
    sample = sorted(VALID.glob("*.xml"))[0]
    return sample.read_bytes()


def _codes(items: list[files.Item]) -> list[tuple[str, str | None]]:
    return [(Path(i.name).name, i.finding.code if i.finding else None) for i in items]


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    """A tree to walk and, beside it, a secret file outside the tree."""
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / ".netrc").write_text(SECRET)
    (outside / "story.xml").write_bytes(b"<p>" + SECRET.encode() + b"</p>")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "a.xml").write_bytes(_article())
    return root, outside


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("dtmarkup")), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""},
    )


@pytest.mark.parametrize(
    "target",
    [".netrc", "story.xml", "/proc/self/environ", "/dev/zero", "missing"],
)
def test_a_link_found_by_a_walk_that_leaves_the_tree_is_not_followed(
    tree: tuple[Path, Path], target: str
) -> None:
    root, outside = tree
    (root / "evil.xml").symlink_to(target if target.startswith("/") else outside / target)
    items = expand([str(root)])
    assert _codes(items) == [("a.xml", None), ("evil.xml", "DT030")]
    reports = list(check_all(items, Options(jobs=1)))
    assert [r.codes() for r in reports] == [set(), {"DT030"}]
    assert SECRET not in repr(reports)


def test_a_relative_link_climbing_out_of_the_tree_is_not_followed(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    sub = root / "sub"
    sub.mkdir()
    (sub / "up.xml").symlink_to("../../home/story.xml")
    assert _codes(expand([str(root)])) == [("a.xml", None), ("up.xml", "DT030")]


def test_a_link_inside_the_tree_is_read(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    (root / "sub").mkdir()
    (root / "sub" / "alias.xml").symlink_to("../a.xml")
    items = expand([str(root)])
    assert _codes(items) == [("a.xml", None), ("alias.xml", None)]
    assert items[1].name == str(root / "sub" / "alias.xml")
    assert [r.valid for r in check_all(items, Options(jobs=1))] == [True, True]


def test_a_link_to_a_hidden_file_inside_the_tree_is_not_followed(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(SECRET)
    (root / "story.xml").symlink_to(".git/config")
    (root / ".env.xml").write_text(SECRET)
    (root / "env.xml").symlink_to(".env.xml")
    assert _codes(expand([str(root)])) == [
        ("a.xml", None),
        ("env.xml", "DT030"),
        ("story.xml", "DT030"),
    ]


def test_directory_links_are_not_walked_and_loops_end(tree: tuple[Path, Path]) -> None:
    root, outside = tree
    (root / "home").symlink_to(outside)
    (root / "loop").symlink_to(root)
    assert _codes(expand([str(root)])) == [("a.xml", None), ("home", "DT031"), ("loop", "DT031")]
    # Asked to follow: each directory once, the loop ends, outside files are read.
    followed = _codes(expand([str(root)], follow_links=True))
    assert followed == [("a.xml", None), ("story.xml", None)]


def test_an_explicit_link_is_the_users_choice(tree: tuple[Path, Path]) -> None:
    root, outside = tree
    (root / "given.xml").symlink_to(outside / "story.xml")
    items = expand([str(root / "given.xml")])
    assert _codes(items) == [("given.xml", None)] and items[0].identity is None


def test_a_pipe_in_the_tree_is_a_finding_and_never_opened(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    os.mkfifo(root / "pipe.xml")
    items = expand([str(root)])
    assert _codes(items) == [("a.xml", None), ("pipe.xml", "DT030")]
    assert [r.codes() for r in check_all(items, Options(jobs=1))] == [set(), {"DT030"}]


def test_a_file_swapped_after_the_walk_is_not_read(tree: tuple[Path, Path]) -> None:
    root, outside = tree
    items = expand([str(root)])
    (root / "a.xml").unlink()
    (root / "a.xml").symlink_to(outside / "story.xml")  # the swap: after the walk
    reports = list(check_all(items, Options(jobs=1)))
    assert [r.codes() for r in reports] == [{"DT002"}]
    assert not reports[0].readable
    assert SECRET not in repr(reports)


def test_a_file_replaced_by_another_after_the_walk_is_not_read(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    items = expand([str(root)])
    (root / "a.xml").rename(root.parent / "kept.xml")  # keeps its inode in use
    (root / "a.xml").write_bytes(_article())  # so this is another inode
    assert [r.codes() for r in check_all(items, Options(jobs=1))] == [{"DT002"}]


def test_an_unreadable_subdirectory_is_a_finding(
    tree: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = tree
    (root / "locked").mkdir()
    (root / "locked" / "b.xml").write_bytes(_article())
    real = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = expand([str(root)])
    assert [(Path(i.name).name, i.unreadable) for i in items] == [
        ("a.xml", None),
        ("locked", "cannot list the directory: Permission denied"),
    ]
    reports = list(check_all(items, Options(jobs=1)))
    assert [(r.codes(), r.readable) for r in reports] == [(set(), True), ({"DT002"}, False)]


def test_an_entry_vanishing_mid_walk_is_a_finding(
    tree: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = tree
    (root / "b.xml").write_bytes(_article())
    real = os.scandir

    class Vanishing:
        def __init__(self, entry: os.DirEntry[str]) -> None:
            self.entry = entry
            self.name = entry.name
            self.path = entry.path

        def is_symlink(self) -> bool:
            return False

        def is_dir(self, follow_symlinks: bool = True) -> bool:
            return False

        def stat(self, follow_symlinks: bool = True) -> os.stat_result:
            raise FileNotFoundError(2, "No such file or directory", self.path)

    class Listing:
        def __init__(self, path: str | os.PathLike[str]) -> None:
            self.inner = real(path)

        def __enter__(self) -> list[object]:
            entries = list(self.inner)
            return [Vanishing(e) if e.name == "b.xml" else e for e in entries]

        def __exit__(self, *args: object) -> None:
            self.inner.close()

    monkeypatch.setattr(os, "scandir", Listing)
    items = expand([str(root)])
    assert [(Path(i.name).name, i.unreadable) for i in items] == [
        ("a.xml", None),
        ("b.xml", "No such file or directory"),
    ]


@pytest.mark.parametrize("content", [[], ["A.TXT"], [".hidden.xml"]])
def test_a_directory_without_documents_is_a_finding(tmp_path: Path, content: list[str]) -> None:
    for name in content:
        (tmp_path / name).write_bytes(_article())
    items = expand([str(tmp_path)])
    assert _codes(items) == [(tmp_path.name, "DT032")]
    assert [r.codes() for r in check_all(items, Options(jobs=1))] == [{"DT032"}]


def test_upper_case_xml_is_a_document(tmp_path: Path) -> None:
    (tmp_path / "STORY.XML").write_bytes(_article())
    (tmp_path / "b.Xml").write_bytes(_article())
    assert _codes(expand([str(tmp_path)])) == [("STORY.XML", None), ("b.Xml", None)]


def test_printable_names() -> None:
    assert printable("café.xml") == "café.xml"
    assert printable(os.fsdecode(b"caf\xe9.xml")) == "caf\\xe9.xml"
    assert printable("\ud800.xml") == "\\ud800.xml"


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "sarif", "html"])
def test_a_name_that_is_not_utf8_is_reported_in_every_format(tmp_path: Path, fmt: str) -> None:
    root = tmp_path / "repo"
    os.makedirs(os.fsencode(root / "sub"))
    bad = os.path.join(os.fsencode(root), b"caf\xe9.xml")
    with open(bad, "wb") as handle:
        handle.write(b"<article/>")
    result = _run("validate", "--format", fmt, "repo", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    # JSON doubles the backslash; SARIF's artifact URI percent-encodes it.
    shown = {"json": "caf\\\\xe9.xml", "sarif": "caf%5Cxe9.xml"}.get(fmt, "caf\\xe9.xml")
    assert shown in result.stdout
    if fmt == "json":
        assert json.loads(result.stdout)["files"][0]["path"] == "repo/caf\\xe9.xml"


def test_cli_exit_codes(tree: tuple[Path, Path], tmp_path: Path) -> None:
    root, outside = tree
    (root / "evil.xml").symlink_to(outside / ".netrc")
    result = _run("validate", "--format", "json", "repo", cwd=tmp_path)
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert [(f["path"], [d["code"] for d in f["diagnostics"]]) for f in report["files"]] == [
        ("repo/a.xml", []),
        ("repo/evil.xml", ["DT030"]),
    ]
    html = _run("validate", "--format", "html", "repo", cwd=tmp_path)
    assert html.returncode == 1 and SECRET not in html.stdout
    (tmp_path / "empty").mkdir()
    assert _run("validate", "empty", cwd=tmp_path).returncode == 1
    followed = _run("validate", "--follow-links", "--format", "json", "repo", cwd=tmp_path)
    assert followed.returncode == 1
    codes = [d["code"] for d in json.loads(followed.stdout)["files"][1]["diagnostics"]]
    assert codes == ["DT001"]


def test_the_html_report_quotes_only_the_bytes_checked(tmp_path: Path) -> None:
    from dtmarkup.report import reporter
    from dtmarkup.run.document import validate

    path = tmp_path / "story.xml"
    path.write_bytes(b'<article xmlns="urn:dtmarkup:1">\n<bad>QUOTED-LINE</bad>\n</article>\n')
    report = validate(path)
    assert report.digest is not None
    assert "QUOTED-LINE" in reporter("html")([report])
    # Between the check and the report, the file becomes a link to a secret.
    secret = tmp_path / "netrc"
    secret.write_text(SECRET + "\n" + SECRET + "\n" + SECRET + "\n")
    path.unlink()
    path.symlink_to(secret)
    page = reporter("html")([report])
    assert SECRET not in page and "QUOTED-LINE" not in page
    assert "no longer the file that was checked" in page
    # Or changes in place.
    path.unlink()
    path.write_bytes(b'<article xmlns="urn:dtmarkup:1">\n<bad>' + SECRET.encode() + b"</bad>\n")
    assert SECRET not in reporter("html")([report])


def test_walk_findings_survive_the_process_pool(tree: tuple[Path, Path]) -> None:
    root, outside = tree
    for n in range(50):
        (root / f"n{n:02}.xml").write_bytes(b"<article/>")
    (root / "evil.xml").symlink_to(outside / ".netrc")
    os.mkfifo(root / "pipe.xml")
    items = expand([str(root)])
    serial = [(r.path, sorted(r.codes())) for r in check_all(items, Options(jobs=1))]
    pooled = [(r.path, sorted(r.codes())) for r in check_all(items, Options(jobs=2))]
    assert pooled == serial
    assert (str(root / "evil.xml"), ["DT030"]) in serial
    assert (str(root / "pipe.xml"), ["DT030"]) in serial
