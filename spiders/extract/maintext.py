"""Main text of an article page: trafilatura, then repairs where it is known to slip."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import lxml.html

from spiders.extract.text import html_to_text

# Below this many characters trafilatura's own fallbacks (readability, jusText) are tried:
# its no-fallback pass alone returned nothing useful on paywalled or script-built pages of
# the shared captures, while its fallbacks, run on every page, drag in page chrome (cookie
# banners, repeated headlines) on short pages.
SHORT_TEXT = 150
# A JSON-LD articleBody replaces the extraction when it is this much longer: script-rendered
# sites keep the full story there while the HTML shows a teaser.
ARTICLE_BODY_RATIO = 2.0
# Boilerplate lines are short: calls to action and credits are one sentence, a paragraph of
# the story that mentions a newsletter is longer.
BOILERPLATE_MAX_CHARS = 200
# A lead block (standfirst) recovered from beside the main text must read like prose.
LEAD_MIN_CHARS = 80
# " | Environnement | DW | 23.05.2011": what sites append to a headline in <title>.
HEADLINE_SUFFIX_MAX = 80
# Leads sit before one of the first paragraphs (after a kicker or a standfirst at most).
LEAD_LINES = 3

# htmldate's extensive search hands free text to dateparser with every locale loaded (about
# 7 s per crawl process); without it, 25 of the 28 annotated dates of the shared articles are
# still found (26 with it), and feeds and sitemaps carry their own dates anyway.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_BLOCK_TAGS = {"p", "div", "li", "blockquote", "section", "article", "td", "body"}
_ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report)$")

# Calls to action, credits, consent banners, paywalls: one line each, French and English.
_BOILERPLATE = re.compile(
    r"(\bsign up\b|\bnewsletter|\bsubscribe\b|\bsubscription\b|by e-?mail\b|"
    r"letters? to the editor|\bwrite to us\b|all rights reserved|\bcopyright\b|"
    r"photo credits?|image credits?|\bcookies?\b|"
    r"abonnez[- ]vous|inscrivez[- ]vous|créez votre compte|connectez[- ]vous|"
    r"cr[ée]dits? photos?|tous droits réservés|lettre d'information|"
    r"^\s*(partager|share|imprimer|print|lire aussi|read more|à lire aussi)\b)",
    re.IGNORECASE)
# A paywall notice ends the readable part: what follows it is the sales pitch.
_PAYWALL = re.compile(
    r"(pour lire la suite|la suite est réservée|réservé aux abonnés|"
    r"to continue reading|subscribe to (read|continue)|this article is for subscribers)",
    re.IGNORECASE)


@dataclass
class MainText:
    """The repaired main text and the metadata trafilatura read alongside it."""

    text: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    language: str | None = None
    url: str | None = None


def extract_main_text(html: str | bytes, url: str | None = None) -> MainText:
    """Return the main text of an article page, with its metadata."""
    import trafilatura  # lazy: only the feed and sitemap spiders read article pages

    def run(**kwargs: object) -> dict:
        try:
            doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                              include_comments=False,
                                              date_extraction_params=_DATE_PARAMS, **kwargs)
        except Exception:  # trafilatura raises assorted lxml errors on hostile markup
            return {}
        if doc is None:
            return {}
        return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)

    data = run(no_fallback=True)
    if len((data.get("text") or "").strip()) < SHORT_TEXT:
        data = run() or data
    text = (data.get("text") or "").strip()
    tree = _parse(html)
    if tree is not None:
        body = _article_body(tree)
        if body and len(body) >= ARTICLE_BODY_RATIO * max(len(text), 1):
            text = body
    text = clean_lines(text, data.get("title"))
    if tree is not None:
        text = _with_lead(tree, text, data.get("description"))
    return MainText(text=text, title=data.get("title") or None, author=data.get("author") or None,
                    date=data.get("date") or None, language=data.get("language") or None,
                    url=data.get("url") or None)


def clean_lines(text: str, title: str | None) -> str:
    """Drop the headline repeated on top, boilerplate lines and anything after a paywall."""
    lines = [line.strip() for line in text.splitlines()]
    title_key = _key(title or "")
    out: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        key = _key(line)
        # The headline belongs in `title`; page titles also append " | Section | Site".
        if not out and title_key and _is_headline(key, title_key):
            continue
        # Only a notice after the story's start: a teaser line at the top may quote one.
        if _PAYWALL.search(line) and sum(map(len, out)) >= sum(map(len, lines[i:])):
            break
        if len(line) <= BOILERPLATE_MAX_CHARS and _BOILERPLATE.search(line):
            continue
        out.append(line)
    return "\n".join(out)


def _is_headline(key: str, title_key: str) -> bool:
    """Tell whether a line is the page's headline, alone or followed by section and site."""
    if key == title_key:
        return True
    rest = key[len(title_key):] if key.startswith(title_key) else ""
    return bool(re.match(r"\s*[|–—-]\s", rest)) and len(rest) <= HEADLINE_SUFFIX_MAX


