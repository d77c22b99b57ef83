"""HTML5: a news page (or only its <article>) from Jinja2 templates users can override.

Structure is in the templates (templates/*.j2; ``--template DIR`` puts a directory in
front of them), inline content is rendered here, so that every piece of article text
and every attribute value passes through one escaping path. Autoescaping is on; URLs go
through the safety policy; the JSON-LD is made safe for a <script> element.
"""

from __future__ import annotations

import json
import os
from typing import Any

import jinja2
from markupsafe import Markup, escape

from dtmarkup import model as m
from dtmarkup.errors import TemplateError
from dtmarkup.render import common
from dtmarkup.render.safety import Notes, clean_text, json_for_script, safe_url

PAGE_TEMPLATE = "page.html.j2"
FRAGMENT_TEMPLATE = "fragment.html.j2"


class TemplateProblem(TemplateError):
    """A template could not be loaded or rendered (reported as DT403)."""


def environment(template_dir: str | os.PathLike[str] | None = None) -> jinja2.Environment:
    """Templates from ``template_dir`` first, then the built-in ones."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(os.fspath(template_dir)))
    loaders.append(jinja2.PackageLoader("dtmarkup.render", "templates"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class View:
    """What templates see as ``r``: the article's pieces, rendered safely."""

    def __init__(self, article: m.Article, notes: Notes) -> None:
        self.article = article
        self.notes = notes
        self.labels = common.labels(article.lang)
        self._in_link = False

    # ---- text and attributes (autoescaped by Jinja afterwards)
    def text(self, value: str | None) -> str:
        return "" if value is None else clean_text(value, self.notes)

    def url(self, href: str) -> str | None:
        return safe_url(href, self.notes)

    def src(self, src: str) -> str | None:
        return safe_url(src, self.notes, image=True)

    def datetime(self, value: str | None) -> str | None:
        return None if value is None else common.html_datetime(value)

    def display_datetime(self, value: str) -> str:
        return common.display_datetime(value)

    def lead_index(self) -> int | None:
        """The index of the first paragraph of the body: the dateline goes in front of it."""
        for index, block in enumerate(self.article.body):
            if isinstance(block, m.Paragraph):
                return index
        return None

    def blank(self, content: tuple[object, ...] | None) -> bool:
        """Whether mixed content shows nothing (an empty heading is not written)."""
        return not m.plain_text(content or ()).strip()

    def kind(self, block: m.Block) -> str:
        return common.BLOCK_NAMES[type(block)]

    def entity(self, entity_id: str | None) -> m.Entity | None:
        return self.article.head.entities.get(entity_id)

    def entity_type(self, entity_id: str | None) -> str:
        entity = self.entity(entity_id)
        return "" if entity is None else type(entity).__name__.lower()

    def name(self, entity_id: str | None) -> str:
        return self.text(self.article.head.entities.name(entity_id) or entity_id or "")

    def entity_summary(self, entity: m.Entity) -> str:
        """One line about an entity for the who's-who list."""
        if isinstance(entity, m.Person):
            parts = [self.text(entity.title)] if entity.title else []
            if entity.affiliation is not None:
                parts.append(self.name(entity.affiliation.ref))
            return ", ".join(parts) or "Person"
        if isinstance(entity, m.Organization):
            return common.ORGANIZATION_KIND_LABELS.get(entity.kind, entity.kind)
        return entity.country

    def statement_label(self, kind: str) -> str:
        return common.STATEMENT_KIND_LABELS.get(kind, kind)

    # ---- inline content, rendered to markup here
    def inline(self, content: tuple[object, ...] | None) -> Markup:
        if not content:
            return Markup("")
        return Markup("").join(self._node(item) for item in content)

    def _node(self, node: object) -> Markup:
        if isinstance(node, str):
            return escape(self.text(node))
        if isinstance(node, m.Mention):
            return Markup(
                '<span class="dtm-mention" data-ref="{}" data-entity="{}">{}</span>'
            ).format(node.ref, self.entity_type(node.ref), self.text(node.text))
        if isinstance(node, m.DateRef):
            return self.time(node.when, node.text)
        if isinstance(node, m.Emphasis):
            return Markup("<em>{}</em>").format(self.inline(node.content))
        if isinstance(node, m.Strong):
            return Markup("<strong>{}</strong>").format(self.inline(node.content))
        if isinstance(node, m.Link):
            if self._in_link:  # HTML forbids a link inside a link: keep the outer one
                return Markup('<span class="dtm-link-nested">{}</span>').format(
                    self.inline(node.content)
                )
            href = self.url(node.href)
            if href is None:
                return Markup('<span class="dtm-link-removed">{}</span>').format(
                    self.inline(node.content)
                )
            self._in_link = True
            try:
                inner = self.inline(node.content)
            finally:
                self._in_link = False
            return Markup('<a href="{}">{}</a>').format(href, inner)
        if isinstance(node, m.Quote):
            return Markup('<q data-speaker="{}">{}</q>').format(
                node.speaker, self.inline(node.content)
            )
        if isinstance(node, m.InlineStatement):
            issued = self.datetime(node.issued)
            return Markup('<q class="dtm-statement" data-by="{}" data-kind="{}"{}>{}</q>').format(
                node.by,
                node.kind,
                Markup(' data-issued="{}"').format(issued) if issued else "",
                self.inline(node.content),
            )
        raise TypeError(f"not an inline node: {node!r}")

    def time(self, when: str, text: str) -> Markup:
        value = common.html_datetime(when)
        if value is None:
            return Markup('<span class="dtm-date">{}</span>').format(self.text(text))
        return Markup('<time datetime="{}">{}</time>').format(value, self.text(text))

    # ---- schema.org
    def json_ld(self) -> Markup:
        data = json_ld(self.article, self)
        return Markup(json_for_script(json.dumps(data, ensure_ascii=False, indent=2)))


