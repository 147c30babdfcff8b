"""Score main-text extraction on the shared real-world articles; print one JSON line per run."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from spiders.extract.evaluate import score_articles  # noqa: E402
from spiders.extract.maintext import extract_main_text  # noqa: E402

ARTICLES = REPO / ".." / "shared" / "data" / "realworld" / "articles"


def _trafilatura_alone(html: bytes, url: str | None) -> str:
    """Return trafilatura's text at its best single setting on these pages (no comments)."""
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False) or ""


def main() -> None:
    """Print snippet and page accuracy per language for Veille's extractor and the baseline."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ARTICLES
    out: dict[str, object] = {"articles": str(root.resolve())}
    for label, extract in (("veille", lambda h, u: extract_main_text(h, u).text),
                           ("trafilatura", _trafilatura_alone)):
        start = time.perf_counter()
        scores = score_articles(root, extract)
        out[label] = {lang: {"snippet_accuracy": round(s.snippet_accuracy, 3),
                             "page_accuracy": round(s.page_accuracy, 3),
                             "pages": s.pages, "snippets": s.snippets}
                      for lang, s in sorted(scores.items())}
        out[f"{label}_seconds"] = round(time.perf_counter() - start, 2)
        if label == "veille":
            out["veille_wrong"] = {n: w for s in scores.values() for n, w in s.wrong.items()}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
