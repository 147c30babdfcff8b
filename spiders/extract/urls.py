"""Canonical URLs, redirect unwrapping and document ids."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Click-tracking parameters that never change what a page says.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|"
    r"_hsenc|_hsmi|mkt_tok|ref_src|spm|xtor|at_medium|at_campaign)$",
    re.IGNORECASE,
)
# Query keys under which redirectors (Google Alerts, Reddit, newsletters) carry the target.
_WRAPPER_KEYS = ("url", "u", "q", "target", "dest", "destination", "redirect", "to")


def unwrap_redirect(url: str, _depth: int = 0) -> str:
    """Return the real target of a redirect wrapper link, or the link itself."""
    parts = urlsplit(url)
    host = parts.netloc.lower()
    query = dict(parse_qsl(parts.query, keep_blank_values=False))
    target = None
    if host.endswith("google.com") and parts.path in ("/url", "/search"):
        target = query.get("url") or query.get("q")
    elif host.startswith("out.reddit.com") or parts.path.endswith("/outbound"):
        target = query.get("url")
    else:
        for key in _WRAPPER_KEYS:
            value = query.get(key, "")
            if value.startswith(("http://", "https://", "http%3A", "https%3A")):
                target = value
                break
    if not target:
        return url
    target = unquote(target) if target.startswith("http%3") else target
    return unwrap_redirect(target, _depth + 1) if _depth < 3 else target


def canonical_url(url: str, keep_fragment: bool = False) -> str:
    """Return the URL canonicalized, tracking parameters and fragment removed."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING.match(k)]
    cleaned = urlunsplit(parts._replace(query=urlencode(query)))
    return canonicalize_url(cleaned, keep_fragments=keep_fragment)


def sha1_id(key: str) -> str:
    """Return the sha1 hex of a platform id or canonical URL."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def platform_doc_id(platform: str, platform_id: str) -> str:
    """Return the doc_id of an item a platform names (status uri, post uri, review @id)."""
    return sha1_id(f"{platform}:{platform_id}")
