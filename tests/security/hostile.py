"""The hostile-input catalogue (research/security.md §1), generated, never committed.

Each Case builds its payload from a Bait: the paths of a canary file and a FIFO and the
URL of a loopback listener. A payload that got a file read would show the canary's
content; one that got the FIFO opened would hang (and be killed); one that got a socket
opened would leave a connection on the listener.
"""

from __future__ import annotations

import bz2
import gzip
import io
import os
import resource
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

CANARY = "CANARY-7f3a9c-THIS-MUST-NEVER-BE-READ"
ARTICLE_OPEN = (
    '<article xmlns="urn:dtmarkup:1" id="a1" xml:lang="en" schemaVersion="1.0" revision="1">'
)


@dataclass(frozen=True)
class Bait:
    """Things a payload points at. None of them may be touched."""

    directory: Path
    canary: Path
    """A regular file holding CANARY."""
    fifo: Path | None
    """A named pipe: opening it for reading blocks. Only used out of process."""
    url: str
    """http://127.0.0.1:PORT/ of a listener that must see no connection."""

    @property
    def files(self) -> list[str]:
        """file: URLs of every local bait."""
        found = [self.canary.as_uri()]
        if self.fifo is not None:
            found.append(self.fifo.as_uri())
        return found

    def write(self, name: str, text: str) -> Path:
        path = self.directory / name
        path.write_text(text, encoding="utf-8")
        return path


@dataclass(frozen=True)
class Case:
    """One row of the catalogue: a payload and the one code it must end in."""

    name: str
    code: str
    build: Callable[[Bait], bytes]

    def __str__(self) -> str:
        return self.name


def _doc(body: str) -> bytes:
    return (ARTICLE_OPEN + body + "</article>").encode("utf-8")


# --- entity expansion ---------------------------------------------------------------------


def billion_laughs(_: Bait) -> bytes:
    decl = ['<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        decl.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">')
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE article [\n' + "\n".join(decl) + "\n]>\n"
    ).encode() + _doc("<p>&lol9;</p>")


def quadratic_blowup(_: Bait) -> bytes:
    entity = "x" * 50_000
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE article [<!ENTITY a "{entity}">]>\n'
    ).encode() + _doc("<p>" + "&a;" * 20_000 + "</p>")


def cyclic_entities(_: Bait) -> bytes:
    return b'<!DOCTYPE a [<!ENTITY a "&b;"><!ENTITY b "&a;">]><a>&a;</a>'


# --- external entities and DTDs -----------------------------------------------------------


def xxe_local_file(bait: Bait) -> bytes:
    decls = "".join(f'<!ENTITY f{i} SYSTEM "{url}">' for i, url in enumerate(bait.files))
    refs = "".join(f"&f{i};" for i in range(len(bait.files)))
    return f"<!DOCTYPE article [{decls}]>\n".encode() + _doc(f"<p>{refs}</p>")


def xxe_parameter_entity(bait: Bait) -> bytes:
    # The lxml <= 6.1.2 leak (research/security.md, first finding): a PE-loaded DTD that
    # wraps the secret's content into a general entity.
    lines = []
    for i, url in enumerate(bait.files):
        lines.append(f'<!ENTITY % f{i} SYSTEM "{url}">')
        lines.append(f"<!ENTITY % e{i} \"<!ENTITY x{i} '%f{i};'>\">%e{i};")
    dtd = bait.write("evil.dtd", "\n".join(lines))
    refs = "".join(f"&x{i};" for i in range(len(bait.files)))
    return f'<!DOCTYPE article [<!ENTITY % p SYSTEM "{dtd.as_uri()}"> %p;]>\n'.encode() + _doc(
        f"<p>{refs}</p>"
    )


def xxe_remote(bait: Bait) -> bytes:
    return f'<!DOCTYPE article [<!ENTITY r SYSTEM "{bait.url}xxe">]>\n'.encode() + _doc(
        "<p>&r;</p>"
    )


def external_dtd_file(bait: Bait) -> bytes:
    dtd = bait.write("external.dtd", f'<!ENTITY % f SYSTEM "{bait.files[-1]}">%f;')
    return f'<!DOCTYPE article SYSTEM "{dtd.as_uri()}">\n'.encode() + _doc("<p>x</p>")


def external_dtd_remote(bait: Bait) -> bytes:
    return f'<!DOCTYPE article PUBLIC "-//X//DTD X//EN" "{bait.url}x.dtd">\n'.encode() + _doc(
        "<p>x</p>"
    )


def doctype_in_utf16(bait: Bait) -> bytes:
    text = xxe_local_file(bait).decode("utf-8")
    return ('<?xml version="1.0" encoding="UTF-16"?>\n' + text).encode("utf-16")


def doctype_after_bom_and_comments(bait: Bait) -> bytes:
    return b"\xef\xbb\xbf<!-- a -->\n<?xml-model x?>\n<!doctype article>" + _doc("<p>x</p>")


# --- things that point elsewhere ------------------------------------------------------------