def _with_lead(tree: lxml.html.HtmlElement, text: str, description: str | None) -> str:
    """Add lead blocks trafilatura skipped: the standfirst, a text block before a paragraph."""
    lines = text.splitlines()
    if not lines:
        return text
    textkey = _key(text)
    out: list[str] = []
    # The meta description, when the page also shows it as a paragraph, is the standfirst.
    if description and len(description) >= LEAD_MIN_CHARS and _key(description) not in textkey:
        if any(_key(el.text_content()) == _key(description) for el in tree.iter("p", "h2", "div")):
            out.append(description.strip())
            textkey += " " + _key(description)
    for i, line in enumerate(lines):
        if i < LEAD_LINES:
            lead = _block_before(tree, _key(line)[:80])
            if lead and _key(lead) not in textkey:
                out.append(lead)
                textkey += " " + _key(lead)
        out.append(line)
    return "\n".join(out)


def _block_before(tree: lxml.html.HtmlElement, prefix: str) -> str | None:
    """Return the prose of the block right before the one starting with prefix, if any."""
    anchor = _find_block(tree, prefix) if len(prefix) >= 40 else None
    for _ in range(3):  # the block, its parent, its grandparent: a lead sits beside a wrapper
        if anchor is None:
            return None
        prev = anchor.getprevious()
        while prev is not None and not isinstance(prev.tag, str):
            prev = prev.getprevious()
        if prev is not None:
            lead = " ".join(prev.text_content().split())
            return lead if _is_prose(prev, lead) else None
        anchor = anchor.getparent()
    return None


def _is_prose(el: lxml.html.HtmlElement, text: str) -> bool:
    """Tell whether an element holds a sentence of prose rather than links or widgets."""
    if len(text) < LEAD_MIN_CHARS or el.tag in ("nav", "header", "footer", "aside", "script",
                                                 "style", "form", "figure", "ul", "ol"):
        return False
    linked = sum(len(a.text_content()) for a in el.iter("a"))
    return linked < 0.3 * len(text) and re.search(r"[.!?…»\"]\s*$", text) is not None


def _find_block(tree: lxml.html.HtmlElement, prefix: str) -> lxml.html.HtmlElement | None:
    """Return the block element whose text holds the start of an extracted line."""
    needle = prefix[:30]
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        for piece, owner in ((el.text, el), (el.tail, el.getparent())):
            if piece and owner is not None and needle in _key(piece):
                while owner is not None and owner.tag not in _BLOCK_TAGS:
                    owner = owner.getparent()
                return owner
    return None


def _article_body(tree: lxml.html.HtmlElement) -> str:
    """Return the longest articleBody of a schema.org Article in the page's JSON-LD."""
    best = ""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for node in _nodes(data):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            body = node.get("articleBody")
            if isinstance(body, str) and any(isinstance(k, str) and _ARTICLE_TYPES.search(k)
                                             for k in kinds):
                body = html_to_text(body) if "<" in body else body.strip()
                if len(body) > len(best):
                    best = body
    return best


def _nodes(data: object) -> list[dict]:
    """Return every dict of a JSON-LD document (top level, lists and @graph)."""
    out: list[dict] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            out.append(item)
            stack.extend(v for k, v in item.items() if k == "@graph")
    return out


def _parse(html: str | bytes) -> lxml.html.HtmlElement | None:
    """Return the page's element tree, or None when it cannot be parsed."""
    try:
        return lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def _key(text: str) -> str:
    """Return text normalised for comparison: whitespace squeezed, lowercased."""
    return " ".join(text.split()).lower()
