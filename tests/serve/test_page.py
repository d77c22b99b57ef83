"""The web page at ``/``: valid HTML (the Nu Html Checker), and in headless Chromium the
findings of the reference article with two injected errors listed and marked at their
lines, each linked to its rule, under the page's Content-Security-Policy.

Chromium is driven over the DevTools protocol (a WebSocket); screenshots are written
next to the test's files, and to $DTMARKUP_SCREENSHOTS when it names a directory.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from _support.browser import chromium_command, png_pixels, vnu_jar
from _support.tools import require_tool
from websockets.sync.client import ClientConnection, connect

from .conftest import REFERENCE, Server

pytestmark = pytest.mark.slow

FLAGGED_BACKGROUND = (0xFD, 0xEC, 0xEA)
"""app.css: .line.flagged."""


def _two_errors() -> tuple[str, dict[int, str]]:
    """The reference article with a bad date (line 15) and an unknown speaker (line 123)."""
    text = REFERENCE.read_text(encoding="utf-8")
    text = text.replace('<date when="2021-05-19"', '<date when="2021-13-45"', 1)
    text = text.replace('speaker="blinken"', 'speaker="nobody"', 1)
    lines = text.split("\n")
    assert 'when="2021-13-45"' in lines[14] and 'speaker="nobody"' in lines[122]
    return text, {15: "DT105", 123: "DT108"}


def test_pages_pass_the_nu_html_checker(server: Server, tmp_path: Path) -> None:
    java = require_tool("java")
    jar = vnu_jar()
    files = []
    for route, name in (("/", "index.html"), ("/rules", "rules.html")):
        response = server.client.get(route)
        assert response.status_code == 200
        (tmp_path / name).write_bytes(response.content)
        files.append(str(tmp_path / name))
    css = tmp_path / "app.css"
    css.write_bytes(server.client.get("/static/app.css").content)
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--stdout", "--also-check-css", *files,
         str(css)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    messages = json.loads(result.stdout)["messages"]
    problems = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] != "info" or m.get("subType") == "warning"
    ]
    assert problems == []


def _launch(profile: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Headless Chromium with DevTools on a free port; its page's WebSocket address."""
    process = subprocess.Popen(
        chromium_command(profile, "--remote-debugging-port=0", "about:blank"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        active = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not active.exists() or not active.read_text().strip():
            assert time.monotonic() < deadline, "Chromium did not start"
            time.sleep(0.1)
        port = active.read_text().split()[0]
        targets = httpx.get(f"http://127.0.0.1:{port}/json/list", trust_env=False).json()
        page = next(t for t in targets if t["type"] == "page")
        return process, str(page["webSocketDebuggerUrl"])
    except BaseException:
        process.kill()
        process.wait()
        raise


class Browser:
    """One Chromium page, driven over the DevTools protocol."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        ident = next(self.ids)
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=60))
            if message.get("id") == ident:
                assert "error" not in message, message
                result: dict[str, Any] = message["result"]
                return result
            self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def wait_for(self, expression: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not self.evaluate(expression):
            assert time.monotonic() < deadline, f"never true: {expression}"
            time.sleep(0.05)

    def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        path.write_bytes(data)
        keep = os.environ.get("DTMARKUP_SCREENSHOTS")
        if keep and Path(keep).is_dir():
            shutil.copy(path, Path(keep) / path.name)
        return data

    def console(self) -> list[str]:
        """Console and log messages so far (a CSP violation shows up here)."""
        found = []
        for event in self.events:
            if event.get("method") == "Log.entryAdded":
                found.append(event["params"]["entry"]["text"])
            elif event.get("method") == "Runtime.consoleAPICalled":
                found.append(" ".join(str(a.get("value")) for a in event["params"]["args"]))
        return found


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    require_tool("chromium", "chromium-browser", "google-chrome")
    process, address = _launch(tmp_path / "profile")
    try:
        with connect(address, max_size=None) as socket:
            running = Browser(socket)
            running.call("Emulation.setDeviceMetricsOverride", width=1280, height=1000,
                         deviceScaleFactor=1, mobile=False)  # fmt: skip
            yield running
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _check(browser: Browser, server: Server, text: str) -> None:
    browser.call("Page.navigate", url=server.url + "/")
    browser.wait_for("document.readyState === 'complete' && !!document.getElementById('check')")
    browser.evaluate(f"document.getElementById('source').value = {json.dumps(text)}")
    browser.evaluate("document.getElementById('check').click()")
    browser.wait_for("document.body.dataset.state === 'done'")


def _pixels_of(png: bytes, colour: tuple[int, int, int]) -> int:
    width, channels, rows = png_pixels(png)
    wanted = bytes(colour)
    return sum(
        1 for row in rows for x in range(0, width * channels, channels) if row[x : x + 3] == wanted
    )


def test_findings_are_marked_at_their_lines(
    browser: Browser, server: Server, tmp_path: Path
) -> None:
    text, expected = _two_errors()
    _check(browser, server, text)
    flagged = browser.evaluate(
        "Array.from(document.querySelectorAll('#lines li.flagged'), li => ({"
        "  line: Number(li.id.slice(1)), error: li.classList.contains('error'),"
        "  marks: Array.from(li.querySelectorAll('a.mark'), a => [a.textContent,"
        "    a.getAttribute('href')])}))"
    )
    assert flagged == [
        {"line": line, "error": True, "marks": [[code, f"/rules#{code}"]]}
        for line, code in sorted(expected.items())
    ]
    findings = browser.evaluate(
        "Array.from(document.querySelectorAll('#findings li'), li => [li.dataset.line,"
        " li.querySelector('a.code').textContent,"
        " li.querySelector('a.where').getAttribute('href')])"
    )
    assert findings == [[str(line), code, f"#L{line}"] for line, code in sorted(expected.items())]
    assert browser.evaluate("document.getElementById('summary').textContent") == (
        "Not valid: 2 error(s), 0 warning(s)."
    )
    assert browser.evaluate("document.querySelectorAll('#lines li').length") == len(
        text.split("\n")
    )
    assert browser.evaluate("document.body.dataset.checked") == "200"  # invalid, read
    browser.evaluate("document.getElementById('L123').scrollIntoView({block: 'center'})")
    shot = browser.screenshot(tmp_path / "serve-page-two-errors.png")
    assert _pixels_of(shot, FLAGGED_BACKGROUND) > 500, "no line is highlighted on screen"
    # The rule link leads to that rule's documentation.
    browser.call("Page.navigate", url=server.url + "/rules#DT108")
    browser.wait_for("document.readyState === 'complete'")
    assert browser.evaluate("document.getElementById('DT108').querySelector('h2').textContent")
    assert not [line for line in browser.console() if "Content Security Policy" in line]


def test_valid_article_is_rendered_beside_the_findings(
    browser: Browser, server: Server, tmp_path: Path
) -> None:
    _check(browser, server, REFERENCE.read_text(encoding="utf-8"))
    assert browser.evaluate("document.getElementById('summary').textContent") == (
        "Valid: 0 error(s), 0 warning(s)."
    )
    assert browser.evaluate("document.querySelectorAll('#lines li.flagged').length") == 0
    headline = browser.evaluate("document.querySelector('#preview article h1').textContent")
    assert headline.startswith("Blinken meets Lavrov in Reykjavik")
    assert browser.evaluate("document.querySelectorAll('#preview script').length") == 0
    browser.screenshot(tmp_path / "serve-page-valid.png")
    console = browser.console()
    # The article's photo is on another site: the page's CSP refuses to load it, as it
    # must (no external resources); nothing else may be refused.
    refused = [line for line in console if "Content Security Policy" in line]
    assert all("img-src" in line for line in refused), refused


def test_an_uploaded_file_is_checked(browser: Browser, server: Server, tmp_path: Path) -> None:
    text, expected = _two_errors()
    upload = tmp_path / "submitted.xml"
    upload.write_text(text, encoding="utf-8")
    browser.call("Page.navigate", url=server.url + "/")
    browser.wait_for("document.readyState === 'complete' && !!document.getElementById('file')")
    root = browser.call("DOM.getDocument")["root"]["nodeId"]
    node = browser.call("DOM.querySelector", nodeId=root, selector="#file")["nodeId"]
    browser.call("DOM.setFileInputFiles", files=[str(upload)], nodeId=node)
    browser.evaluate("document.getElementById('file').dispatchEvent(new Event('change'))")
    browser.wait_for("document.getElementById('source').value.length > 0")
    browser.evaluate("document.getElementById('check').click()")
    browser.wait_for("document.body.dataset.state === 'done'")
    flagged = browser.evaluate(
        "Array.from(document.querySelectorAll('#lines li.flagged'), li => Number(li.id.slice(1)))"
    )
    assert flagged == sorted(expected)


def test_hostile_text_is_shown_as_text(browser: Browser, server: Server) -> None:
    hostile = (
        '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'
    )
    _check(browser, server, hostile)
    assert browser.evaluate("document.title") == "dtmarkup: check an article"
    assert browser.evaluate("document.querySelectorAll('#lines img, #lines script').length") == 0
    assert browser.evaluate("document.querySelector('#lines li code').textContent") == hostile
