"""Find configured brands in text: folded aliases, exact aliases, exclusions, common-word guard."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from models.text import fold

# Words that, right after a sentence-initial exact alias, say that the capitalised word is
# the common word opening a sentence ("Libre à vous", "Libre comme l'air", "Libre et
# heureux", "Libre software"): the adjective's complements, coordinations and set phrases,
# a closed class. Anything else (a verb, a product noun) reads as the brand: a list of the
# verbs a company can do ("Libre lance", "Libre veut", "Libre slashes") is never complete;
# models/eval/brands_*.jsonl measured 12 such misses with that list.
COMMON_WORD_CUES = frozenset(
    """
    à au aux de d' du des comme et ou ni mais car donc enfin pour sans dans en sur par parce
    malgré jusqu' depuis le la les l' un une est était accès arbitre penseur pensée service
    échange circulation expression opinion antenne choix parcours cours
    as and or nor but to from in of for at software office
    """.split()
)
# "Libre est-il... ?": a verb inverted with its subject pronoun makes the alias the subject.
_INVERSION = re.compile(r"-(?:t-)?(?:il|elle|ils|elles|on|ce)\b")
_NEXT_WORD = re.compile(r"[ \t]+(\w+'?)")
# A sentence-initial exact alias directly coordinated with another brand ("Libre et Orbis
# ont signé...") is the brand too: another match must start within this many characters.
COORDINATION_CHARS = 12
# A sentence whose words are capitalised at least this often is a title-case headline.
# Set by reading: news titles in English capitalise every content word (~70 % of words).
TITLE_CASE_SHARE = 0.6
_PREVIOUS_WORD = re.compile(r"(?:^|(?<=[\s'(«\"“]))([^\W\d_]+(?:'s)?)[ \t]+$")
_LETTERS = re.compile(r"[^\W\d_]+")
_TAG_GLUE = frozenset("0123456789_")
_RIGHT = r"(?![\w])"
_SENTENCE_END = re.compile(r"(?:[.!?…]+[\"»”)]*\s+|\n\s*)")
_OPENERS = " \t\n\"'«“(-—–*•>"
# A case-insensitive alias written in lower case right after an indefinite article is the
# common noun ("a nova is a star", "une nova"): a brand is not counted out like a thing. The
# definite article is left alone: "the nova network", "the hexa app" are the brand (measured
# on models/eval/brands_en.jsonl: with "the/le/la" recall fell by 2 sentences, precision rose by 1).
_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=[\s(«\"“]))(?:a|an|un|une)[ \t]+$")


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
    # No look-behind for the word start: it stops re from skipping to the alternatives' first
    # characters, and made these scans 1.6 to 3 times slower; `_word_matches` checks it.
    return re.compile(f"(?:{body}){_RIGHT}", flags)


def _word_matches(pattern: re.Pattern[str] | None, text: str) -> list[tuple[int, int]]:
    """Return the spans of `pattern.finditer(text)` that start a word, as `(?<!\\w)` before it would."""
    spans: list[tuple[int, int]] = []
    if pattern is None:
        return spans
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # re's \w
            pos = start + 1  # a word's inside: the next start may be in this match
            continue
        spans.append(m.span())
        pos = m.end()
    return spans


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
    # "#OrbisFail", "#Nova5G", "@orbis_sav": a tag that goes on after the alias with a capital,
    # a digit or an underscore; "#NovaScotia" is vetoed by the exclude glued the same way.
    tagged: re.Pattern[str] | None = None
    # Exact aliases in capitals ("LIBRE"), read only inside all-capital headlines.
    shouted: frozenset[str] = frozenset()
    tagged_exclude: re.Pattern[str] | None = None


def _tag_regex(phrases: Iterable[str]) -> re.Pattern[str] | None:
    glued = {re.sub(r"[\s\-'@#]", "", p) for p in phrases}
    body = "|".join(re.escape(g) for g in sorted(glued - {""}, key=len, reverse=True))
    return re.compile(f"(?<=[#@])(?:{body})") if body else None


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
        exact=_compile(exact + [a.upper() for a in exact]),
        shouted=frozenset(a.upper() for a in exact) - set(exact),
        exclude=_compile(
            fold(p).strip() for p in brand.get("exclude", []) or [] if not _has_accent(p)
        ),
        exclude_accented=_compile(
            _apostrophes(p.lower().strip()) for p in brand.get("exclude", []) or [] if _has_accent(p)
        ),
        # Exact aliases are common words, glued into other tags too (#LibreOffice, #LibreWolf).
        tagged=_tag_regex(insensitive),
        tagged_exclude=_tag_regex(fold(p) for p in brand.get("exclude", []) or []),
    )


def _apostrophes(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _sentence_starts(text: str, extra: Iterable[int] = ()) -> set[int]:
    starts = {0, *extra}
    starts.update(m.end() for m in _SENTENCE_END.finditer(text))
    return starts


def _is_sentence_initial(text: str, start: int, starts: set[int]) -> bool:
    """Tell whether only openers (spaces, quotes, dashes, bullets) stand between a sentence start and `start`."""
    i = start
    while i not in starts and i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    return i in starts or i == 0


def _sentence_bounds(text: str, position: int, starts: set[int]) -> tuple[int, int]:
    """Return (start, end) of the sentence holding `position`."""
    return (max((s for s in starts if s <= position), default=0),
            min((s for s in starts if s > position), default=len(text)))


def _in_capitals(text: str, start: int, starts: set[int]) -> bool:
    """Tell whether the sentence around `start` is written in capitals ("LIBRE LANCE SA BOX")."""
    sentence = text[slice(*_sentence_bounds(text, start, starts))]
    return not any(c.islower() for c in sentence) and len(_LETTERS.findall(sentence)) > 1


def _opens_as_common_word(text: str, lowered: str, end: int, capitals: bool = False) -> bool:
    """Tell whether what follows a sentence-initial exact alias makes it the common word."""
    if lowered.startswith("'s", end):  # a possessive is a name's: "Libre's CEO"
        return False
    next_word = _NEXT_WORD.match(lowered, end)
    if next_word is None:  # punctuation or the end: "Libre, enfin !", "Libre ?"
        return True
    if _INVERSION.match(lowered, next_word.end()):
        return False
    # "Libre Office", "Libre Franklin": another capitalised word makes another name; the
    # brand's own multiword names are aliases ("Libre Mobile"), matched before this.
    if text[next_word.start(1)].isupper() and not capitals:
        return True
    return next_word.group(1) in COMMON_WORD_CUES


def _is_title_case(word: str) -> bool:
    return word[:1].isupper() and any(c.islower() for c in word)


def _title_case_word_before(text: str, match: BrandMatch) -> int | None:
    """Return where a title-case word right before the match starts, if there is one."""
    previous = _PREVIOUS_WORD.search(text, max(0, match.start - 60), match.start)
    return previous.start(1) if previous and _is_title_case(previous.group(1)) else None


def _ends_another_name(
    text: str, match: BrandMatch, word_start: int, starts: set[int], matches: list[BrandMatch]
) -> bool:
    """Tell whether the title-case word at `word_start`, glued before the match, makes it another name.

    "Radio Nova", "Cuba Libre", "Freestyle Libre", "Huawei nova": a title-case word that
    neither opens the sentence ("Merci Libre") nor is a brand ("Orbis Nova") precedes it.
    Title-case headlines ("Customers Flee Orbis") capitalise every word, so they are skipped.
    """
    if _is_sentence_initial(text, word_start, starts) or any(
        m.start <= word_start < m.end for m in matches
    ):
        return False
    # The two words under judgement are left out of the count: they are capitalised anyway.
    words = [
        w
        for w in _LETTERS.finditer(text, *_sentence_bounds(text, match.start, starts))
        if not word_start <= w.start() < match.end and len(w.group()) > 2
    ]
    capitalised = sum(_is_title_case(w.group()) or w.group().isupper() for w in words)
    return capitalised < TITLE_CASE_SHARE * len(words)


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
        # "#", "@": the tag patterns look behind for one; most texts have none.
        tags = "#" in folded or "@" in folded
        for rules in self._rules:
            found: list[tuple[int, int, bool]] = []
            if rules.tagged and tags:
                found.extend(
                    (m.start(), m.end(), False)
                    for m in rules.tagged.finditer(folded)
                    if m.end() < len(text) and (text[m.end()].isupper() or text[m.end()] in _TAG_GLUE)
                )
            found.extend((start, end, False) for start, end in _word_matches(rules.folded, folded))
            if rules.glued is not None and tags:
                found.extend((m.start(), m.end(), False) for m in rules.glued.finditer(folded))
            found.extend((start, end, True) for start, end in _word_matches(rules.exact, text))
            if not found:  # most texts do not name most brands: skip the (long) exclusion scans
                continue
            vetoes = _word_matches(rules.exclude, folded)
            if rules.exclude_accented:
                vetoes += _word_matches(rules.exclude_accented, lowered)
            if rules.tagged_exclude and tags:
                vetoes += [m.span() for m in rules.tagged_exclude.finditer(folded)]
            for start, end, is_exact in found:
                covering = [vs for vs, ve in vetoes if vs <= start and end <= ve]
                if covering and not is_exact:
                    continue
                if not is_exact and text[start:end].islower() and _ARTICLE_BEFORE.search(
                        lowered, max(0, start - 8), start):
                    continue
                if is_exact:
                    if starts is None:
                        starts = _sentence_starts(text, sentence_starts)
                    # In a headline in capitals, case says nothing anywhere: read "LIBRE" as a
                    # sentence-initial "Libre" (LIBRE LANCE vs LIBRE ACCÈS); elsewhere, skip it.
                    capitals = text[start:end] in rules.shouted
                    if capitals and not _in_capitals(text, start, starts):
                        continue
                    initial = capitals or _is_sentence_initial(text, start, starts)
                    # An exclude that opens with the alias ("libre à", "libre de") describes the
                    # adjective and its complement; mid-sentence, the capital has already said
                    # "name" ("de Libre à Nova", "je recommande Libre à tous").
                    if covering and (any(vs < start for vs in covering) or initial):
                        continue
                    # A common word capitalised because it opens a sentence is not the brand
                    # when the adjective's own context follows ("Libre à vous", "Libre comme").
                    if initial and _opens_as_common_word(text, lowered, end, capitals):
                        pending.append(BrandMatch(rules.brand_id, start, end, text[start:end], True))
                        continue
                candidates.append(BrandMatch(rules.brand_id, start, end, text[start:end], is_exact))
        before = [_title_case_word_before(text, m) for m in candidates]
        if any(w is not None for w in before):
            starts = starts if starts is not None else _sentence_starts(text, sentence_starts)
            candidates = [
                m
                for m, w in zip(candidates, before)
                if w is None or not _ends_another_name(text, m, w, starts, candidates)
            ]
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
