"""The analysts' cookbook: saved questions as .sql files in warehouse/cookbook/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

COOKBOOK_DIR = Path(__file__).parent / "cookbook"


@dataclass(frozen=True)
class Recipe:
    """One saved question: its file stem, the question (first comment line), its SQL."""

    name: str
    question: str
    text: str


def cookbook() -> list[Recipe]:
    """Return every recipe of warehouse/cookbook/, sorted by name."""
    recipes = []
    for path in sorted(COOKBOOK_DIR.glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        recipes.append(Recipe(path.stem, first.removeprefix("--").strip(), text))
    return recipes
