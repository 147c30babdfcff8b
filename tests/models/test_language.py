from __future__ import annotations

from models.language import OPENING_CHARS, LanguageIdentifier, _opening


def test_detects_french_english_and_others():
    ident = LanguageIdentifier()
    assert ident.detect("Le réseau de Nova est vraiment lent ce soir.") == "fr"
    assert ident.detect("The network is down again tonight, awful.") == "en"
    assert ident.detect("Das Netz ist heute Abend wieder sehr langsam.") == "de"


def test_short_text_is_undetermined():
    assert LanguageIdentifier().detect("Top !", hint="fr") == "und"


def test_a_declared_language_is_confirmed_by_the_quick_read_alone():
    ident = LanguageIdentifier()
    text = "Le réseau de Nova est vraiment lent ce soir, et le service client ne répond plus depuis hier."
    assert ident.detect(text, hint="fr") == "fr"
    # Confirmed by the trigram read of the opening: the full detector was never needed.
    assert ident._detector is None
    assert ident.detect(text) == "fr" and ident._detector is not None


def test_a_wrong_declared_language_is_not_confirmed():
    french = "Le réseau de Nova est vraiment lent ce soir, et le service client ne répond plus depuis hier."
    english = "The network has been down all evening and customer service still does not answer the phone."
    assert LanguageIdentifier().detect(french, hint="en") == "fr"
    assert LanguageIdentifier().detect(english, hint="fr") == "en"
    assert LanguageIdentifier().detect(french, hint="de") == "fr"


def test_a_declared_language_the_full_read_got_wrong():
    # The full read says French (the accented brand name weighs in short texts); the declared
    # English is confirmed by the quick read, sure of it at 0.999.
    text = "The plan from Libre Télécom costs 15 euros."
    assert LanguageIdentifier().detect(text) == "fr"
    assert LanguageIdentifier().detect(text, hint="en") == "en"


def test_the_opening_of_a_long_text_is_cut_at_a_space():
    text = "mot " * 100
    opening = _opening(text.strip())
    assert len(opening) <= OPENING_CHARS and opening.endswith("mot") and text.startswith(opening)
    assert _opening("court") == "court"