def xinclude(bait: Bait) -> bytes:
    xi = "http://www.w3.org/2001/XInclude"
    includes = "".join(
        f'<xi:include xmlns:xi="{xi}" href="{url}" parse="text"/>'
        for url in [*bait.files, bait.url + "inc"]
    )
    return _doc(f"<p>{includes}</p>")


def schema_location(bait: Bait) -> bytes:
    evil = bait.write("evil.xsd", f"<!-- {CANARY} -->")
    return (
        '<article xmlns="urn:dtmarkup:1" id="a1" xml:lang="en"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' xsi:schemaLocation="urn:dtmarkup:1 {bait.url}evil.xsd">'
        f'<p xsi:noNamespaceSchemaLocation="{evil.as_uri()}"/></article>'
    ).encode()


def stylesheet_pi(bait: Bait) -> bytes:
    return f'<?xml-stylesheet type="text/xsl" href="{bait.url}x.xsl"?>\n'.encode() + _doc(
        "<p>x<?php system('id'); ?></p>"
    )


def path_as_content(bait: Bait) -> bytes:
    # Source-type confusion: the untrusted body is a path or URL, not XML.
    return bait.canary.as_uri().encode()


# --- compression ------------------------------------------------------------------------------


def gzip_bomb(_: Bait) -> bytes:
    # ~20 MB of XML in ~20 KB: never decompressed, refused from its magic number.
    return gzip.compress(_doc("<p>" + "x" * 20_000_000 + "</p>"), compresslevel=9)


def zip_archive(_: Bait) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.xml", _doc("<p>x</p>"))
    return buffer.getvalue()


def bzip2_file(_: Bait) -> bytes:
    return bz2.compress(_doc("<p>x</p>"))


# --- encodings and characters -----------------------------------------------------------------


def utf7(_: Bait) -> bytes:
    # libxml2 decodes UTF-7: +ADw- is '<', so byte filters would miss this DOCTYPE.
    return (
        b'<?xml version="1.0" encoding="UTF-7"?>'
        b"+ADw-!DOCTYPE a +AFs-+ADw-!ENTITY x SYSTEM +ACI-file:///etc/passwd+ACI-+AD4-+AF0-+AD4-"
        b"+ADw-a+AD4-+ACY-x;+ADw-/a+AD4-"
    )


def utf32(_: Bait) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-32"?>' + _doc("<p>x</p>").decode()).encode("utf-32")


def ebcdic(_: Bait) -> bytes:
    return ('<?xml version="1.0" encoding="IBM037"?>' + _doc("<p>x</p>").decode()).encode("cp037")


def unknown_encoding(_: Bait) -> bytes:
    return b'<?xml version="1.0" encoding="x-no-such-encoding"?>' + _doc("<p>x</p>")


def invalid_utf8(_: Bait) -> bytes:
    return _doc("<p>Reykjav").replace(b"</article>", b"") + b"\xc3\x28k</p></article>"


def overlong_utf8(_: Bait) -> bytes:
    # '/' as an overlong two-byte sequence.
    return _doc("<p>x</p>").replace(b"<p>x", b"<p>\xc0\xaf")


def bad_utf16(_: Bait) -> bytes:
    return "\ufeff<a>".encode("utf-16-le") + b"\x00\xd8" + "</a>".encode("utf-16-le")


def nul_byte(_: Bait) -> bytes:
    return _doc("<p>Reyk\x00javik</p>")


def nul_reference(_: Bait) -> bytes:
    return _doc("<p>&#0;</p>")


def surrogate_reference(_: Bait) -> bytes:
    return _doc("<p>&#xD800;</p>")


# --- size and shape ---------------------------------------------------------------------------


def deep_nesting(_: Bait) -> bytes:
    # 20,000 levels: far past libxml2's 256, under the element limit (which would come first)
    return _doc("<p>" + "<em>" * 20_000 + "x" + "</em>" * 20_000 + "</p>")


def sibling_flood(_: Bait) -> bytes:
    return _doc('<p class="x">y</p>' * 20_000)  # a schema error each, all siblings


def element_flood(_: Bait) -> bytes:
    return _doc("<p>" + "<em/>" * 600_000 + "x</p>")  # 3 MB: 600,000 findings, never parsed


def huge_text_node(_: Bait) -> bytes:
    return _doc("<p>" + "x" * 11_000_000 + "</p>")


def huge_attribute(_: Bait) -> bytes:
    return _doc('<p class="' + "x" * 11_000_000 + '"/>')


def long_name(_: Bait) -> bytes:
    return _doc("<" + "p" * 60_000 + "/>")


def many_attributes(_: Bait) -> bytes:
    attributes = " ".join(f'a{i}="{i}"' for i in range(20_000))
    return _doc(f"<p {attributes}/>")


def over_size_limit(_: Bait) -> bytes:
    filler = "x" * (50 * 1024 * 1024)
    return _doc(f"<p>{filler}</p>")


def undefined_entity(_: Bait) -> bytes:
    return _doc("<p>&nbsp;Reykjavik</p>")


