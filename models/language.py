"""Detect a document's language with lingua, restricted to the languages we expect."""

from __future__ import annotations

from dataclasses import dataclass, field

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

CANDIDATES = ("fr", "en", "de", "es", "it", "nl", "pt")
UNDETERMINED = "und"
# Below 20 characters lingua's guesses among 7 languages are close to chance
# (ecosystem notes §6); tagging them "und" is more honest than a guess.
MIN_CHARS = 20
# When the two best candidates are this close, the feed's declared language
# decides. Set by hand: on short FR/EN posts a gap under 0.2 was a coin toss.
HINT_MARGIN = 0.2


@dataclass
class LanguageIdentifier:
    """Build one lingua detector and reuse it for every document."""

    candidates: tuple[str, ...] = CANDIDATES
    _detector: LanguageDetector | None = field(default=None, init=False, repr=False)

    def _get(self) -> LanguageDetector:
        if self._detector is None:
            langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in self.candidates]
            self._detector = LanguageDetectorBuilder.from_languages(*langs).build()
        return self._detector

    def detect(self, text: str, hint: str | None = None) -> str:
        """Return the ISO 639-1 code of `text`, "und" when too short; `hint` only breaks ties."""
        stripped = text.strip()
        if len(stripped) < MIN_CHARS:
            return UNDETERMINED
        values = self._get().compute_language_confidence_values(stripped)
        if not values:
            return UNDETERMINED
        best = values[0].language.iso_code_639_1.name.lower()
        hint = (hint or "").split("-")[0].split("_")[0].lower()
        if hint and hint != best and len(values) > 1:
            for value in values[1:]:
                code = value.language.iso_code_639_1.name.lower()
                if code == hint and values[0].value - value.value < HINT_MARGIN:
                    return hint
        return best
