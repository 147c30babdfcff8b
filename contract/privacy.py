"""The keyed pseudonym of an author: the same in the crawl, the enrichment and every test.

HMAC-SHA256 under a secret key of the normalised name or handle (NFKC, case-folded, spaces
collapsed, a leading `@` dropped), `anon-<12 hex>`: one person is one author across sources
and nights while the key stays, and whoever lacks the key cannot reverse it. Reading the
key (environment, Prefect Secret block) is the caller's business (`flows.privacy`).
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

# The key travels to the crawl subprocesses under this name, whatever the config names.
KEY_ENV = "VEILLE_PSEUDONYM_KEY"
# The columns retention blanks in raw lake files once they are enriched.
PURGED_COLUMNS = ("title", "text", "reply_text")


def pseudonym(key: str, name: str | None) -> str | None:
    """Return the keyed pseudonym of an author name or handle (None and "" pass through)."""
    if not name or not name.strip():
        return name
    norm = " ".join(unicodedata.normalize("NFKC", name).casefold().split()).lstrip("@")
    digest = hmac.new(key.encode(), norm.encode(), hashlib.sha256).hexdigest()
    return f"anon-{digest[:12]}"
