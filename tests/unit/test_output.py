"""dtmarkup.cli.output.write_output: atomic, never over an input, never over a file by accident."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from dtmarkup.cli.output import OutputError, OutputRefused, OutputWriteError, write_output
from dtmarkup.errors import DtmError


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    write_output(target, b"<p>hello</p>")
    assert target.read_bytes() == b"<p>hello</p>"
    assert _leftovers(tmp_path) == []


def test_accepts_a_string_path(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_output(str(target), b"{}")
    assert target.read_bytes() == b"{}"


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_output(tmp_path / "a.txt", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644


def test_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    with pytest.raises(OutputRefused) as caught:
        write_output(target, b"new")
    assert caught.value.code == "DT021"
    assert "--force" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_refuses_a_dangling_symlink_without_force(tmp_path: Path) -> None:
    target = tmp_path / "link.html"
    target.symlink_to(tmp_path / "nowhere.html")
    with pytest.raises(OutputRefused) as caught:
        write_output(target, b"new")
    assert caught.value.code == "DT021"
    assert not (tmp_path / "nowhere.html").exists()


def test_force_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_output(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_refuses_the_input_itself_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "article.xml"
    source.write_bytes(b"<article/>")
    with pytest.raises(OutputRefused) as caught:
        write_output(source, b"converted", inputs=[source], force=True)
    assert caught.value.code == "DT020"
    assert source.read_bytes() == b"<article/>"


def test_refuses_the_input_by_another_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "article.xml"
    source.write_bytes(b"<article/>")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    with pytest.raises(OutputRefused) as caught:
        write_output(Path("sub/../article.xml"), b"x", inputs=["article.xml"], force=True)
    assert caught.value.code == "DT020"
    assert source.read_bytes() == b"<article/>"


def test_refuses_a_symlink_to_the_input(tmp_path: Path) -> None:
    source = tmp_path / "article.xml"
    source.write_bytes(b"<article/>")
    link = tmp_path / "out.xml"
    link.symlink_to(source)
    with pytest.raises(OutputRefused) as caught:
        write_output(link, b"x", inputs=[source], force=True)
    assert caught.value.code == "DT020"
    assert source.read_bytes() == b"<article/>"


def test_refuses_a_hard_link_to_the_input(tmp_path: Path) -> None:
    source = tmp_path / "article.xml"
    source.write_bytes(b"<article/>")
    other = tmp_path / "copy.xml"
    os.link(source, other)
    with pytest.raises(OutputRefused) as caught:
        write_output(other, b"x", inputs=[source], force=True)
    assert caught.value.code == "DT020"
    assert source.read_bytes() == b"<article/>"


def test_other_inputs_do_not_block_a_new_path(tmp_path: Path) -> None:
    source = tmp_path / "article.xml"
    source.write_bytes(b"<article/>")
    write_output(tmp_path / "article.html", b"<html/>", inputs=[source, tmp_path / "gone.xml"])
    assert (tmp_path / "article.html").read_bytes() == b"<html/>"


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(OutputWriteError) as caught:
        write_output(tmp_path / "no" / "such" / "page.html", b"x")
    assert caught.value.code == "DT022"
    assert "does not exist" in str(caught.value)


def test_target_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(OutputWriteError) as caught:
        write_output(tmp_path, b"x", force=True)
    assert caught.value.code == "DT022"
    assert "is a directory" in str(caught.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only directories")
def test_read_only_directory(tmp_path: Path) -> None:
    directory = tmp_path / "ro"
    directory.mkdir()
    directory.chmod(0o500)
    try:
        with pytest.raises(OutputWriteError) as caught:
            write_output(directory / "page.html", b"x")
    finally:
        directory.chmod(0o700)
    assert caught.value.code == "DT022"
    assert list(directory.iterdir()) == []


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk during the write: the old file is untouched, no temporary is left."""
    target = tmp_path / "page.html"
    target.write_bytes(b"old")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputWriteError) as caught:
        write_output(target, b"new", force=True)
    assert caught.value.code == "DT022"
    assert "No space left on device" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_a_file_appearing_meanwhile_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process creates the target between the check and the rename."""
    target = tmp_path / "page.html"
    real_link = os.link

    def racing_link(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        Path(dst).write_bytes(b"theirs")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", racing_link)
    with pytest.raises(OutputRefused) as caught:
        write_output(target, b"ours")
    assert caught.value.code == "DT021"
    assert target.read_bytes() == b"theirs"
    assert _leftovers(tmp_path) == []


def test_file_systems_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "link", no_links)
    write_output(tmp_path / "page.html", b"ok")
    assert (tmp_path / "page.html").read_bytes() == b"ok"
    assert _leftovers(tmp_path) == []


def test_error_types() -> None:
    assert issubclass(OutputRefused, OutputError)
    assert issubclass(OutputWriteError, OutputError)
    assert issubclass(OutputError, DtmError)
    assert issubclass(OutputWriteError, OSError)


def test_codes_are_in_the_table() -> None:
    from dtmarkup.codes import CODES

    assert {"DT020", "DT021", "DT022"} <= CODES.keys()
    assert CODES["DT021"].title == "Output file already exists"


def test_writes_into_a_named_pipe_with_force_and_keeps_it(tmp_path: Path) -> None:
    """-o a pipe with --force: the data goes in, the node is never replaced by a file."""
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    write_output(pipe, b"report\n", force=True)
    reader.join(timeout=30)
    assert received == [b"report\n"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_named_pipe_is_refused_without_force(tmp_path: Path) -> None:
    """Opening a FIFO for writing blocks until a reader comes: never without --force."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OutputRefused) as caught:
        write_output(pipe, b"report\n")
    assert caught.value.code == "DT023"
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_named_pipe_without_reader_is_refused_not_waited_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dtmarkup.cli import output

    monkeypatch.setattr(output, "PIPE_WAIT", 0.05)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OutputRefused) as caught:
        write_output(pipe, b"report\n", force=True)
    assert caught.value.code == "DT023"
    assert "no process is reading the pipe" in str(caught.value)


def test_dev_null_is_written_into_without_force() -> None:
    write_output("/dev/null", b"report\n")


def test_validate_report_into_a_character_device_keeps_the_device(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dtmarkup.cli import main

    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    sample = Path(__file__).parents[2] / "samples" / "torshavn-fisheries-wire-brief.xml"
    result = CliRunner().invoke(main, ["validate", "--output", str(device), str(sample)])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(device.stat().st_mode)
