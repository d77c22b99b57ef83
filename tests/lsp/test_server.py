"""The language server end to end, driven by a real LSP client (pytest-lsp) over stdio."""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from click.testing import CliRunner
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from dtmarkup.cli import main
from dtmarkup.lsp.analysis import line_starts, to_bytes, utf16_column

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = sorted(
    [
        *ROOT.glob("tests/corpus/*/*.xml"),
        *ROOT.glob("tests/rules/*.xml"),
        *ROOT.glob("samples/*.xml"),
    ]
)
QUOTES = ROOT / "tests/rules/DT206-quotation-marks.xml"
SERVER = [sys.executable, "-c", "from dtmarkup.cli import main; main()", "lsp"]

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=ROOT.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


def editor_text(path: Path) -> str | None:
    """The file as an editor holds it; None when no text is these bytes (bad encoding)."""
    data = path.read_bytes()
    for codec in ("utf-16", "utf-8", "iso-8859-1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        text = text.removeprefix("\ufeff")
        if to_bytes(text) == data:
            return text
    return None


async def open_document(
    client: LanguageClient, path: Path, text: str, version: int = 1
) -> list[types.Diagnostic]:
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="xml", version=version, text=text)
        )
    )
    return await published(client, uri)


async def published(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """The next diagnostics published for ``uri`` (popped from the client's store first)."""
    while uri not in client.diagnostics:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


async def close(client: LanguageClient, path: Path) -> None:
    """Close, and wait for the server to clear the document's diagnostics."""
    client.diagnostics.pop(path.as_uri(), None)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
    )
    assert await published(client, path.as_uri()) == []


def cli_findings(path: Path, text: str) -> list[tuple[str, int, int, str]]:
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(path)])
    starts = line_starts(text)
    return [
        (
            d["code"],
            (d["line"] or 1) - 1,
            utf16_column(text, starts, d["line"] or 1, d["column"] or 1),
            f"{d['message']} [{d['xpath']}]" if d["xpath"] else d["message"],
        )
        for d in json.loads(result.output)["files"][0]["diagnostics"]
    ]


async def test_the_same_diagnostics_as_the_cli_on_every_corpus_file(client: LanguageClient) -> None:
    compared = 0
    for path in CORPUS:
        text = editor_text(path)
        if text is None:
            continue  # DT006: bytes no editor holds as text
        diagnostics = await open_document(client, path, text)
        await close(client, path)
        got = [
            (str(d.code), d.range.start.line, d.range.start.character, d.message)
            for d in diagnostics
        ]
        assert got == cli_findings(path, text), path.name
        compared += 1
    assert compared >= len(CORPUS) - 1


async def test_diagnostics_follow_an_edit_and_the_fix_action(client: LanguageClient) -> None:
    path = ROOT / "tests/corpus/valid/minimal-article.xml"
    text = path.read_text(encoding="utf-8")
    assert await open_document(client, path, text) == []
    line = next(i for i, row in enumerate(text.splitlines()) if "</headline>" in row)
    character = text.splitlines()[line].index("</headline>")
    client.diagnostics.pop(path.as_uri())
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=2, uri=path.as_uri()),
            [
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=line, character=character),
                        end=types.Position(line=line, character=character),
                    ),
                    text=".",
                )
            ],
        )
    )
    [diagnostic] = await published(client, path.as_uri())
    assert diagnostic.code == "DT207"
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert actions is not None
    quick = [
        a
        for a in actions
        if isinstance(a, types.CodeAction) and a.kind == types.CodeActionKind.QuickFix
    ]
    assert [a.title for a in quick] == ["Remove the headline's final full stop (DT207)"]
    assert quick[0].edit is not None and quick[0].edit.changes is not None
    [edit] = quick[0].edit.changes[path.as_uri()]
    assert (edit.range.start, edit.range.end, edit.new_text) == (
        types.Position(line, character),
        types.Position(line, character + 1),
        "",
    )
    await close(client, path)


async def completion(client: LanguageClient, text: str, marker: str) -> list[str]:
    """Labels offered with the cursor just after ``marker`` in ``text``."""
    before = text[: text.index(marker) + len(marker)]
    position = types.Position(before.count("\n"), len(before.rsplit("\n", 1)[-1]))
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=QUOTES.as_uri()), position=position
        )
    )
    assert isinstance(result, types.CompletionList)
    return sorted(item.label for item in result.items)


async def test_completion_offers_only_the_right_kinds(client: LanguageClient) -> None:
    text = QUOTES.read_text(encoding="utf-8")
    await open_document(client, QUOTES, text)
    assert await completion(client, text, '<author ref="') == ["blinken", "raynaldo"]
    assert await completion(client, text, '<publication ref="') == ["dt", "state-dept"]
    assert await completion(client, text, '<place ref="') == ["reykjavik"]
    assert await completion(client, text, '<q speaker="') == ["blinken", "raynaldo"]
    assert await completion(client, text, '<statement by="') == [
        "blinken",
        "dt",
        "raynaldo",
        "state-dept",
    ]
    assert await completion(client, text, '<mention ref="') == [
        "blinken",
        "dt",
        "raynaldo",
        "reykjavik",
        "state-dept",
    ]
    assert await completion(client, text, "<headline>") == []
    await close(client, QUOTES)


async def test_hover_and_definition(client: LanguageClient) -> None:
    text = QUOTES.read_text(encoding="utf-8")
    await open_document(client, QUOTES, text)
    at = text.index('<q speaker="bl') + len('<q speaker="bl')
    position = types.Position(text[:at].count("\n"), len(text[:at].rsplit("\n", 1)[-1]))
    identifier = types.TextDocumentIdentifier(QUOTES.as_uri())
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=identifier, position=position)
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value == "**Antony J. Blinken** (person `blinken`)\n\nSecretary of State"
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=identifier, position=position)
    )
    assert isinstance(found, types.Location)
    target = text.index('<person id="blinken">')
    assert found.range.start == types.Position(text[:target].count("\n"), 6)
    await close(client, QUOTES)