def malformed(_: Bait) -> bytes:
    return _doc("<p><em>x</p>")


CASES: tuple[Case, ...] = (
    Case("billion-laughs", "DT003", billion_laughs),
    Case("quadratic-blowup", "DT003", quadratic_blowup),
    Case("cyclic-entities", "DT003", cyclic_entities),
    Case("xxe-local-file", "DT003", xxe_local_file),
    Case("xxe-parameter-entity", "DT003", xxe_parameter_entity),
    Case("xxe-remote", "DT003", xxe_remote),
    Case("external-dtd-file", "DT003", external_dtd_file),
    Case("external-dtd-remote", "DT003", external_dtd_remote),
    Case("doctype-in-utf16", "DT003", doctype_in_utf16),
    Case("doctype-after-bom-and-comments", "DT003", doctype_after_bom_and_comments),
    Case("xinclude", "DT013", xinclude),
    Case("schema-location-hints", "DT014", schema_location),
    Case("xml-stylesheet-pi", "DT012", stylesheet_pi),
    Case("path-as-content", "DT001", path_as_content),
    Case("gzip-bomb", "DT007", gzip_bomb),
    Case("zip", "DT007", zip_archive),
    Case("bzip2", "DT007", bzip2_file),
    Case("utf-7", "DT006", utf7),
    Case("utf-32", "DT006", utf32),
    Case("ebcdic", "DT006", ebcdic),
    Case("unknown-encoding", "DT006", unknown_encoding),
    Case("invalid-utf8", "DT006", invalid_utf8),
    Case("overlong-utf8", "DT006", overlong_utf8),
    Case("lone-surrogate-utf16", "DT006", bad_utf16),
    Case("nul-byte", "DT008", nul_byte),
    Case("nul-reference", "DT008", nul_reference),
    Case("surrogate-reference", "DT008", surrogate_reference),
    Case("nesting-20000", "DT009", deep_nesting),
    Case("text-node-11mb", "DT010", huge_text_node),
    Case("attribute-11mb", "DT010", huge_attribute),
    Case("name-60000", "DT010", long_name),
    Case("attributes-20000", "DT011", many_attributes),
    Case("over-50mb", "DT005", over_size_limit),
    Case("element-flood", "DT015", element_flood),
    Case("sibling-flood", "DT016", sibling_flood),
    Case("undefined-entity", "DT004", undefined_entity),
    Case("malformed", "DT001", malformed),
)


# --- running the CLI under limits -------------------------------------------------------------

CPU_SECONDS = 2.0
"""Bounded time: CPU seconds (user + system) for one hostile document, CLI start included."""
MAX_RSS_BYTES = 200 * 1024 * 1024
"""Bounded memory: peak resident set of the process."""
ADDRESS_SPACE = 2 * 1024 * 1024 * 1024
"""Safety net only (RLIMIT_AS): a runaway is stopped before it hurts the machine."""
WALL_SECONDS = 30.0
"""Kill a hung process (e.g. one blocked opening the FIFO); generous for loaded CI."""


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float
    max_rss_bytes: int
    timed_out: bool


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (20, 20))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def dtmarkup_command() -> list[str]:
    """The installed console script next to this interpreter, or python -m as a fallback."""
    script = Path(sys.executable).with_name("dtmarkup")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "dtmarkup.cli"]


_MEASURED = """
import os, sys
report, *args = sys.argv[1:]
pid = os.fork()
if pid == 0:
    try:
        os.execvp(args[0], args)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as handle:
    handle.write(f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""
"""Runs the command as a child of a small Python process and reports its own usage.

Linux carries a process's pre-exec high-water mark into its ru_maxrss, so a command
forked straight from pytest (hundreds of MB by the end of the suite) would report
pytest's size, not its own; forked from this launcher, it reports its own plus a few MB.
"""


def run_limited(args: Sequence[str], cwd: Path) -> Run:
    """Run ``args`` with resource limits; measure its own CPU time and peak RSS (wait4)."""
    out_path, err_path = cwd / ".stdout", cwd / ".stderr"
    report = cwd / ".usage"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-c", _MEASURED, str(report), *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            cwd=cwd,
            preexec_fn=_limit_child,
            start_new_session=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1"},
        )
        deadline = time.monotonic() + WALL_SECONDS
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                timed_out = True
                break
            time.sleep(0.005)
    process.returncode = os.waitstatus_to_exitcode(status)
    stdout = out_path.read_text("utf-8", "replace")
    stderr = err_path.read_text("utf-8", "replace")
    out_path.unlink()
    err_path.unlink()
    cpu, rss = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
    if report.exists():
        measured_cpu, measured_rss = report.read_text().split()
        cpu, rss = float(measured_cpu), int(measured_rss)
        report.unlink()
    return Run(
        returncode=process.returncode,
        stdout=stdout,
        stderr=stderr,
        cpu_seconds=cpu,
        max_rss_bytes=rss * 1024,
        timed_out=timed_out,
    )
