"""Language server latency: an edit of a 50 KB article until its diagnostics arrive.

Starts ``dtmarkup lsp`` as an editor would (a real LSP client over stdio, pygls), opens
the generated article nearest to 50 KB, then makes N edits one at a time (typing and
deleting a quotation mark at the start of a paragraph, alternately) and times each from
the didChange notification to the publishDiagnostics for that version. It includes the
server's debounce (dtmarkup.lsp.server.DEBOUNCE). The target (issue 16): p95 at most
150 ms.

    .venv/bin/python bench/bench_lsp.py [--edits N] [--size BYTES]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from generate import articles  # bench/ is the script's directory, first on sys.path
from lsprotocol import types
from pygls.lsp.client import LanguageClient

SERVER = [sys.executable, "-c", "from dtmarkup.cli import main; main()", "lsp"]


def article_of_size(size: int) -> str:
    """The first generated article of at least ``size`` bytes (deterministic)."""
    for _, text in articles(2000, seed=16, invalid=0.0):
        if len(text.encode("utf-8")) >= size:
            return text
    raise SystemExit(f"no generated article reaches {size} bytes")


async def measure(text: str, edits: int) -> list[float]:
    client = LanguageClient("bench", "1")
    arrived: dict[int, float] = {}
    waiting: dict[int, asyncio.Event] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            waiting.setdefault(params.version, asyncio.Event()).set()

    await client.start_io(*SERVER)
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = Path("bench-article.xml").resolve().as_uri()
    waiting[1] = asyncio.Event()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="xml", version=1, text=text)
        )
    )
    await waiting[1].wait()
    offset = text.index("<p>", text.index("<body")) + 3
    line = text.count("\n", 0, offset)
    character = offset - (text.rfind("\n", 0, offset) + 1)
    at = types.Position(line=line, character=character)
    latencies: list[float] = []
    for version in range(2, edits + 2):
        insert = version % 2 == 0
        change = types.TextDocumentContentChangePartial(
            range=types.Range(
                start=at, end=at if insert else types.Position(line=line, character=character + 1)
            ),
            text="“" if insert else "",
        )
        waiting[version] = asyncio.Event()
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(version=version, uri=uri),
                content_changes=[change],
            )
        )
        await asyncio.wait_for(waiting[version].wait(), timeout=30)
        latencies.append((arrived[version] - sent) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--size", type=int, default=50_000)
    options = parser.parse_args()
    text = article_of_size(options.size)
    latencies = sorted(asyncio.run(measure(text, options.edits)))
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"{len(text.encode('utf-8'))} byte article, {len(latencies)} edits: "
        f"median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, "
        f"max {latencies[-1]:.1f} ms (target: p95 <= 150 ms)"
    )


if __name__ == "__main__":
    main()
