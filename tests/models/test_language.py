from __future__ import annotations

from models.language import LanguageIdentifier


def test_detects_french_english_and_others():
    ident = LanguageIdentifier()
    assert ident.detect("Le réseau de Nova est vraiment lent ce soir.") == "fr"
    assert ident.detect("The network is down again tonight, awful.") == "en"
    assert ident.detect("Das Netz ist heute Abend wieder sehr langsam.") == "de"


def test_short_text_is_undetermined():
    assert LanguageIdentifier().detect("Top !", hint="fr") == "und"
