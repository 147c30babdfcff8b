"""Score main-text extraction against snippet gold files (trafilatura's evaluation format)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Extractor = Callable[[bytes, str | None], str]


@dataclass
class LanguageScore:
    """Snippet accuracy and share of fully right pages for one language."""

    snippets: int = 0
    snippets_right: int = 0
    pages: int = 0
    pages_right: int = 0
    wrong: dict[str, list[str]] = field(default_factory=dict)  # file -> snippets missed

    @property
    def snippet_accuracy(self) -> float:
        """Return the share of snippets right (`with` found, `without` absent)."""
        return self.snippets_right / self.snippets if self.snippets else 0.0

    @property
    def page_accuracy(self) -> float:
        """Return the share of pages with every snippet right."""
        return self.pages_right / self.pages if self.pages else 0.0


def score_articles(root: Path, extract: Extractor) -> dict[str, LanguageScore]:
    """Run `extract` on every page of root/gold.json and score it per language."""
    gold = json.loads((Path(root) / "gold.json").read_text(encoding="utf-8"))
    scores: dict[str, LanguageScore] = {}
    for name, entry in sorted(gold.items()):
        html = (Path(root) / "html" / name).read_bytes()
        text = _squeeze(extract(html, entry.get("url")) or "")
        wrong = [f"with: {s}" for s in entry.get("with", []) if _squeeze(s) not in text]
        wrong += [f"without: {s}" for s in entry.get("without", []) if _squeeze(s) in text]
        total = len(entry.get("with", [])) + len(entry.get("without", []))
        score = scores.setdefault(entry.get("lang") or "und", LanguageScore())
        score.snippets += total
        score.snippets_right += total - len(wrong)
        score.pages += 1
        score.pages_right += not wrong
        if wrong:
            score.wrong[name] = wrong
    return scores


def _squeeze(text: str) -> str:
    """Collapse whitespace so line breaks in the output do not split a snippet."""
    return " ".join(text.split())
