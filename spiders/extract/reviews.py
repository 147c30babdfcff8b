"""Pages with schema.org Review markup (JSON-LD, microdata, RDFa) or CSS selectors to reviews."""

from __future__ import annotations

from datetime import datetime

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import extruct
from scrapy.http import TextResponse

from spiders.extract.context import DocContext
from spiders.extract.dates import parse_date
from spiders.extract.text import html_to_text
from spiders.extract.urls import canonical_url, platform_doc_id, sha1_id
from spiders.items import Document

# Tried in this order; the first syntax that carries reviews wins, so a page marked up twice
# (JSON-LD and microdata, common on retail sites) does not yield each review twice.
_SYNTAXES = ("json-ld", "microdata", "rdfa")
_ORG_TYPES = {"Organization", "Corporation", "LocalBusiness", "Store", "Brand"}


@dataclass
class ReviewPage:
    """Reviews of one page, the page's aggregate rating, and the next page's URL."""

    documents: list[Document] = field(default_factory=list)
    aggregate: dict[str, float] | None = None
    next_url: str | None = None


def extract_reviews(response: TextResponse, ctx: DocContext,
                    selectors: dict[str, str] | None = None) -> ReviewPage:
    """Return the reviews, aggregate rating and next page link of a review page."""
    selectors = selectors or {}
    page = ReviewPage(next_url=next_page_url(response, selectors.get("next")))
    if selectors.get("review"):
        page.documents = _from_selectors(response, ctx, selectors)
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
                doc = review_document(node, response.url, ctx)
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


def review_document(node: dict, page_url: str, ctx: DocContext) -> Document | None:
    """Return one schema.org Review node as a document (None without any text)."""
    body = _text(node.get("reviewBody") or node.get("description") or node.get("text"))
    title = _text(node.get("name") or node.get("headline"))
    author = _name(node.get("author"))
    published = parse_date(_first(node.get("datePublished") or node.get("dateCreated")),
                           now=ctx.now)
    rating = node.get("reviewRating") or {}
    rating = rating[0] if isinstance(rating, list) and rating else rating
    if not isinstance(rating, dict):
        rating = {"ratingValue": rating}
    reply_text, reply_at = _company_reply(node, ctx.now)
    node_id = _first(node.get("@id"))
    review_url = _first(node.get("url"))
    if node_id:
        doc_id, url = platform_doc_id("review", str(node_id)), str(node_id)
    elif review_url and urlsplit(str(review_url)).fragment:
        url = urljoin(page_url, str(review_url))
        doc_id = sha1_id(canonical_url(url, keep_fragment=True))
    else:
        # No id on the page: anchor on the content so the same review keeps its id across runs.
        anchor = sha1_id(f"{author}|{published}|{body}")[:12]
        url = f"{page_url.split('#')[0]}#review-{anchor}"
        doc_id = sha1_id(canonical_url(url, keep_fragment=True))
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


def _from_selectors(response: TextResponse, ctx: DocContext,
                    selectors: dict[str, str]) -> list[Document]:
    """Return reviews read with configured CSS selectors (pages without markup)."""
    docs = []
    for block in response.css(selectors["review"]):
        def pick(key: str, block=block) -> str | None:  # noqa: ANN001 - a Selector
            if not selectors.get(key):
                return None
            sel = block.css(selectors[key])
            value = " ".join(t.strip() for t in sel.css("::text").getall() if t.strip())
            return value or sel.css("::attr(content)").get() or sel.css("::attr(datetime)").get()

        node = {"reviewBody": pick("body"), "author": pick("author"),
                "datePublished": pick("date"), "reviewRating": {"ratingValue": pick("rating")},
                "name": pick("title"), "@id": block.attrib.get("id") and
                f"{response.url.split('#')[0]}#{block.attrib['id']}"}
        reply = pick("reply")
        if reply:
            node["comment"] = {"@type": "Comment", "text": reply,
                               "author": {"@type": "Organization"}}
        doc = review_document({k: v for k, v in node.items() if v}, response.url, ctx)
        if doc:
            docs.append(doc)
    return docs


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
