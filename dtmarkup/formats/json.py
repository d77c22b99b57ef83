"""The lossless JSON form of an article (docs/model.md, schema/dtmarkup-1.schema.json).

It mirrors the model: objects carry ``type`` where a choice needs it, mixed content is an
array of strings and inline nodes, optional parts are omitted (never null). Reading checks,
in order: JSON syntax (DT301), duplicate keys (DT302), the JSON Schema (DT303, with a JSON
pointer), characters XML cannot hold (DT304), references (DT305), then the XML form
against the XSD and the editorial rules, so a JSON article is accepted exactly when its
XML form is valid.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING, Any

from dtmarkup import model as m
from dtmarkup.codes import diagnostic
from dtmarkup.diagnostics import Diagnostic, Severity
from dtmarkup.errors import InvalidDocumentError, SchemaLoadError
from dtmarkup.formats.base import ReadResult, WriteResult

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

FORMAT_MARK = "dtmarkup-1"
SCHEMA_FILE = "dtmarkup-1.schema.json"

Json = dict[str, Any]

# ---------------------------------------------------------------------------- model -> JSON


def _put(data: Json, key: str, value: object) -> None:
    if value is not None:
        data[key] = value


def _content(items: tuple[object, ...]) -> list[object]:
    return [item if isinstance(item, str) else _inline(item) for item in items]


def _inline(node: object) -> Json:
    if isinstance(node, m.Mention):
        return {"type": "mention", "ref": node.ref, "text": node.text}
    if isinstance(node, m.DateRef):
        return {"type": "date", "when": node.when, "text": node.text}
    if isinstance(node, m.Emphasis):
        return {"type": "em", "content": _content(node.content)}
    if isinstance(node, m.Strong):
        return {"type": "strong", "content": _content(node.content)}
    if isinstance(node, m.Link):
        return {"type": "a", "href": node.href, "content": _content(node.content)}
    if isinstance(node, m.Quote):
        return {"type": "q", "speaker": node.speaker, "content": _content(node.content)}
    if isinstance(node, m.InlineStatement):
        data: Json = {"type": "statement", "by": node.by, "kind": node.kind}
        _put(data, "issued", node.issued)
        data["content"] = _content(node.content)
        return data
    raise TypeError(f"not an inline node: {node!r}")


def _block(block: m.Block) -> Json:
    if isinstance(block, m.Paragraph):
        return {"type": "p", "content": _content(block.content)}
    if isinstance(block, m.Heading):
        return {"type": "h2", "content": _content(block.content)}
    if isinstance(block, m.Figure):
        image: Json = {"src": block.image.src}
        _put(image, "alt", block.image.alt)
        _put(image, "width", block.image.width)
        _put(image, "height", block.image.height)
        credit: Json = {"text": block.credit.text}
        _put(credit, "source", block.credit.source)
        _put(credit, "photographer", block.credit.photographer)
        data: Json = {"type": "figure", "image": image}
        if block.caption is not None:
            data["caption"] = _content(block.caption)
        data["credit"] = credit
        return data
    if isinstance(block, m.BlockQuote):
        data = {
            "type": "blockquote",
            "speaker": block.speaker,
            "paragraphs": [_content(p.content) for p in block.paragraphs],
        }
        if block.attribution is not None:
            data["attribution"] = _content(block.attribution)
        return data
    if isinstance(block, m.BlockStatement):
        data = {"type": "statement", "by": block.by, "kind": block.kind}
        _put(data, "issued", block.issued)
        data["paragraphs"] = [_content(p.content) for p in block.paragraphs]
        return data
    if isinstance(block, m.ListBlock):
        data = {"type": "list"}
        _put(data, "kind", block.kind)
        data["items"] = [_content(item) for item in block.items]
        return data
    raise TypeError(f"not a block: {block!r}")


def _entity(entity: m.Entity) -> Json:
    if isinstance(entity, m.Person):
        data: Json = {"type": "person", "id": entity.id, "name": entity.name}
        _put(data, "title", entity.title)
        if entity.affiliation is not None:
            affiliation: Json = {"ref": entity.affiliation.ref}
            if entity.affiliation.text:
                affiliation["text"] = entity.affiliation.text
            data["affiliation"] = affiliation
        return data
    if isinstance(entity, m.Organization):
        return {"type": "organization", "id": entity.id, "kind": entity.kind, "name": entity.name}
    return {"type": "place", "id": entity.id, "country": entity.country, "name": entity.name}


def _name(name: m.EntityName) -> Json:
    return {"ref": name.ref, "text": name.text}


def to_json(article: m.Article) -> Json:
    """The article as JSON-ready data."""
    head = article.head
    head_data: Json = {"headline": head.headline}
    _put(head_data, "subheadline", head.subheadline)
    byline: Json = {"authors": [_name(a) for a in head.byline.authors]}
    if head.byline.publication is not None:
        byline["publication"] = _name(head.byline.publication)
    head_data["byline"] = byline
    if head.dateline is not None:
        head_data["dateline"] = {
            "place": _name(head.dateline.place),
            "date": {"when": head.dateline.date.when, "text": head.dateline.date.text},
        }
    _put(head_data, "published", head.published)
    _put(head_data, "updated", head.updated)
    if head.subjects:
        head_data["subjects"] = [{"qcode": s.qcode, "text": s.text} for s in head.subjects]
    if head.keywords:
        head_data["keywords"] = list(head.keywords)
    head_data["entities"] = [_entity(e) for e in head.entities]
    data: Json = {"format": FORMAT_MARK, "id": article.id, "lang": article.lang}
    _put(data, "schemaVersion", article.schema_version)
    _put(data, "revision", article.revision)
    data["head"] = head_data
    data["body"] = [_block(b) for b in article.body]
    return data


def dumps(article: m.Article) -> str:
    """The JSON text of an article: UTF-8 characters kept, two-space indent."""
    with m.deep_recursion():
        return json.dumps(to_json(article), ensure_ascii=False, indent=2) + "\n"


def write(article: m.Article) -> WriteResult:
    """JSON carries everything the model holds: no findings."""
    return WriteResult(dumps(article).encode("utf-8"))


# ---------------------------------------------------------------------------- JSON -> model
# These assume data that passed the JSON Schema.


def _from_content(items: list[Any]) -> tuple[Any, ...]:
    return m.normalize(tuple(x if isinstance(x, str) else _from_inline(x) for x in items))


def _from_inline(data: Json) -> m.InlineNode:
    kind = data["type"]
    if kind == "mention":
        return m.Mention(data["ref"], data["text"])
    if kind == "date":
        return m.DateRef(data["when"], data["text"])
    if kind == "em":
        return m.Emphasis(_from_content(data["content"]))
    if kind == "strong":
        return m.Strong(_from_content(data["content"]))
    if kind == "a":
        return m.Link(data["href"], _from_content(data["content"]))
    if kind == "q":
        return m.Quote(data["speaker"], _from_content(data["content"]))
    return m.InlineStatement(
        data["by"], data["kind"], _from_content(data["content"]), data.get("issued")
    )


def _paragraphs(items: list[Any]) -> tuple[m.Paragraph, ...]:
    return tuple(m.Paragraph(_from_content(p)) for p in items)


def _from_block(data: Json) -> m.Block:
    kind = data["type"]
    if kind == "p":
        return m.Paragraph(_from_content(data["content"]))
    if kind == "h2":
        return m.Heading(_from_content(data["content"]))
    if kind == "figure":
        image, credit = data["image"], data["credit"]
        return m.Figure(
            m.Image(image["src"], image.get("alt"), image.get("width"), image.get("height")),
            m.Credit(credit["text"], credit.get("source"), credit.get("photographer")),
            None if "caption" not in data else _from_content(data["caption"]),
        )
    if kind == "blockquote":
        return m.BlockQuote(
            data["speaker"],
            _paragraphs(data["paragraphs"]),
            None if "attribution" not in data else _from_content(data["attribution"]),
        )
    if kind == "statement":
        return m.BlockStatement(
            data["by"], data["kind"], _paragraphs(data["paragraphs"]), data.get("issued")
        )
    return m.ListBlock(tuple(_from_content(i) for i in data["items"]), data.get("kind"))


def _from_entity(data: Json) -> m.Entity:
    if data["type"] == "person":
        affiliation = data.get("affiliation")
        return m.Person(
            data["id"],
            data["name"],
            data.get("title"),
            None
            if affiliation is None
            else m.Affiliation(affiliation["ref"], affiliation.get("text", "")),
        )
    if data["type"] == "organization":
        return m.Organization(data["id"], data["kind"], data["name"])
    return m.Place(data["id"], data["country"], data["name"])


def _from_name(data: Json) -> m.EntityName:
    return m.EntityName(data["ref"], data["text"])


def from_json(data: Json) -> m.Article:
    """The Article of schema-valid JSON data (``read`` checks it first)."""
    head = data["head"]
    byline = head["byline"]
    dateline = head.get("dateline")
    return m.Article(
        id=data["id"],
        lang=data["lang"],
        head=m.Head(
            headline=head["headline"],
            subheadline=head.get("subheadline"),
            byline=m.Byline(
                tuple(_from_name(a) for a in byline["authors"]),
                None if "publication" not in byline else _from_name(byline["publication"]),
            ),
            dateline=None
            if dateline is None
            else m.Dateline(
                _from_name(dateline["place"]),
                m.DateRef(dateline["date"]["when"], dateline["date"]["text"]),
            ),
            published=head.get("published"),
            updated=head.get("updated"),
            subjects=tuple(m.Subject(s["qcode"], s["text"]) for s in head.get("subjects", ())),
            keywords=tuple(head.get("keywords", ())),
            entities=m.Entities(tuple(_from_entity(e) for e in head["entities"])),
        ),
        body=tuple(_from_block(b) for b in data["body"]),
        schema_version=data.get("schemaVersion"),
        revision=data.get("revision"),
    )


# ---------------------------------------------------------------------------- checks


@functools.cache
def schema() -> Json:
    """The bundled JSON Schema, loaded once."""
    try:
        text = resources.files("dtmarkup.schema").joinpath(SCHEMA_FILE).read_text("utf-8")
        loaded: Json = json.loads(text)
    except (OSError, ValueError) as exc:
        raise SchemaLoadError(f"cannot load {SCHEMA_FILE}: {exc}") from exc
    return loaded


def pointer(path: Any) -> str:
    """A JSON pointer (RFC 6901) for a sequence of keys and indexes."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path) or "/"


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> Json:
    result: Json = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _decode(data: bytes, name: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidDocumentError(
            f"{name}: not UTF-8",
            (diagnostic("DT301", f"the input is not UTF-8 text: {exc.reason}", line=1, column=1),),
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except _DuplicateKey as exc:
        raise InvalidDocumentError(
            f"{name}: duplicate key",
            (diagnostic("DT302", f"the key {exc.args[0]!r} appears twice in one object"),),
        ) from None
    except json.JSONDecodeError as exc:
        raise InvalidDocumentError(
            f"{name}: not JSON",
            (diagnostic("DT301", f"not JSON: {exc.msg}", line=exc.lineno, column=exc.colno),),
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InvalidDocumentError(
            f"{name}: not JSON", (diagnostic("DT301", f"not JSON: {exc}"),)
        ) from None


def _causes(error: ValidationError) -> list[ValidationError]:
    """The errors that explain a failed oneOf/anyOf: those of the branch the instance's
    ``type`` member selects (or of every branch when none does)."""
    if not error.context or error.validator not in ("oneOf", "anyOf"):
        return [error]
    branches: dict[object, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    chosen = [errs for errs in branches.values() if not any(_rules_out(e) for e in errs)]
    if len(chosen) != 1:
        return [error]
    return [cause for sub in chosen[0] for cause in _causes(sub)]


def _rules_out(error: ValidationError) -> bool:
    """Whether an error says the branch is for another kind of node, not a broken one."""
    path = list(error.relative_path)
    return path == ["type"] or (not path and error.validator == "type")


def _schema_findings(value: Any) -> list[Diagnostic]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    findings: list[Diagnostic] = []
    seen: set[tuple[str, str]] = set()
    errors = sorted(validator.iter_errors(value), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        for cause in _causes(error):
            where = pointer(cause.absolute_path)
            if cause.validator in ("oneOf", "anyOf"):
                message = _unmatched(cause.instance)
            elif cause.validator == "pattern" and cause.validator_value == _TEXT_PATTERN:
                message = f"{cause.instance!r} is empty or only white space; text is required"
            else:
                message = cause.message
            if (where, message) in seen:
                continue
            seen.add((where, message))
            findings.append(diagnostic("DT303", f"at {where}: {_clip(message)}", xpath=where))
    return findings


_MAX_MESSAGE = 300
"""Characters of a schema message kept: jsonschema quotes the whole offending value."""


def _clip(message: str) -> str:
    if len(message) <= _MAX_MESSAGE:
        return message
    half = _MAX_MESSAGE // 2
    return f"{message[:half]} … {message[-half:]}"


_TEXT_PATTERN = "[^ \\t\\r\\n]"


def _unmatched(instance: Any) -> str:
    if isinstance(instance, dict) and "type" in instance:
        return f"a node of type {instance['type']!r} is not allowed here"
    if isinstance(instance, dict):
        return 'this object has no "type" member, so it matches no node type'
    return f"a {type(instance).__name__} is not allowed here"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _walk_strings(value: Any, path: tuple[object, ...] = ()) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield pointer(path), value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_strings(key, (*path, key))
            yield from _walk_strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_strings(item, (*path, index))


def _character_findings(value: Any) -> list[Diagnostic]:
    findings = []
    for where, text in _walk_strings(value):
        bad = _NOT_XML.search(text)
        if bad:
            findings.append(
                diagnostic(
                    "DT304",
                    f"at {where}: character U+{ord(bad.group()):04X} cannot appear in XML",
                    xpath=where,
                )
            )
    return findings


_AGENT = ("person", "organization")
_REF_KINDS: dict[str, tuple[str, ...]] = {
    "speaker": _AGENT,
    "by": _AGENT,
    "source": _AGENT,
    "photographer": ("person",),
}


def _reference_findings(data: Json) -> list[Diagnostic]:
    """References that do not resolve, or resolve to the wrong kind of entity."""
    kinds: dict[str, str] = {}
    findings: list[Diagnostic] = []
    for index, entity in enumerate(data["head"]["entities"]):
        if entity["id"] in kinds:
            where = f"/head/entities/{index}/id"
            findings.append(
                diagnostic(
                    "DT305", f"at {where}: entity id {entity['id']!r} is used twice", xpath=where
                )
            )
        kinds[entity["id"]] = entity["type"]

    def check(where: str, ref: str, allowed: tuple[str, ...]) -> None:
        found = kinds.get(ref)
        if found in allowed:
            return
        wanted = " or ".join(allowed)
        problem = "is not in head/entities" if found is None else f"is a {found}"
        findings.append(
            diagnostic(
                "DT305", f"at {where}: {ref!r} {problem}; it must name a {wanted}", xpath=where
            )
        )

    def ref_kinds(value: Json, path: tuple[object, ...]) -> tuple[str, ...]:
        if value.get("type") == "mention":
            return ("person", "organization", "place")
        parent = path[-1] if path else ""
        if parent == "affiliation":
            return ("organization",)
        if parent == "place":
            return ("place",)
        return _AGENT  # byline authors and publication

    def walk(value: Any, path: tuple[object, ...]) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))
            return
        if not isinstance(value, dict):
            return
        for key, item in value.items():
            where = pointer((*path, key))
            if key in _REF_KINDS and isinstance(item, str):
                check(where, item, _REF_KINDS[key])
            elif key == "ref" and isinstance(item, str):
                check(where, item, ref_kinds(value, path))
            else:
                walk(item, (*path, key))

    walk(data, ())
    return findings


def _xml_findings(article: m.Article, rules: bool) -> tuple[Diagnostic, ...]:
    """The XSD (and the editorial rules) on the XML form: the last word on validity, so a
    JSON article is accepted exactly when its XML form would be."""
    from dtmarkup.check import validate_tree
    from dtmarkup.xml.gate import tree_limits
    from dtmarkup.xml.serialize import to_tree

    tree = to_tree(article)
    over = tree_limits(tree.getroot())
    if over:  # the XML form would be refused at the gate: the same codes here
        return tuple(over)
    report = validate_tree(tree, "<json>", rules=rules)
    # Line numbers of a tree built in memory mean nothing to the user: keep the XPath.
    return tuple(
        Diagnostic(d.code, d.severity, d.message, None, None, d.xpath, d.source, d.hint)
        for d in report.diagnostics
    )


def _refuse(name: str, findings: list[Diagnostic] | tuple[Diagnostic, ...], data: bytes) -> None:
    if any(d.severity is Severity.ERROR for d in findings):
        raise InvalidDocumentError(f"{name}: invalid dtmarkup JSON", _located(findings, data))


def _located(
    findings: list[Diagnostic] | tuple[Diagnostic, ...], data: bytes
) -> tuple[Diagnostic, ...]:
    """Findings whose xpath is a JSON pointer get the line and column of that value."""
    from dtmarkup.formats.json_positions import positions

    try:
        wanted = {d.xpath for d in findings if d.xpath and d.line is None}
        if not wanted:
            return tuple(findings)
        where = positions(data.decode("utf-8-sig"), wanted)
    except (ValueError, IndexError, RecursionError):  # pragma: no cover - text parsed before
        return tuple(findings)
    located = []
    for d in findings:
        place = where.get(d.xpath or "")
        if place is not None and d.line is None:
            d = Diagnostic(
                d.code, d.severity, d.message, place[0], place[1], d.xpath, d.source, d.hint
            )
        located.append(d)
    return tuple(located)


MAX_DEPTH = 520
"""Deepest nesting of JSON arrays and objects read: what 256 levels of XML elements, the
input gate's limit (DT009), give in the JSON form, with a margin."""


def _depth_findings(value: Any) -> list[Diagnostic]:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return [
                diagnostic("DT306", f"arrays and objects are nested more than {MAX_DEPTH} deep")
            ]
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return []


def read(data: bytes, name: str = "<bytes>", *, rules: bool = True) -> ReadResult:
    """An article from its JSON form; InvalidDocumentError lists every problem found.

    Editorial-rule warnings (DT2xx) come back with the article, as for dtmarkup XML."""
    with m.deep_recursion():
        return _read(data, name, rules)


def _read(data: bytes, name: str, rules: bool) -> ReadResult:
    value = _decode(data, name)
    _refuse(name, _depth_findings(value), data)
    _refuse(name, _schema_findings(value), data)
    _refuse(name, _character_findings(value), data)
    _refuse(name, _reference_findings(value), data)
    article = from_json(value)
    findings = _xml_findings(article, rules)
    _refuse(name, findings, data)
    return ReadResult(article, findings)


def loads(text: str | bytes) -> m.Article:
    """An article from JSON text (checked like ``read``)."""
    return read(text.encode("utf-8") if isinstance(text, str) else text).article


def sniff(data: bytes) -> bool:
    """A JSON object that declares ``"format": "dtmarkup-1"`` near its start."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and re.search(rb'"format"\s*:\s*"dtmarkup-1"', head) is not None
