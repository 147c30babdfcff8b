"""Find configured brands in text: folded aliases, exact aliases, exclusions, common-word guard."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from models.text import fold

# Words that, right after a sentence-initial exact alias ("Libre lance..."), say that
# the capitalised word is the brand and not the common word starting a sentence.
# Written from the telecom domain (verbs of company news, product nouns) before the
# labelled set existed; models/eval/brands_*.jsonl measures it.
BRAND_CUES = frozenset(
    """
    a annonce annoncent augmente augmentera baisse baissera lance lancera lancent propose proposera
    offre offrira devient double rachete recrute ouvre deploie degaine frappe repond revoit relance
    reduit supprime ajoute etend confirme promet passe prepare debarque signe s'attaque casse
    mobile telecom telecoms box fibre 5g 4g forfait forfaits reseau offre offres abonnes clients
    boutique appli application sa son ses chez
    launches launched offers offered cuts raises announces announced is has was will mobile's 's
    """.split()
)
# A sentence-initial exact alias directly coordinated with another brand ("Libre et Orbis
# ont signé...") is the brand too: another match must start within this many characters.
COORDINATION_CHARS = 12
_WORD = re.compile(r"[\w'@#]+")
_LEFT = r"(?<![\w])"
_RIGHT = r"(?![\w])"
_SENTENCE_END = re.compile(r"(?:[.!?…]+[\"»”)]*\s+|\n\s*)")
_OPENERS = " \t\n\"'«“(-—–*•>"


@dataclass(frozen=True)
class BrandMatch:
    """One brand occurrence: character offsets into the analysed text."""

    brand_id: str
    start: int
    end: int
    text: str
    exact: bool = False


def _alias_regex(alias: str) -> str:
    """Return a regex for one folded alias: its words may be split by spaces or hyphens."""
    words = alias.split()
    return r"[\s\-]+".join(re.escape(w) for w in words)


def _has_accent(phrase: str) -> bool:
    return fold(phrase) != phrase.lower()


def _compile(aliases: Iterable[str], flags: int = 0) -> re.Pattern[str] | None:
    alternatives = sorted({a for a in aliases if a}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(_alias_regex(a) for a in alternatives)
    return re.compile(f"{_LEFT}(?:{body}){_RIGHT}", flags)


@dataclass
class _BrandRules:
    brand_id: str
    folded: re.Pattern[str] | None
    glued: re.Pattern[str] | None
    exact: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    # Exclusions written with accents ("libre à") keep them: folded, "libre à" would veto
    # "Libre a lancé..." (the verb avoir). Case is ignored either way.
    exclude_accented: re.Pattern[str] | None


def _rules(brand: dict) -> _BrandRules:
    exact = [a for a in brand.get("exact", []) or [] if a.strip()]
    exact_folded = {fold(a) for a in exact}
    insensitive = [fold(a).strip() for a in brand.get("aliases", []) or []]
    name = fold(brand.get("name", "")).strip()
    # A name that is also an exact alias (a common word) must stay case-sensitive.
    if name and name not in exact_folded:
        insensitive.append(name)
    insensitive = [a for a in insensitive if a and a not in exact_folded]
    # Hashtags and handles glue words together: "#NovaMobile" for "Nova Mobile".
    glued = {a.replace(" ", "") for a in insensitive + [fold(a) for a in exact] if " " in a}
    glued_re = None
    if glued:
        body = "|".join(re.escape(g) for g in sorted(glued, key=len, reverse=True))
        glued_re = re.compile(f"(?<=[#@])(?:{body}){_RIGHT}")
    return _BrandRules(
        brand_id=brand["id"],
        folded=_compile(insensitive),
        glued=glued_re,
        exact=_compile(exact),
        exclude=_compile(
            fold(p).strip() for p in brand.get("exclude", []) or [] if not _has_accent(p)
        ),
        exclude_accented=_compile(
            _apostrophes(p.lower().strip()) for p in brand.get("exclude", []) or [] if _has_accent(p)
        ),
    )


def _apostrophes(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _sentence_starts(text: str, extra: Iterable[int] = ()) -> set[int]:
    starts = {0, *extra}
    starts.update(m.end() for m in _SENTENCE_END.finditer(text))
    return starts


def _is_sentence_initial(text: str, start: int, starts: set[int]) -> bool:
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    return i in starts or i == 0


def _followed_by_cue(folded: str, end: int) -> bool:
    words = _WORD.findall(folded[end : end + 40])
    return bool(words) and words[0] in BRAND_CUES


class BrandMatcher:
    """Match every configured brand; patterns are grouped by brand id, never by matched text."""

    def __init__(self, brands: list[dict]) -> None:
        self._rules = [_rules(b) for b in brands]

    def find(self, text: str, sentence_starts: Iterable[int] = ()) -> list[BrandMatch]:
        """Return non-overlapping brand matches in `text`, longest first, in text order."""
        if not text:
            return []
        folded = fold(text)
        lowered = _apostrophes(text.lower())
        if len(lowered) != len(text):  # a few characters change length when lowered ("İ")
            lowered = folded
        starts: set[int] | None = None
        candidates: list[BrandMatch] = []
        pending: list[BrandMatch] = []
        for rules in self._rules:
            found: list[tuple[int, int, bool]] = []
            for pattern, haystack, is_exact in (
                (rules.folded, folded, False),
                (rules.glued, folded, False),
                (rules.exact, text, True),
            ):
                if pattern is not None:
                    found.extend((m.start(), m.end(), is_exact) for m in pattern.finditer(haystack))
            if not found:  # most texts do not name most brands: skip the (long) exclusion scans
                continue
            vetoes = [m.span() for m in rules.exclude.finditer(folded)] if rules.exclude else []
            if rules.exclude_accented:
                vetoes += [m.span() for m in rules.exclude_accented.finditer(lowered)]
            for start, end, is_exact in found:
                if any(vs <= start and end <= ve for vs, ve in vetoes):
                    continue
                if is_exact:
                    if starts is None:
                        starts = _sentence_starts(text, sentence_starts)
                    # A common word capitalised because it opens a sentence is not the brand
                    # unless brand-ish context follows ("Libre lance...", "Libre Mobile").
                    if _is_sentence_initial(text, start, starts) and not _followed_by_cue(folded, end):
                        pending.append(BrandMatch(rules.brand_id, start, end, text[start:end], True))
                        continue
                candidates.append(BrandMatch(rules.brand_id, start, end, text[start:end], is_exact))
        for match in pending:
            if any(0 < other.start - match.end <= COORDINATION_CHARS for other in candidates):
                candidates.append(match)
        candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[BrandMatch] = []
        last_end = -1
        for match in candidates:
            if match.start >= last_end:
                kept.append(match)
                last_end = match.end
        return kept
