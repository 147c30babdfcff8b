"""Pages with schema.org Review markup (JSON-LD, microdata, RDFa) or CSS selectors to reviews."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import extruct
from scrapy.http import TextResponse

from spiders.extract.context import DocContext
from spiders.extract.dates import is_relative, parse_date
from spiders.extract.text import html_to_text
from spiders.extract.urls import canonical_url, platform_doc_id, sha1_id
from spiders.items import Document

# Tried in this order; the first syntax that carries reviews wins, so a page marked up twice
# (JSON-LD and microdata, common on retail sites) does not yield each review twice.
_SYNTAXES = ("json-ld", "microdata", "rdfa")
_ORG_TYPES = {"Organization", "Corporation", "LocalBusiness", "Store", "Brand"}
# A configured selector may end in @attr (veille.example.toml: ".stars@data-rating") to read an
# attribute; an @ inside [...] belongs to CSS and leaves the name unmatched here.
_ATTR_SUFFIX = re.compile(r"(?P<css>.*?)\s*@(?P<attr>[A-Za-z_][\w:.-]*)")
# "4", "4,5", "Noté 4 sur 5", "4/5", "8 out of 10": the rating, and the scale when given.
_RATING_TEXT = re.compile(r"(\d+(?:[.,]\d+)?)(?:\s*(?:/|sur|out of)\s*(\d+(?:[.,]\d+)?))?",
                          re.IGNORECASE)


@dataclass
class ReviewPage:
    """Reviews of one page, the page's aggregate rating, and the next page's URL."""

    documents: list[Document] = field(default_factory=list)
    aggregate: dict[str, float] | None = None
    next_url: str | None = None


def extract_reviews(response: TextResponse, ctx: DocContext,
                    selectors: dict[str, str] | None = None,
                    id_base: str | None = None) -> ReviewPage:
    """Return the reviews, aggregate rating and next page link of a review page.

    Reviews without an id of their own get one under id_base (the company page's first
    URL, else this page's), so a review keeps its id when newer ones push it a page further.
    """
    selectors = selectors or {}
    id_base = id_base or response.url
    page = ReviewPage(next_url=next_page_url(response, selectors.get("next")))
    if selectors.get("review"):
        page.documents = _from_selectors(response, ctx, selectors, id_base)
        return page
    try:
        data = extruct.extract(response.text, base_url=response.url,
                               syntaxes=list(_SYNTAXES), uniform=True, errors="ignore")
    except Exception:  # extruct raises bare parser errors on broken markup; no reviews then
        return page
    for syntax in _SYNTAXES:
        nodes = _typed_nodes(data.get(syntax, []), "Review")
        if nodes:
            seen: set[str] = set()
            for node in nodes:
                doc = review_document(node, response.url, ctx, id_base)
                if doc and doc.doc_id not in seen:
                    seen.add(doc.doc_id)
                    page.documents.append(doc)
            break
    for syntax in _SYNTAXES:
        for node in _typed_nodes(data.get(syntax, []), "AggregateRating"):
            value = _number(node.get("ratingValue"))
            if value is not None:
                page.aggregate = {"rating": value,
                                  "count": _number(node.get("reviewCount") or node.get("ratingCount")) or 0,
                                  "best": _number(node.get("bestRating")) or 5.0}
                break
        if page.aggregate:
            break
    return page


def review_document(node: dict, page_url: str, ctx: DocContext,
                    id_base: str | None = None) -> Document | None:
    """Return one schema.org Review node as a document (None without any text).

    id_base is the URL ids of reviews without one hang on (see extract_reviews).
    """
    body = _text(node.get("reviewBody") or node.get("description") or node.get("text"))
    title = _text(node.get("name") or node.get("headline"))
    author = _name(node.get("author"))
    date_text = _first(node.get("datePublished") or node.get("dateCreated"))
    published = parse_date(date_text, now=ctx.now)
    rating = node.get("reviewRating") or {}
    rating = rating[0] if isinstance(rating, list) and rating else rating
    if not isinstance(rating, dict):
        rating = {"ratingValue": rating}
    reply_text, reply_at = _company_reply(node, ctx.now)
    id_base = (id_base or page_url).split("#")[0]
    node_id = _first(node.get("@id"))
    review_url = _first(node.get("url"))
    if node_id:
        doc_id = platform_doc_id("review", str(node_id))
        url = urljoin(page_url, str(review_url)) if review_url else str(node_id)
    elif review_url and urlsplit(str(review_url)).fragment:
        url = urljoin(page_url, str(review_url))
        # "#r12" names the review on whichever page shows it today: anchor it on id_base.
        key = urljoin(id_base, str(review_url)) if str(review_url).startswith("#") else url
        doc_id = sha1_id(canonical_url(key, keep_fragment=True))
    else:
        # No id on the page: anchor on the content so the same review keeps its id across
        # runs, leaving out a date that counts from the clock ("il y a 3 jours" moves daily).
        when = "" if is_relative(date_text, ctx.now) else published
        anchor = sha1_id(f"{author}|{when}|{body}")[:12]
        url = f"{page_url.split('#')[0]}#review-{anchor}"
        doc_id = sha1_id(canonical_url(f"{id_base}#review-{anchor}", keep_fragment=True))
    return ctx.document(
        doc_id, "review",
        url=url if url.startswith("http") else page_url, canonical_url=canonical_url(page_url),
        author=author, title=title or None, text=body or None, published_at=published,
        rating=_number(rating.get("ratingValue")),
        rating_best=_number(rating.get("bestRating")) or 5.0,
        reply_text=reply_text, reply_at=reply_at,
        lang_hint=_lang(node.get("inLanguage")),
    )


def next_page_url(response: TextResponse, selector: str | None = None) -> str | None:
    """Return the absolute URL of the next page: configured selector, else rel=next links."""
    candidates = []
    if selector:
        if _ATTR_SUFFIX.fullmatch(selector.strip()) or "::" in selector:
            candidates += _select(response, selector)
        else:
            sel = response.css(selector)
            candidates += sel.css("::attr(href)").getall() or sel.css("::text").getall()
    candidates += response.xpath(
        "//link[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"
        " | //a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href").getall()
    for href in candidates:
        href = href.strip()
        if href and not href.startswith(("#", "javascript:")):
            return response.urljoin(href)
    return None


def _from_selectors(response: TextResponse, ctx: DocContext, selectors: dict[str, str],
                    id_base: str) -> list[Document]:
    """Return reviews read with configured CSS selectors (pages without markup)."""
    docs = []
    for block in response.css(selectors["review"]):
        def pick(key: str, block=block) -> str | None:  # noqa: ANN001 - a Selector
            if not selectors.get(key):
                return None
            return " ".join(v for v in _select(block, selectors[key]) if v) or None

        block_id = block.attrib.get("id")
        node = {"reviewBody": pick("body"), "author": pick("author"), "datePublished": pick("date"),
                "reviewRating": _rating(pick("rating")), "name": pick("title"),
                "@id": block_id and f"{id_base.split('#')[0]}#{block_id}",
                "url": block_id and f"{response.url.split('#')[0]}#{block_id}"}
        reply = pick("reply")
        if reply:
            node["comment"] = {"@type": "Comment", "text": reply, "dateCreated": pick("reply_date"),
                               "author": {"@type": "Organization"}}
        doc = review_document({k: v for k, v in node.items() if v}, response.url, ctx, id_base)
        if doc:
            docs.append(doc)
    return docs


def _select(root: object, selector: str) -> list[str]:
    """Return what a configured selector points at, one string per match.

    "css@attr" and "css::attr(name)" read an attribute, "css::text" the text; plain "css"
    reads each element's text, else its content or datetime attribute (<meta>, <time>).
    """
    selector = selector.strip()
    match = _ATTR_SUFFIX.fullmatch(selector)
    if match:
        css, attr = match["css"], match["attr"]
        if not css:  # "@data-id": an attribute of the block itself
            value = root.attrib.get(attr)  # type: ignore[attr-defined]
            return [value.strip()] if value else []
        selector = f"{css}::attr({attr})"
    values = []
    for sel in root.css(selector):  # type: ignore[attr-defined]
        if isinstance(sel.root, str):  # ::text or ::attr(...) matched a string
            value = sel.root
        else:
            value = html_to_text(sel.get()) or sel.attrib.get("content") or \
                sel.attrib.get("datetime") or ""
        if value.strip():
            values.append(value.strip())
    return values


def _rating(text: str | None) -> dict[str, object]:
    """Return a Rating node from a configured selector's text ("4", "Noté 4 sur 5", "8/10")."""
    match = _RATING_TEXT.search(text or "")
    if not match:
        return {}
    rating: dict[str, object] = {"ratingValue": match[1]}
    if match[2]:
        rating["bestRating"] = match[2]
    return rating


def _company_reply(node: dict, now: datetime | None = None) -> tuple[str | None, object]:
    """Return the text and date of the first comment whose author is an organization."""
    comments = node.get("comment") or []
    for comment in comments if isinstance(comments, list) else [comments]:
        if not isinstance(comment, dict):
            continue
        author = comment.get("author")
        author = author[0] if isinstance(author, list) and author else author
        types = author.get("@type") if isinstance(author, dict) else None
        types = set(types if isinstance(types, list) else [types])
        if types & _ORG_TYPES:
            text = _text(comment.get("text") or comment.get("description"))
            when = parse_date(_first(comment.get("dateCreated") or comment.get("datePublished")),
                              now=now)
            return text or None, when
    return None, None


def _typed_nodes(obj: object, wanted: str) -> list[dict]:
    """Return every dict below obj whose @type is (or includes) wanted, outermost first."""
    found: list[dict] = []
    stack = [obj]
    while stack:
        cur = stack.pop(0)
        if isinstance(cur, dict):
            types = cur.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.rsplit("/", 1)[-1] == wanted for t in types):
                found.append(cur)
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
    return found


def _first(value: object) -> object:
    """Return the first element of a list value, else the value."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _name(value: object) -> str | None:
    """Return a person's or organization's name from a string or a Thing."""
    value = _first(value)
    if isinstance(value, dict):
        value = _first(value.get("name"))
    return _text(value) or None


def _text(value: object) -> str:
    """Return plain text from a string that may carry HTML."""
    value = _first(value)
    return html_to_text(value) if isinstance(value, str) else ""


def _number(value: object) -> float | None:
    """Return a rating-like number ("4,5" included) or None."""
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value")
    try:
        return float(str(value).replace(",", ".").strip())
    except (TypeError, ValueError):
        return None


def _lang(value: object) -> str | None:
    """Return a two-letter language hint from inLanguage."""
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName")
    return str(value).split("-")[0].lower() if value else None