def _agent(entity: m.Entity | None, fallback: str, view: View) -> dict[str, Any]:
    if isinstance(entity, m.Person):
        data: dict[str, Any] = {"@type": "Person", "name": entity.name}
        if entity.title:
            data["jobTitle"] = entity.title
        return data
    if isinstance(entity, m.Organization):
        return {
            "@type": "NewsMediaOrganization" if entity.kind == "media" else "Organization",
            "name": entity.name,
        }
    return {"@type": "Thing", "name": fallback}


def json_ld(article: m.Article, view: View) -> dict[str, Any]:
    """The schema.org NewsArticle of an article (values as plain text)."""
    head = article.head
    entities = head.entities
    t = view.text
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "identifier": article.id,
        "inLanguage": article.lang,
        "headline": t(common.collapse(head.headline).strip()),
    }
    if head.subheadline:
        data["alternativeHeadline"] = t(common.collapse(head.subheadline).strip())
    filed = head.dateline.date.when if head.dateline is not None else None
    published = head.published or filed
    if published is not None:
        data["datePublished"] = published.strip()
        data["dateModified"] = (head.updated or published).strip()
    if head.dateline is not None:
        data["dateline"] = common.dateline_text(article, t)
    data["author"] = [
        {**_agent(entities.get(a.ref), a.text, view), "name": t(a.text.strip())}
        for a in head.byline.authors
    ]
    if head.byline.publication is not None:
        publication = head.byline.publication
        data["publisher"] = _agent(entities.get(publication.ref), publication.text, view)
    images = []
    for block in article.body:
        if not isinstance(block, m.Figure):
            continue
        src = view.src(block.image.src)
        if src is None:
            continue
        image: dict[str, Any] = {"@type": "ImageObject", "contentUrl": src, "url": src}
        if block.caption:
            image["caption"] = t(common.collapse(m.plain_text(block.caption)).strip())
        image["creditText"] = t(common.collapse(block.credit.text).strip())
        if block.credit.source is not None:
            image["copyrightHolder"] = _agent(
                entities.get(block.credit.source), block.credit.source, view
            )
        if block.credit.photographer is not None:
            image["creator"] = _agent(
                entities.get(block.credit.photographer), block.credit.photographer, view
            )
        if block.image.width:
            image["width"] = block.image.width
        if block.image.height:
            image["height"] = block.image.height
        images.append(image)
    if images:
        data["image"] = images
    place = entities.get(head.dateline.place.ref) if head.dateline is not None else None
    if isinstance(place, m.Place):
        data["locationCreated"] = {
            "@type": "Place",
            "name": t(place.name.strip()),
            "address": {"@type": "PostalAddress", "addressCountry": place.country},
        }
    if head.keywords:
        data["keywords"] = [t(k.strip()) for k in head.keywords]
    if head.subjects:
        data["about"] = [
            {"@type": "Thing", "name": t(s.text.strip()), "identifier": s.qcode}
            for s in head.subjects
        ]
    return data


def render(
    article: m.Article,
    *,
    fragment: bool = False,
    template_dir: str | os.PathLike[str] | None = None,
) -> tuple[str, Notes]:
    """The page (or with ``fragment`` only the <article> element) and the findings.

    Raises TemplateProblem when a template is missing, broken or fails.
    """
    notes = Notes(common.url_paths(article))
    view = View(article, notes)
    env = environment(template_dir)
    name = FRAGMENT_TEMPLATE if fragment else PAGE_TEMPLATE
    try:
        template = env.get_template(name)
        text = template.render(article=article, head=article.head, r=view, labels=view.labels)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"{name}: {exc.__class__.__name__}: {exc}") from exc
    return text, notes
