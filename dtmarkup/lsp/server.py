"""The language server: dtmarkup's findings, completion and navigation in any LSP editor.

- diagnostics as you type: the codes, lines, columns and messages of ``dtmarkup
  validate`` (input gate, XSD and editorial rules, inline suppressions), with the
  project's config and baseline; published a moment after the last change (DEBOUNCE);
- completion of ref, speaker, by, source and photographer: only entities of the kinds
  the schema and the editorial rules accept there;
- hover on a reference shows the entity; go to definition jumps to it;
- code actions: each finding's fixes (safe ones preferred) and "fix all safe".
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from dtmarkup import __version__
from dtmarkup.diagnostics import Diagnostic, Edit, Fix, Severity
from dtmarkup.fix.apply import disjoint
from dtmarkup.lsp import analysis

DEBOUNCE = 0.03
"""Seconds to wait after a change before checking: fast typing checks once, not per key."""

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class _State:
    """What the server remembers per document: the last findings and the pending check."""

    findings: dict[str, tuple[int | None, list[Diagnostic]]] = field(default_factory=dict)
    pending: dict[str, asyncio.Task[None]] = field(default_factory=dict)


class DtmarkupServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("dtmarkup", __version__)
        self.state = _State()


server = DtmarkupServer()


def check_now(ls: DtmarkupServer, uri: str) -> None:
    """Check the document and publish its diagnostics."""
    document = ls.workspace.get_text_document(uri)
    text = document.source
    report = analysis.check(text, document.path if uri.startswith("file:") else None)
    findings = list(report.diagnostics)
    ls.state.findings[uri] = (document.version, findings)
    starts = analysis.line_starts(text)
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(
            uri=uri,
            version=document.version,
            diagnostics=[to_lsp(text, starts, finding) for finding in findings],
        )
    )


def to_lsp(text: str, starts: list[int], finding: Diagnostic) -> types.Diagnostic:
    """A finding as an LSP diagnostic: from its place to the end of the word there."""
    line = max((finding.line or 1) - 1, 0)
    character = analysis.utf16_column(text, starts, line + 1, finding.column or 1)
    start = analysis.offset_of(text, starts, line, character)
    end = start
    while end < len(text) and text[end] not in " \t\r\n>" and end - start < 80:
        end += 1
    end_line, end_character = analysis.position_of(text, starts, max(end, start))
    message = f"{finding.message} [{finding.xpath}]" if finding.xpath else finding.message
    return types.Diagnostic(
        range=types.Range(types.Position(line, character), types.Position(end_line, end_character)),
        message=message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        source="dtmarkup",
        data={"fixes": len(finding.fixes)},
    )


async def _check_later(ls: DtmarkupServer, uri: str) -> None:
    await asyncio.sleep(DEBOUNCE)
    ls.state.pending.pop(uri, None)
    check_now(ls, uri)


def schedule(ls: DtmarkupServer, uri: str) -> None:
    """Check after DEBOUNCE, replacing a check not yet started."""
    pending = ls.state.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.state.pending[uri] = asyncio.get_event_loop().create_task(_check_later(ls, uri))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: DtmarkupServer, params: types.DidOpenTextDocumentParams) -> None:
    check_now(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: DtmarkupServer, params: types.DidChangeTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: DtmarkupServer, params: types.DidSaveTextDocumentParams) -> None:
    check_now(ls, params.text_document.uri)  # the config or baseline may have changed too


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: DtmarkupServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.state.findings.pop(uri, None)
    pending = ls.state.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def _reference(
    document: TextDocument, position: types.Position
) -> tuple[str, list[int], analysis.Reference | None]:
    text = document.source
    starts = analysis.line_starts(text)
    offset = analysis.offset_of(text, starts, position.line, position.character)
    return text, starts, analysis.reference_at(text, offset)


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=['"', "'"])
)
def completion(ls: DtmarkupServer, params: types.CompletionParams) -> types.CompletionList:
    document = ls.workspace.get_text_document(params.text_document.uri)
    text, starts, reference = _reference(document, params.position)
    if reference is None:
        return types.CompletionList(is_incomplete=False, items=[])
    kinds = analysis.kinds_for(reference)
    start = types.Position(*analysis.position_of(text, starts, reference.start))
    end = types.Position(*analysis.position_of(text, starts, reference.end))
    items = [
        types.CompletionItem(
            label=entity.id,
            kind=types.CompletionItemKind.Reference,
            detail=f"{entity.kind}: {entity.name}" if entity.name else entity.kind,
            documentation=types.MarkupContent(types.MarkupKind.Markdown, entity.describe()),
            text_edit=types.TextEdit(types.Range(start, end), entity.id),
            filter_text=f"{entity.id} {entity.name}",
        )
        for entity in analysis.registry(text).values()
        if entity.kind in kinds
    ]
    return types.CompletionList(is_incomplete=False, items=items)


def _entity_at(
    ls: DtmarkupServer, uri: str, position: types.Position
) -> tuple[str, list[int], analysis.Reference, analysis.Entity] | None:
    """The reference under the cursor and the entity it names, if both exist."""
    text, starts, reference = _reference(ls.workspace.get_text_document(uri), position)
    entity = analysis.registry(text).get(reference.value.strip()) if reference else None
    if reference is None or entity is None:
        return None
    return text, starts, reference, entity


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: DtmarkupServer, params: types.HoverParams) -> types.Hover | None:
    found = _entity_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    text, starts, reference, entity = found
    return types.Hover(
        contents=types.MarkupContent(types.MarkupKind.Markdown, entity.describe()),
        range=types.Range(
            types.Position(*analysis.position_of(text, starts, reference.start)),
            types.Position(*analysis.position_of(text, starts, reference.end)),
        ),
    )


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: DtmarkupServer, params: types.DefinitionParams) -> types.Location | None:
    found = _entity_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    text, starts, _, entity = found
    at = types.Position(*analysis.position_of(text, starts, entity.start))
    return types.Location(params.text_document.uri, types.Range(at, at))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
    ),
)
def code_action(ls: DtmarkupServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    version, findings = ls.state.findings.get(uri, (None, []))
    if version != document.version:
        return []  # the text changed since the check: its edits would land in the wrong place
    text = document.source
    starts = analysis.line_starts(text)
    first, last = params.range.start.line + 1, params.range.end.line + 1
    actions: list[types.CodeAction] = []
    for finding in findings:
        if finding.line is None or not first <= finding.line <= last:
            continue
        for fix in finding.fixes:
            actions.append(
                types.CodeAction(
                    title=f"{fix.message} ({finding.code})" + ("" if fix.safe else " [unsafe]"),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[to_lsp(text, starts, finding)],
                    is_preferred=fix.safe,
                    edit=_workspace_edit(uri, text, starts, [fix]),
                )
            )
    safe = disjoint([f for d in findings for f in d.fixes if f.safe])
    if safe:
        actions.append(
            types.CodeAction(
                title=f"Apply the {len(safe)} safe dtmarkup fix{'es' * (len(safe) != 1)}",
                kind=types.CodeActionKind.SourceFixAll,
                edit=_workspace_edit(uri, text, starts, safe),
            )
        )
    only = params.context.only
    return [a for a in actions if not only or any(str(a.kind).startswith(k) for k in only)]


def _workspace_edit(
    uri: str, text: str, starts: list[int], fixes: list[Fix]
) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(
        changes={uri: [_text_edit(text, starts, edit) for fix in fixes for edit in fix.edits]}
    )


def _text_edit(text: str, starts: list[int], edit: Edit) -> types.TextEdit:
    start = types.Position(
        edit.line - 1, analysis.utf16_column(text, starts, edit.line, edit.column)
    )
    end = types.Position(
        edit.end_line - 1, analysis.utf16_column(text, starts, edit.end_line, edit.end_column)
    )
    return types.TextEdit(types.Range(start, end), edit.replacement)


def run() -> None:
    """Serve on standard input and output until the client says exit."""
    server.start_io()
